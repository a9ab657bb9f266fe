/**
 * The NerdGraph client: one NRQL query per POST, the NRQL passed as a GraphQL
 * variable (never spliced into the GraphQL text), at most five requests in flight,
 * transient failures retried (retry.ts). The user key travels in the API-Key header
 * and nowhere else: no message built here contains it, and every message is redacted
 * against it all the same.
 */
import { Agent, request } from 'undici';
import { UpstreamError, redact } from '../../errors.js';
import { Limiter } from './limiter.js';
import { DEFAULT_RETRY, backoffDelay, parseRetryAfter, type RetryPolicy } from './retry.js';

export const ENDPOINTS = {
  us: 'https://api.newrelic.com/graphql',
  eu: 'https://api.eu.newrelic.com/graphql',
} as const;

/** NerdGraph's NRQL field (NrdbResultContainer); `timeout` is NRDB's own, in seconds (5–120). */
export const NRQL_GRAPHQL = `query ($accountId: Int!, $nrql: Nrql!, $timeout: Seconds) {
  actor { account(id: $accountId) { nrql(query: $nrql, timeout: $timeout) { results otherResult metadata { facets } } } }
}`;

export const MAX_IN_FLIGHT = 5;

/**
 * How newrelic-client-go tells a deprecation notice from an error
 * (pkg/http GraphQLErrorResponse.IsDeprecated): its message starts so. It arrives in
 * `errors[]` beside complete `data`, which is still good.
 */
const DEPRECATION = 'This field is deprecated!';

/** GraphQL error classes that say "try again later", not "this query is wrong". */
const RETRYABLE_CLASSES = new Set(['TIMEOUT', 'TOO_MANY_REQUESTS', 'SERVER_ERROR', 'INTERNAL_SERVER_ERROR']);

export interface NerdGraphConfig {
  endpoint: string;
  apiKey: string;
  accountId: number;
  /** one request's limit, from sending to the last byte of the answer */
  timeoutMs: number;
  maxInFlight?: number;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  /** a deprecation notice New Relic sent beside complete data (the data is still read) */
  onDeprecation?: (message: string) => void;
}

export interface NrqlAnswer {
  results: Record<string, unknown>[];
  /** the aggregate of the facets beyond the limit; null when every facet fits */
  otherResult: unknown;
  /** the FACET attributes, in order */
  facets: string[];
}

type Outcome = { ok: NrqlAnswer } | { retry: string; retryAfterMs?: number } | { fail: Error };

interface GraphQLError {
  message?: string;
  extensions?: { errorClass?: string; error_code?: string; code?: string };
}

export class NerdGraphClient {
  private readonly agent: Agent;
  private readonly slots: Limiter;
  private readonly policy: RetryPolicy;

  constructor(private readonly config: NerdGraphConfig) {
    const maxInFlight = config.maxInFlight ?? MAX_IN_FLIGHT;
    this.agent = new Agent({ connections: maxInFlight });
    this.slots = new Limiter(maxInFlight);
    this.policy = { ...DEFAULT_RETRY, ...config.retry };
  }

  async nrql(nrql: string): Promise<NrqlAnswer> {
    for (let attempt = 1; ; attempt++) {
      this.config.signal?.throwIfAborted();
      const outcome = await this.slots.run(() => this.attempt(nrql));
      if ('ok' in outcome) return outcome.ok;
      if ('fail' in outcome) throw outcome.fail;
      if (attempt >= this.policy.maxAttempts) {
        throw new UpstreamError(this.clean(`New Relic did not answer after ${attempt} attempts: ${outcome.retry}`));
      }
      // the slot is free while we wait, so other queries go on
      await this.policy.sleep(backoffDelay(this.policy, attempt, outcome.retryAfterMs), this.config.signal);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async attempt(nrql: string): Promise<Outcome> {
    const { endpoint, apiKey, accountId, timeoutMs, signal: outer } = this.config;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const timeoutSeconds = Math.min(120, Math.max(5, Math.round(timeoutMs / 1000)));
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(endpoint, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', 'api-key': apiKey, 'user-agent': 'mesh-cost' },
        body: JSON.stringify({ query: NRQL_GRAPHQL, variables: { accountId, nrql, timeout: timeoutSeconds } }),
        signal,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await res.body.text();
    } catch (e) {
      if (outer?.aborted) return { fail: e as Error };
      if (timeout.aborted) return { retry: `no answer within ${timeoutMs / 1000}s (--nr-timeout)` };
      return { retry: `network error: ${describeNetworkError(e)}` };
    }
    return this.classify(status, headers, text);
  }

  private classify(status: number, headers: Record<string, string | string[] | undefined>, text: string): Outcome {
    if (status === 401) return { fail: this.rejectedKey(`HTTP ${status}`) };
    const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
    if (status === 429 || status >= 500) return { retry: `HTTP ${status}`, retryAfterMs };
    let body: { data?: unknown; errors?: GraphQLError[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { fail: new UpstreamError(`New Relic answered HTTP ${status} with a body that is not JSON (is --nr-endpoint a NerdGraph URL?)`) };
    }
    let errors = Array.isArray(body?.errors) ? body.errors : [];
    // only notices, and the data is there: read it (a notice beside missing data is still a failure)
    if (errors.length > 0 && errors.every((e) => e.message?.startsWith(DEPRECATION)) && status < 300 && nrqlOf(body.data) !== undefined) {
      for (const e of errors) this.config.onDeprecation?.(this.clean(e.message!));
      errors = [];
    }
    if (errors.length > 0) {
      const classOf = (e: GraphQLError) => e.extensions?.errorClass ?? e.extensions?.error_code ?? e.extensions?.code ?? '';
      if (errors.some((e) => [e.extensions?.errorClass, e.extensions?.error_code, e.extensions?.code].includes('BAD_API_KEY'))) {
        return { fail: this.rejectedKey('BAD_API_KEY') };
      }
      const messages = errors.map((e) => e.message ?? classOf(e)).join('; ');
      if (errors.every((e) => RETRYABLE_CLASSES.has(classOf(e)))) return { retry: `${classOf(errors[0]!)}: ${messages}`, retryAfterMs };
      return { fail: new UpstreamError(this.clean(`New Relic rejected the query: ${messages}`)) };
    }
    if (status >= 300) return { fail: new UpstreamError(`New Relic answered HTTP ${status}`) };
    const nrql = nrqlOf(body.data);
    if (!nrql) {
      return { fail: new UpstreamError('New Relic answered without NRQL results (no data.actor.account.nrql.results)') };
    }
    const facets = (nrql.metadata as { facets?: unknown } | null | undefined)?.facets;
    return {
      ok: {
        results: nrql.results as Record<string, unknown>[],
        otherResult: nrql.otherResult ?? null,
        facets: Array.isArray(facets) ? facets.map(String) : [],
      },
    };
  }

  private rejectedKey(why: string): UpstreamError {
    return new UpstreamError(
      `New Relic rejected the API key (${why}): NEW_RELIC_API_KEY must be a user key (NRAK-…) with access to account ${this.config.accountId}`,
    );
  }

  private clean(message: string): string {
    return redact(message, [this.config.apiKey]);
  }
}

/** `data.actor.account.nrql` when it holds a results array. */
function nrqlOf(data: unknown): Record<string, unknown> | undefined {
  const nrql = (data as { actor?: { account?: { nrql?: Record<string, unknown> | null } | null } } | undefined)?.actor?.account?.nrql;
  return nrql && Array.isArray(nrql.results) ? nrql : undefined;
}

function describeNetworkError(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  const message = err.cause?.message ?? err.message ?? String(e);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

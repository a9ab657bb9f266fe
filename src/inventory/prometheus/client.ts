/**
 * The Prometheus HTTP API client: instant queries (`POST /api/v1/query`, the PromQL in a
 * form body, so a long query never meets a URL length limit), at most five in flight,
 * transient failures (429, 5xx, network errors, a hang past the timeout, a cut-off
 * body) retried with backoff and jitter honouring Retry-After (../http/retry.ts).
 * Credentials travel in the Authorization header or the user's extra headers only: the
 * base URL this client keeps has none, and every message is redacted all the same.
 */
import { Agent, request } from 'undici';
import { UpstreamError, redact } from '../../errors.js';
import { Limiter } from '../http/limiter.js';
import { describeNetworkError } from '../http/networkError.js';
import { DEFAULT_RETRY, backoffDelay, parseRetryAfter, type RetryPolicy } from '../http/retry.js';

export const MAX_IN_FLIGHT = 5;
/** The largest answer read; a larger one is split, as one Prometheus refuses as too large. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 2 ** 20;

export interface PrometheusConfig {
  /** the API's base, without credentials: `http://prometheus:9090`, `https://mimir/prometheus` */
  baseUrl: string;
  /** request headers: Authorization, X-Scope-OrgID … (values are secrets) */
  headers: Record<string, string>;
  /** the token and password inside those headers, redacted from every message */
  secrets?: readonly string[];
  timeoutMs: number;
  maxResponseBytes?: number;
  maxInFlight?: number;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
}

/** One series of an instant vector: its labels and its value. */
export interface Sample {
  metric: Record<string, string>;
  value: number;
}

/** The answer is larger than Prometheus or this reader accepts: the caller splits the query. */
export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

type Outcome = { ok: Sample[] } | { retry: string; retryAfterMs?: number } | { fail: Error };

interface ApiBody {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: { metric?: Record<string, string>; value?: [number, string] }[] };
}

const TOO_MANY_SAMPLES = /query processing would load too many samples/i;

export class PrometheusClient {
  private readonly agent: Agent;
  private readonly slots: Limiter;
  private readonly policy: RetryPolicy;
  private readonly endpoint: string;

  constructor(private readonly config: PrometheusConfig) {
    const maxInFlight = config.maxInFlight ?? MAX_IN_FLIGHT;
    this.agent = new Agent({ connections: maxInFlight });
    this.slots = new Limiter(maxInFlight);
    this.policy = { ...DEFAULT_RETRY, ...config.retry };
    this.endpoint = `${config.baseUrl.replace(/\/+$/, '')}/api/v1/query`;
  }

  /** The instant vector of `promql` evaluated at `time` (epoch ms). */
  async query(promql: string, time: number): Promise<Sample[]> {
    for (let attempt = 1; ; attempt++) {
      this.config.signal?.throwIfAborted();
      const outcome = await this.slots.run(() => this.attempt(promql, time));
      if ('ok' in outcome) return outcome.ok;
      if ('fail' in outcome) throw outcome.fail;
      if (attempt >= this.policy.maxAttempts) {
        throw new UpstreamError(this.clean(`Prometheus at ${this.config.baseUrl} did not answer after ${attempt} attempts: ${outcome.retry}`));
      }
      // the slot is free while we wait, so other queries go on
      await this.policy.sleep(backoffDelay(this.policy, attempt, outcome.retryAfterMs), this.config.signal);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async attempt(promql: string, time: number): Promise<Outcome> {
    const { timeoutMs, signal: outer } = this.config;
    const limit = this.config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(this.endpoint, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { ...this.config.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': 'mesh-cost' },
        body: new URLSearchParams({ query: promql, time: String(time / 1000) }).toString(),
        signal,
      });
      status = res.statusCode;
      headers = res.headers;
      const read = await readLimited(res.body, limit);
      if (read === undefined) return { fail: new TooLargeError(`the answer is over ${limit} bytes`) };
      text = read;
    } catch (e) {
      if (outer?.aborted) return { fail: e as Error };
      if (timeout.aborted) return { retry: `no answer within ${timeoutMs / 1000}s (--prom-timeout)` };
      return { retry: `network error: ${describeNetworkError(e)}` };
    }
    return this.classify(status, headers, text);
  }

  private classify(status: number, headers: Record<string, string | string[] | undefined>, text: string): Outcome {
    if (status === 401 || status === 403) {
      return {
        fail: new UpstreamError(
          `Prometheus refused the credentials (HTTP ${status}) at ${this.config.baseUrl}: check --prom-bearer-token-file, the user:password in the URL, or --prom-header`,
        ),
      };
    }
    const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
    const contentType = String(headers['content-type'] ?? '');
    if (/html/i.test(contentType) || /^\s*</.test(text)) {
      if (status === 429 || status >= 500) return { retry: `HTTP ${status}`, retryAfterMs };
      return {
        fail: new UpstreamError(
          `${this.config.baseUrl} answered HTTP ${status} with an HTML page, not the Prometheus API: is it a login page or a UI? Pass the API's base URL and its credentials`,
        ),
      };
    }
    let body: ApiBody | undefined;
    try {
      body = JSON.parse(text) as ApiBody;
    } catch {
      body = undefined;
    }
    if (body?.status === 'error') {
      const message = `${body.errorType ?? 'error'}: ${body.error ?? '(no message)'}`;
      if (TOO_MANY_SAMPLES.test(body.error ?? '')) return { fail: new TooLargeError(message) };
      if (status === 429 || status >= 500) return { retry: `HTTP ${status} ${message}`, retryAfterMs };
      return { fail: new UpstreamError(this.clean(`Prometheus rejected the query (HTTP ${status}) ${message}`)) };
    }
    if (status === 429 || status >= 500) return { retry: `HTTP ${status}`, retryAfterMs };
    if (status >= 300) return { fail: new UpstreamError(`${this.config.baseUrl} answered HTTP ${status}`) };
    // a body cut off in transit is worth another try
    if (body === undefined) return { retry: `HTTP ${status} with an incomplete or non-JSON body` };
    const result = body?.data?.result;
    if (body?.status !== 'success' || body.data?.resultType !== 'vector' || !Array.isArray(result)) {
      return { fail: new UpstreamError(`${this.config.baseUrl} answered without an instant vector (expected {"status":"success","data":{"resultType":"vector",…}})`) };
    }
    return { ok: result.map((r) => ({ metric: r.metric ?? {}, value: Number(r.value?.[1]) })) };
  }

  private clean(message: string): string {
    return redact(redact(message), [...Object.values(this.config.headers), ...(this.config.secrets ?? [])]);
  }
}

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readLimited(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

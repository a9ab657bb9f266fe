/**
 * When to try a request to an upstream API (NerdGraph, Prometheus) again, and how long to wait first: exponential
 * backoff with full jitter (so that five parallel requests that failed together do
 * not retry together), never shorter than the server's Retry-After, always bounded.
 * The clock is injected, so tests run the whole schedule without waiting.
 */

export interface RetryPolicy {
  /** attempts in all, the first one included */
  maxAttempts: number;
  /** the backoff ceiling of the first retry; it doubles with each further one */
  baseDelayMs: number;
  /** no wait is longer than this, Retry-After included */
  maxDelayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1); Math.random in production, fixed in tests */
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason as Error);
      };
      // the listener goes when the wait ends, or a long run would pile them up on one signal
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  random: Math.random,
};

/** The wait before retry number `retry` (1 for the first retry). */
export function backoffDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = policy.random() * ceiling;
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

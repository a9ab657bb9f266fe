import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from '../../../src/inventory/http/retry.js';

describe('retry timing', () => {
  const policy = (random: number): RetryPolicy => ({ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => random, sleep: async () => {} });

  it('backs off exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy(1 - 1e-9), n))).toEqual([1000, 2000, 4000, 8000].map((d) => d * (1 - 1e-9)));
    expect(backoffDelay(policy(0.25), 3)).toBe(1000);
    expect(backoffDelay(policy(0.999), 20)).toBeCloseTo(59_940, 6);
  });

  it('waits at least Retry-After, but never past the cap', () => {
    expect(backoffDelay(policy(0.5), 1, 30_000)).toBe(30_000);
    expect(backoffDelay(policy(0.5), 1, 3_600_000)).toBe(60_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

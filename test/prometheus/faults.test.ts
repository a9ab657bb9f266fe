/**
 * Transport faults between the reader and a real Prometheus server, injected by a
 * local proxy: what is retried (429, 5xx, a hang, a cut-off body) ends in the same
 * inventory; what is not (refused credentials, a login page, Prometheus' own error)
 * is one clear upstream error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { prometheusReader, type PrometheusOptions } from '../../src/inventory/prometheus/index.js';
import { QUERY_NAMES } from '../../src/inventory/prometheus/queries.js';
import { Warnings } from '../../src/inventory/types.js';
import { startFaultProxy, type FaultProxy } from './faultProxy.mjs';
import { END, PRD, serve, type Served } from './fixture.js';
import { SKIP_MESSAGE, prometheusAvailable } from './server.mjs';

const available = prometheusAvailable();
if (!available) console.warn(SKIP_MESSAGE);

let served: Served;
let proxy: FaultProxy;
let slow: FaultProxy;
let expected: Awaited<ReturnType<typeof read>>;
const waits: number[] = [];

beforeAll(async () => {
  if (!available) return;
  served = await serve({ clusters: [PRD] });
  [proxy, slow] = await Promise.all([startFaultProxy(served.server.url), startFaultProxy(served.server.url, { delayMs: 30 })]);
  expected = await read(served.server.url);
});
afterEach(() => {
  proxy?.reset();
  waits.length = 0;
});
afterAll(async () => {
  await Promise.all([proxy?.close(), slow?.close()]);
  await served?.close();
});

/** the inventory without its source, which names the URL read */
const same = (snap: Awaited<ReturnType<typeof read>>) => ({ ...snap.inventory, sources: [] });

function read(url: string, extra: Partial<PrometheusOptions> = {}) {
  const options: PrometheusOptions = {
    baseUrl: url,
    headers: {},
    window: { since: END * 1000 - 3_600_000, until: END * 1000 },
    clusterLabel: 'cluster',
    clusters: [],
    timeoutMs: 2000,
    // the schedule is recorded, not waited for
    retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    ...extra,
  };
  return prometheusReader.snapshot(options, { warnings: new Warnings() });
}

describe.skipIf(!available)('Prometheus transport faults (a local proxy in front of a real server)', () => {
  it('retries 429 honouring Retry-After, and 503, then reads the same inventory', async () => {
    proxy.faults.push({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' }, { status: 503, body: 'unavailable' });
    const snap = await read(proxy.url);
    expect(same(snap)).toEqual(same(expected));
    expect(proxy.requests).toHaveLength(QUERY_NAMES.length + 2);
    // Retry-After: 7 s beats the jittered first backoff (0.5 × 1 s); the 503 waits the backoff itself
    expect(waits.sort((a, b) => a - b)).toEqual([500, 7000]);
  });

  it('retries a request that hangs past the timeout, and a body cut off in transit', async () => {
    proxy.faults.push('hang', 'truncate');
    const snap = await read(proxy.url, { timeoutMs: 500 });
    expect(same(snap)).toEqual(same(expected));
    expect(proxy.requests).toHaveLength(QUERY_NAMES.length + 2);
  });

  it('gives up after the last attempt with what went wrong', async () => {
    proxy.always = { status: 502, body: 'bad gateway' };
    await expect(read(proxy.url, { retry: { maxAttempts: 6, sleep: async () => {}, random: () => 0 } })).rejects.toThrow(
      new UpstreamError(`Prometheus at ${proxy.url} did not answer after 6 attempts: HTTP 502`),
    );
  });

  it('stops at refused credentials, a login page, and Prometheus\' own error message', async () => {
    // every answer is the fault: requests of an earlier, aborted read may still arrive
    proxy.always = { status: 401, body: 'Unauthorized' };
    await expect(read(proxy.url)).rejects.toThrow(/^Prometheus refused the credentials \(HTTP 401\) at http:\/\/127\.0\.0\.1:\d+: check --prom-bearer-token-file, the user:password in the URL, or --prom-header$/);
    proxy.always = { status: 403, body: 'Forbidden' };
    await expect(read(proxy.url)).rejects.toThrow(/^Prometheus refused the credentials \(HTTP 403\)/);
    proxy.always = 'html';
    await expect(read(proxy.url)).rejects.toThrow(/answered HTTP 200 with an HTML page, not the Prometheus API: is it a login page or a UI\?/);
    proxy.always = { status: 422, body: JSON.stringify({ status: 'error', errorType: 'execution', error: 'expanding series: remote read timed out' }) };
    await expect(read(proxy.url)).rejects.toThrow('Prometheus rejected the query (HTTP 422) execution: expanding series: remote read timed out');
  });

  it('keeps at most five requests in flight, and sends the headers it was given', async () => {
    const snap = await read(slow.url, { headers: { authorization: 'Bearer tok-123456', 'x-scope-orgid': 'team-a' } });
    expect(same(snap)).toEqual(same(expected));
    expect(slow.maxInFlight()).toBe(5);
    expect(slow.requests.every((r) => r.headers.authorization === 'Bearer tok-123456' && r.headers['x-scope-orgid'] === 'team-a')).toBe(true);
    // an instant query at the window's end, the PromQL in a form body
    const form = new URLSearchParams(slow.requests[0]!.body);
    expect(form.get('time')).toBe(String(END));
    expect(slow.requests[0]!.url).toBe('/api/v1/query');
  });
});

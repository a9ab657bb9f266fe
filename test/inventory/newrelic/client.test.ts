import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import { NerdGraphClient, type NerdGraphConfig } from '../../../src/inventory/newrelic/client.js';
import { generateAccount, startNerdGraphStub, type Fault, type NerdGraphStub, type StubRequest } from '../../nerdgraph/stub.mjs';

const KEY = 'NRAK-TESTKEYCLIENT0123456789';
const ACCOUNT = 4242;
const NOW = Date.UTC(2026, 5, 1);
const events = generateAccount({
  now: NOW,
  clusters: [{ name: 'prd', nodes: 3, namespaces: [{ name: 'shop', workloads: [{ name: 'cart', replicas: 4, rps: 10 }] }] }],
});
const NODES = `SELECT latest(allocatableCpuCores) AS 'vcpu' FROM K8sNodeSample FACET clusterName, nodeName SINCE ${NOW - 600_000} UNTIL ${NOW} LIMIT MAX`;

let stub: NerdGraphStub | undefined;
let client: NerdGraphClient | undefined;
afterEach(async () => {
  await client?.close();
  await stub?.close();
  client = stub = undefined;
});

/** A client whose backoff waits are recorded, not slept. */
async function setUp(fault?: (r: StubRequest) => Fault, config: Partial<NerdGraphConfig> = {}, badKey?: 'http' | 'graphql') {
  stub = await startNerdGraphStub({ events, apiKey: KEY, accountId: ACCOUNT, ...(fault ? { fault } : {}), ...(badKey ? { badKey } : {}) });
  const waits: number[] = [];
  client = new NerdGraphClient({
    endpoint: stub.url,
    apiKey: KEY,
    accountId: ACCOUNT,
    timeoutMs: 5000,
    retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5, baseDelayMs: 100, maxDelayMs: 10_000, maxAttempts: 4 },
    ...config,
  });
  return { stub, client, waits };
}

describe('NerdGraphClient', () => {
  it('sends the NRQL as a GraphQL variable with the key in the API-Key header, and reads NerdGraph results', async () => {
    const { stub, client } = await setUp();
    const answer = await client.nrql(NODES);
    expect(answer.facets).toEqual(['clusterName', 'nodeName']);
    expect(answer.otherResult).toBeNull();
    expect(answer.results.map((r) => r.nodeName).sort()).toEqual(['prd-node-0', 'prd-node-1', 'prd-node-2']);
    expect(answer.results[0]!.vcpu).toBe(7.91);
    const [req] = stub.requests;
    expect(req!.apiKey).toBe(KEY);
    expect(req!.variables).toMatchObject({ accountId: ACCOUNT, nrql: NODES, timeout: 5 });
    expect(req!.query).not.toContain('SELECT');
  });

  it('retries 429 after at least its Retry-After, then 500 and a dropped connection, with growing backoff', async () => {
    const faults: Fault[] = [{ status: 429, headers: { 'retry-after': '7' } }, { status: 500 }, { destroy: true }];
    const { stub, client, waits } = await setUp((r) => faults[r.n - 1]);
    const answer = await client.nrql(NODES);
    expect(answer.results).toHaveLength(3);
    expect(stub.requests).toHaveLength(4);
    // retry 1: max(jitter 0.5 × 100, Retry-After 7s); retries 2 and 3: 0.5 × 200, 0.5 × 400
    expect(waits).toEqual([7000, 100, 200]);
  });

  it('retries GraphQL TIMEOUT, TOO_MANY_REQUESTS and SERVER_ERROR (they arrive with HTTP 200)', async () => {
    const classes = ['TIMEOUT', 'TOO_MANY_REQUESTS', 'SERVER_ERROR'];
    const { stub, client } = await setUp((r) => (r.n <= 3 ? { graphqlErrors: [{ message: 'busy', extensions: { errorClass: classes[r.n - 1] } }] } : undefined));
    expect((await client.nrql(NODES)).results).toHaveLength(3);
    expect(stub.requests).toHaveLength(4);
  });

  it('gives up after the bound with an UpstreamError naming the last failure', async () => {
    const { stub, client } = await setUp(() => ({ status: 503 }));
    await expect(client.nrql(NODES)).rejects.toThrow(new UpstreamError('New Relic did not answer after 4 attempts: HTTP 503'));
    expect(stub.requests).toHaveLength(4);
  });

  it('abandons an answer slower than the request timeout and asks again', async () => {
    const { stub, client } = await setUp((r) => (r.n === 1 ? { delayMs: 30_000 } : undefined), { timeoutMs: 300 });
    expect((await client.nrql(NODES)).results).toHaveLength(3);
    expect(stub.requests).toHaveLength(2);
  });

  it('fails at once on HTTP 401 and on BAD_API_KEY: "New Relic rejected the API key"', async () => {
    for (const badKey of ['http', 'graphql'] as const) {
      const { stub, client } = await setUp(undefined, { apiKey: 'NRAK-WRONGKEY000000000000' }, badKey);
      const error = await client.nrql(NODES).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as Error).message).toMatch(/^New Relic rejected the API key/);
      expect(stub.requests).toHaveLength(1);
      await client.close();
      await stub.close();
    }
    client = stub = undefined;
  });

  it('shows any other GraphQL error with its message and does not retry it', async () => {
    const { stub, client } = await setUp();
    await expect(client.nrql('SELECT nonsense(')).rejects.toThrow(/^New Relic rejected the query: NRQL Syntax Error/);
    expect(stub.requests).toHaveLength(1);
  });

  it('reads complete data sent with a deprecation notice, as newrelic-client-go does, and passes the notice on', async () => {
    const notice = 'This field is deprecated! Please use `nrql` with `async` instead.';
    const seen: string[] = [];
    const { client } = await setUp(() => ({ notices: [{ message: notice, path: ['actor', 'account', 'nrql'] }] }), { onDeprecation: (m) => seen.push(m) });
    expect((await client.nrql(NODES)).results).toHaveLength(3);
    expect(seen).toEqual([notice]);
  });

  it('still fails on a notice mixed with a real error, or on a notice without the data', async () => {
    const notice = { message: 'This field is deprecated! Use something else.' };
    let { client } = await setUp(() => ({ notices: [notice, { message: 'Account is over its query limit', extensions: { errorClass: 'FORBIDDEN' } }] }));
    await expect(client.nrql(NODES)).rejects.toThrow('New Relic rejected the query: This field is deprecated! Use something else.; Account is over its query limit');
    await client.close();
    await stub!.close();
    ({ client } = await setUp(() => ({ graphqlErrors: [notice] })));
    await expect(client.nrql(NODES)).rejects.toThrow(/^New Relic rejected the query: This field is deprecated!/);
  });

  it('keeps at most 5 requests in flight', async () => {
    const { stub, client } = await setUp(() => ({ delayMs: 50 }));
    await Promise.all(Array.from({ length: 20 }, () => client.nrql(NODES)));
    expect(stub.requests).toHaveLength(20);
    expect(stub.stats.maxInFlight).toBe(5);
  });

  it('says what a non-NerdGraph endpoint answered', async () => {
    const { client } = await setUp(() => ({ status: 200, body: '<html>proxy login</html>' }));
    await expect(client.nrql(NODES)).rejects.toThrow(/not JSON/);
  });
});

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccount, startNerdGraphStub, type ClusterSpec, type NerdGraphStub } from '../nerdgraph/stub.mjs';
import { runCli, type CliResult } from './run.js';

// distinctive, so that a leak anywhere is found by a plain substring search
const KEY = 'NRAK-TESTKEYE2E7Q4Z9X2W6V1U8';
const ACCOUNT = 3141592;

const shop: ClusterSpec = {
  name: 'prd',
  nodes: 6,
  // Istio's metrics remote-written by New Relic's Prometheus agent: their cluster is `cluster_name`, not `clusterName`
  prometheus: 'agent',
  namespaces: [
    { name: 'shop', workloads: [{ name: 'cart', replicas: 4, rps: 500 }, { name: 'db', kind: 'StatefulSet', replicas: 2 }] },
    { name: 'kube-system', workloads: [{ name: 'kube-proxy', kind: 'DaemonSet', replicas: 6 }] },
  ],
};

let stub: NerdGraphStub;
let dir: string;
let overlay: string;
const outputs: CliResult[] = [];

beforeAll(async () => {
  stub = await startNerdGraphStub({ events: generateAccount({ clusters: [shop] }), apiKey: KEY, accountId: ACCOUNT });
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-nr-e2e-'));
  overlay = join(dir, 'overlay.csv');
  await writeFile(overlay, 'cluster,namespace,workload,replicas,waypoint,canary\nprd,shop,cart,1,true,true\n');
});
afterAll(async () => {
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const r = await runCli(args, { env: { NEW_RELIC_API_KEY: KEY, NEW_RELIC_ACCOUNT_ID: String(ACCOUNT), ...env } });
  outputs.push(r);
  return r;
}

const nr = () => ['--newrelic', '--nr-endpoint', stub.url];

describe('mesh-cost estimate --newrelic (built CLI against a local NerdGraph stand-in)', () => {
  it('estimates from New Relic with the observed profile as the run profile', async () => {
    const r = await cli(['estimate', ...nr(), '--basis', 'usage', '-f', 'json', '--debug']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs).toMatchObject({ sources: [`New Relic account ${ACCOUNT}`], profile: 'newrelic-observed-avg', clusters: 1, nodes: 6, workloads: 3, pods: 12, meshedPods: 6 });
    // 6 sidecars at the observed average 0.25 vCPU, plus istiod (istio-1.30, the base profile):
    // 0.5 + 0.00058 per connected proxy × 6 sidecars
    expect(report.sidecar.vcpu).toBeCloseTo(6 * 0.25 + 0.5 + 6 * 0.00058, 9);
    expect(r.stderr).toMatch(/warning: 2 workloads have no istio_requests_total in New Relic/);
    // stderr is not a terminal: no progress line
    expect(r.stderr).not.toMatch(/queries/);
  });

  it('sizes with the statistic --nr-stat names', async () => {
    const r = await cli(['estimate', ...nr(), '--basis', 'usage', '--nr-stat', 'max', '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.profile).toBe('newrelic-observed-max');
    // the pods' averages alternate 0.15 and 0.35 vCPU: the largest is 0.35
    expect(report.sidecar.vcpu).toBeCloseTo(6 * 0.35 + 0.5 + 6 * 0.00058, 9);
  });

  it('keeps an explicit -p profile as it is', async () => {
    const r = await cli(['estimate', ...nr(), '-p', 'olx-india', '--basis', 'usage', '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.profile).toBe('olx-india');
    expect(report.sidecar.vcpu).toBeCloseTo(6 * 0.2, 9);
  });

  it('feeds manifests the same way', async () => {
    const r = await cli(['manifests', ...nr(), '--workloads', overlay, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/waypoint\.yaml: Gateway waypoint/);
    expect(r.stdout).toMatch(/canary-cart\.yaml: .*Rollout cart/);
  });

  it('exports a snapshot that later runs estimate offline to the same report', async () => {
    const out = join(dir, 'snapshot');
    const exported = await cli(['newrelic', 'export', '--out', out, '--nr-endpoint', stub.url, '--workloads', overlay, '--debug']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe('');
    // the stand-in's account shows no namespace labels and no containers: the scope is every namespace
    expect(exported.stderr).toMatch(/wrote nodes\.csv, workloads\.csv, pods\.csv, profile\.yaml, mesh-cost\.yaml to .*: 6 nodes, 3 of 3 workloads and 12 of 12 pods in the scope \(all\), profile newrelic-observed-avg/);
    expect((await readdir(out)).sort()).toEqual(['mesh-cost.yaml', 'nodes.csv', 'pods.csv', 'profile.yaml', 'workloads.csv']);
    expect(await readFile(join(out, 'workloads.csv'), 'utf8')).toMatch(/^prd,prd,shop,cart,Deployment,4,500,,true,true,false,,$/m); // no requests reported: empty cells

    const live = await cli(['estimate', ...nr(), '--workloads', overlay, '-f', 'json']);
    const offline = await cli(['estimate', '-c', join(out, 'mesh-cost.yaml'), '-f', 'json'], { NEW_RELIC_API_KEY: undefined });
    expect(live.code).toBe(0);
    expect(offline.code).toBe(0);
    const comparable = (text: string) => {
      const r = JSON.parse(text);
      return { ...r, generatedAt: '', inputs: { ...r.inputs, sources: [] }, warnings: [] };
    };
    const a = comparable(live.stdout);
    expect(a.ambient.waypoints).toBe(1);
    expect(comparable(offline.stdout)).toEqual(a);
  });

  it('exports again over its own snapshot, never over a directory of other files', async () => {
    const out = join(dir, 'again');
    const args = ['newrelic', 'export', '--out', out, '--nr-endpoint', stub.url];
    expect((await cli(args)).code).toBe(0);
    expect((await cli(args)).code).toBe(0);
    const foreign = join(dir, 'foreign');
    await cli(['newrelic', 'export', '--out', foreign, '--nr-endpoint', stub.url]);
    await writeFile(join(foreign, 'mesh-cost.yaml'), 'version: 1\n');
    const refused = await cli(['newrelic', 'export', '--out', foreign, '--nr-endpoint', stub.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out: the directory holds files mesh-cost did not write/);
    expect(await readFile(join(foreign, 'mesh-cost.yaml'), 'utf8')).toBe('version: 1\n');
  });

  it('says what is missing: the key (exit 2), the account (exit 2)', async () => {
    const noKey = await cli(['estimate', ...nr()], { NEW_RELIC_API_KEY: undefined });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/^mesh-cost: NEW_RELIC_API_KEY is not set: create a New Relic user key/);
    const noAccount = await cli(['estimate', ...nr()], { NEW_RELIC_ACCOUNT_ID: undefined });
    expect(noAccount.code).toBe(2);
    expect(noAccount.stderr).toBe('mesh-cost: no New Relic account: pass --nr-account ID or set NEW_RELIC_ACCOUNT_ID\n');
    const badSince = await cli(['estimate', ...nr(), '--since', 'last tuesday']);
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toMatch(/--since: expected 'N minutes\|hours\|days\|weeks ago' or an ISO date/);
    const both = await cli(['estimate', ...nr(), '--nodes', 'test/fixtures/small/nodes.csv']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--newrelic reads nodes and pods from New Relic: drop --nodes/);
    expect(stub.requests.filter((q) => q.apiKey === undefined)).toEqual([]);
  });

  it('exits 3 with "New Relic rejected the API key" on a wrong key, asking each query at most once', async () => {
    const before = stub.requests.length;
    const r = await cli(['estimate', ...nr(), '--debug'], { NEW_RELIC_API_KEY: 'NRAK-OTHERKEY5555555555555' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^mesh-cost: New Relic rejected the API key \(HTTP 401\)/);
    const asked = stub.requests.slice(before).map((q) => q.nrql);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('exits 3 with New Relic\'s message on any other GraphQL error', async () => {
    const r = await cli(['estimate', ...nr(), '--nr-account', '999', '--debug']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^mesh-cost: New Relic rejected the query: Account 999 is not accessible with this key/);
  });

  it('never prints the API key: not in results, warnings, errors, --debug traces or snapshot files', async () => {
    expect(outputs.length).toBeGreaterThanOrEqual(10);
    for (const r of outputs) {
      expect(r.stdout).not.toContain(KEY);
      expect(r.stderr).not.toContain(KEY);
      expect(r.stderr).not.toContain('TESTKEYE2E');
    }
    const out = join(dir, 'snapshot');
    for (const f of await readdir(out)) expect(await readFile(join(out, f), 'utf8')).not.toContain('TESTKEYE2E');
  });
});

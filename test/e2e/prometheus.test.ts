/**
 * `mesh-cost estimate|manifests --prometheus` and `prometheus export`: the built CLI
 * against a real Prometheus server (test/prometheus/fixture.ts), credentials and
 * faults through a local proxy in front of it.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_NAMES, promql } from '../../src/inventory/prometheus/queries.js';
import { startFaultProxy, type FaultProxy } from '../prometheus/faultProxy.mjs';
import { PRD, SINCE, STG, TIME, serve, type Served } from '../prometheus/fixture.js';
import { SKIP_MESSAGE, prometheusAvailable } from '../prometheus/server.mjs';
import { runCli } from './run.js';

const available = prometheusAvailable();
if (!available) console.warn(SKIP_MESSAGE);

let served: Served;
let proxy: FaultProxy;
let dir: string;
let overlay: string;

beforeAll(async () => {
  if (!available) return;
  served = await serve({ clusters: [PRD, STG] });
  proxy = await startFaultProxy(served.server.url);
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-prom-e2e-'));
  overlay = join(dir, 'overlay.csv');
  // waypoint and canary for web; an rps for redis, which Istio never measured, and one for web, which it did
  await writeFile(overlay, 'cluster,namespace,workload,rps,waypoint,canary\nprd,shop,web,500,true,true\nprd,shop,redis,40,false,false\n');
});
afterAll(async () => {
  await proxy?.close();
  await served?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const prom = (url = served.server.url) => ['--prometheus', url, '--prom-time', TIME, '--since', SINCE];

describe.skipIf(!available)('mesh-cost --prometheus (built CLI against a real Prometheus server)', () => {
  it('estimates from Prometheus with an explicit profile', async () => {
    const r = await runCli(['estimate', ...prom(), '-p', 'olx-india', '--basis', 'usage', '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // 3 + 1 nodes; web, cart, redis, ledger, report, kube-proxy in prd and web in stg; 4+2+2+2+1+3 + 1 pods
    expect(report.inputs).toMatchObject({ sources: [`Prometheus ${served.server.url}`], profile: 'olx-india', clusters: 2, nodes: 4, workloads: 7, pods: 15 });
    // the scope is today's mesh (fixture.ts labels prd/shop and stg/shop istio-injection=enabled, prd/payments
    // ambient): prd/shop's web 4 (its pending fifth is not running) + cart 2, redis' 2 opted out
    // (sidecar.istio.io/inject: "false") and the waypoint infrastructure; payments' ledger 2; stg's web 1
    // = 4 + 2 + 2 + 1 = 9 pods. batch's report (an unlabelled namespace, no istio-proxy) and kube-proxy are outside.
    expect(report.inputs.scope).toMatchObject({ mode: 'mesh', namespaces: 3 });
    expect(report.inputs.meshedPods).toBe(9);
    // 9 sidecars at olx-india's 0.2 vCPU
    expect(report.sidecar.vcpu).toBeCloseTo(9 * 0.2, 9);
  });

  it('prices proxies at the usage it observed, and prints every PromQL query with --debug', async () => {
    const r = await runCli(['--debug', 'estimate', ...prom(), '--clusters', 'prd', '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.profile).toBe('prometheus-observed-avg');
    const sent = r.stderr.split('\n').filter((l) => l.startsWith('mesh-cost: debug: prometheus query '));
    expect(sent).toHaveLength(QUERY_NAMES.length);
    expect(sent).toContain(`mesh-cost: debug: prometheus query 1: ${promql('nodes', { clusterLabel: 'cluster', clusters: ['prd'] }, SINCE)}`);
    expect(r.stderr).toMatch(/warning: 3 workloads have no istio_requests_total in Prometheus and no rps in --workloads/);
  });

  it('takes waypoint and canary from --workloads, and rps only where Istio measured none', async () => {
    const r = await runCli(['estimate', ...prom(), '--clusters', 'prd', '--workloads', overlay, '-p', 'olx-india', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: 1 workload has rps in --workloads and in Istio's metrics: the measured rps is used \(first: prd\/shop\/web: measured 800, --workloads 500\)/);
    expect(r.stderr).toMatch(/warning: 1 workload has no istio_requests_total in Prometheus: its rps comes from --workloads \(first: prd\/shop\/redis\)/);
    expect(JSON.parse(r.stdout).ambient.waypoints).toBe(1);
    const m = await runCli(['manifests', ...prom(), '--clusters', 'prd', '--workloads', overlay, '-p', 'olx-india', '--dry-run']);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/waypoint\.yaml: Gateway waypoint/);
    expect(m.stdout).toMatch(/canary-web\.yaml: .*Rollout web/);
  });

  it('exports a snapshot that estimates offline to the same report', async () => {
    const out = join(dir, 'snapshot');
    const exported = await runCli(['prometheus', 'export', ...prom(), '--out', out, '--workloads', overlay]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe('');
    // the scope's workloads and pods (see above): web, cart, ledger and stg's web, 4 + 2 + 2 + 1 pods
    expect(exported.stderr).toMatch(/wrote nodes\.csv, workloads\.csv, pods\.csv, profile\.yaml, mesh-cost\.yaml to .*: 4 nodes, 4 of 7 workloads and 9 of 15 pods in the scope \(mesh\), profile prometheus-observed-avg \(19 Prometheus queries\)/);
    expect((await readdir(out)).sort()).toEqual(['mesh-cost.yaml', 'nodes.csv', 'pods.csv', 'profile.yaml', 'workloads.csv']);
    // measured: 800 rps, 3072 bytes per request; one pod's own requests 250m and 256Mi (256 × 2^20 = 268435456 bytes)
    const workloadsCsv = await readFile(join(out, 'workloads.csv'), 'utf8');
    expect(workloadsCsv).toMatch(/^prd,prd,shop,web,Deployment,4,800,3072,true,true,false,0\.25,268435456$/m);
    // redis (its pods opted out) and batch's report are outside the scope: the offline run must not price them
    expect(workloadsCsv).not.toMatch(/redis|report/);
    const live = await runCli(['estimate', ...prom(), '--workloads', overlay, '-f', 'json']);
    const offline = await runCli(['estimate', '-c', join(out, 'mesh-cost.yaml'), '-f', 'json']);
    expect(live.code).toBe(0);
    expect(offline.code).toBe(0);
    // What CSV cannot carry, the live run's alone: namespace labels and istio-proxy facts (mesh, today, the
    // scope's mode and reason: the snapshot holds the scope's workloads, which the offline run prices as
    // "all"), the infrastructure seen, the pods and workloads read outside the scope, and so the capacity figures
    // (which pack every pod of a node group, meshed or not). Every cost figure stays.
    const comparable = (text: string) => {
      const r = JSON.parse(text);
      const { mesh, today, capacity, ...rest } = r;
      const { sources, infrastructure, pods, workloads, scope, ...inputs } = r.inputs;
      return { ...rest, generatedAt: '', inputs: { ...inputs, scope: { namespaces: scope.namespaces } }, warnings: [] };
    };
    const [a, b] = [JSON.parse(live.stdout), JSON.parse(offline.stdout)];
    expect(a.mesh.sidecarsSeen).toBe(7);
    expect(a.inputs).toMatchObject({ pods: 15, workloads: 7, scope: { mode: 'mesh' } });
    expect(a.today).toBeDefined();
    expect(b.inputs).toMatchObject({ pods: 9, workloads: 4, scope: { mode: 'all' } });
    expect(b).not.toHaveProperty('today');
    expect(b.inputs).not.toHaveProperty('infrastructure');
    // both pack their pods; the snapshot's are the scope's alone
    expect(a.capacity.groups.length).toBe(b.capacity.groups.length);
    expect(comparable(offline.stdout)).toEqual(comparable(live.stdout));
  });

  it('exports every namespace with --scope all, as estimate --scope all prices it', async () => {
    const out = join(dir, 'snapshot-all');
    const exported = await runCli(['prometheus', 'export', ...prom(), '--out', out, '--scope', 'all']);
    expect(exported.code).toBe(0);
    // the 7 workloads and 15 pods read (mesh infrastructure is never a workload)
    expect(exported.stderr).toMatch(/: 4 nodes, 7 of 7 workloads and 15 of 15 pods in the scope \(all\), profile/);
    expect(await readFile(join(out, 'workloads.csv'), 'utf8')).toMatch(/^prd,prd,shop,redis,StatefulSet,2,/m);
  });

  it('exits 3 with one line on refused credentials, a login page and a server that is not there', async () => {
    proxy.always = { status: 401, body: 'Unauthorized' };
    const refused = await runCli(['estimate', ...prom(proxy.url)]);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`mesh-cost: Prometheus refused the credentials (HTTP 401) at ${proxy.url}: check --prom-bearer-token-file, the user:password in the URL, or --prom-header\n`);
    proxy.always = 'html';
    const html = await runCli(['estimate', ...prom(`${proxy.url}/graph`)]);
    expect(html.code).toBe(3);
    expect(html.stderr).toBe(`mesh-cost: ${proxy.url}/graph answered HTTP 200 with an HTML page, not the Prometheus API: is it a login page or a UI? Pass the API's base URL and its credentials\n`);
    proxy.always = { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:1: parse error' }) };
    const bad = await runCli(['estimate', ...prom(proxy.url)]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toBe('mesh-cost: Prometheus rejected the query (HTTP 400) bad_data: invalid parameter "query": 1:1: parse error\n');
    proxy.reset();
  });
});

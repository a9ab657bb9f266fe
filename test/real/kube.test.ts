/**
 * Real kubectl-shaped files written by other projects (test/real/SOURCES.md): what a
 * user gets from each — exit code, sidecars running vs what is meshed, scope facts,
 * mesh infrastructure left out, pods' own requests.
 */
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKubeInventory } from '../../src/inventory/kube/index.js';
import { Warnings, formatWarning, type InventoryWorkload } from '../../src/inventory/types.js';
import { runCli } from '../e2e/run.js';
import { NODE, podsFromGolden } from './kube/fromInjectorGolden.js';

const GOLDEN = 'test/real/kube/istio-inject';
const EKS = 'test/real/kube/honeycomb-eks';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-real-kube-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(files: string[]) {
  const warnings = new Warnings();
  const inventory = await readKubeInventory({ files }, { warnings });
  return { inventory, warnings: warnings.list().map(formatWarning) };
}

const byName = (ws: InventoryWorkload[]) => Object.fromEntries(ws.map((w) => [`${w.namespace}/${w.name}`, w]));
const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: NODE, labels: { 'topology.kubernetes.io/zone': 'z1' } }, status: { allocatable: { cpu: '8', memory: '32Gi' } } };

/** A golden file's pods as `kubectl get nodes,pods -A -o json` would list them, written to a scratch file. */
async function goldenCluster(stems: string[]): Promise<string> {
  const items: unknown[] = [node];
  for (const stem of stems) items.push(...podsFromGolden(await readFile(`${GOLDEN}/${stem}.yaml.injected`, 'utf8'), stem));
  const path = join(dir, `${stems.join('+')}.json`);
  await writeFile(path, JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }));
  return path;
}

describe("Istio's injector golden files, as running pods", () => {
  it('hello: a Deployment of 7 with native sidecars (istio-proxy an init container, restartPolicy Always)', async () => {
    const { inventory } = await read([await goldenCluster(['hello'])]);
    const w = byName(inventory.workloads)['hello/hello']!;
    // the app container declares nothing; istio-init's 100m/128Mi is Istio's, not the app's
    expect(w).toMatchObject({ kind: 'Deployment', replicas: 7, sidecarsToday: 7, optedOut: 0, podsWithoutRequests: 7, sidecarRequests: { cpu: 0.1, memoryMiB: 128 } });
    expect(w).not.toHaveProperty('podRequests');
  });

  it('native-sidecar-opt-out: a bare Pod with a classic istio-proxy container', async () => {
    const { inventory } = await read([await goldenCluster(['native-sidecar-opt-out'])]);
    expect(byName(inventory.workloads)['native-sidecar-opt-out/hellopod']).toMatchObject({ kind: 'Pod', replicas: 1, sidecarsToday: 1 });
  });

  it('native-sidecar: a bare Pod with a native sidecar', async () => {
    const { inventory } = await read([await goldenCluster(['native-sidecar'])]);
    expect(byName(inventory.workloads)['native-sidecar/hello']).toMatchObject({ kind: 'Pod', replicas: 1, sidecarsToday: 1 });
  });

  it('daemonset: a DaemonSet that runs sidecars keeps its kind and its sidecar is counted', async () => {
    const { inventory } = await read([await goldenCluster(['daemonset'])]);
    expect(byName(inventory.workloads)['daemonset/hello']).toMatchObject({ kind: 'DaemonSet', replicas: 1, sidecarsToday: 1 });
  });

  it('multi-init: init containers beside the native sidecar, none declaring requests', async () => {
    const { inventory } = await read([await goldenCluster(['multi-init'])]);
    expect(byName(inventory.workloads)['multi-init/hello']).toMatchObject({ replicas: 7, sidecarsToday: 7, podsWithoutRequests: 7 });
  });

  it('gateway: the gateway template (inject.istio.io/templates: gateway, istio: ingressgateway) is infrastructure, never a workload', async () => {
    const { inventory } = await read([await goldenCluster(['gateway'])]);
    expect(inventory.workloads).toEqual([]);
    expect(inventory.infrastructure).toEqual([{ cluster: 'default', namespace: 'gateway', name: 'istio-ingressgateway', component: 'gateway', pods: 1 }]);
  });

  it('all of them through the CLI: exit 0, the 17 sidecars that run are the ones counted, the gateway is not', async () => {
    const file = await goldenCluster(['hello', 'native-sidecar-opt-out', 'native-sidecar', 'daemonset', 'multi-init', 'gateway']);
    const r = await runCli(['estimate', '-f', 'json', '--kube', '-'], { input: await readFile(file) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // 7 + 1 + 1 + 1 + 7 pods with istio-proxy beside the app; the gateway's istio-proxy is the gateway
    expect(report.mesh.sidecarsSeen).toBe(17);
    expect(report.inputs.pods).toBe(18);
  });
});

describe('an EKS PodList and NodeList from the API server (honeycomb-kubernetes-agent test data)', () => {
  it('reads items without kind, resolves owners, and reads the pods own requests', async () => {
    const { inventory, warnings } = await read([`${EKS}/nodes.json`, `${EKS}/pods.json`]);
    expect(warnings).toEqual([]);
    // eks.amazonaws.com/capacityType ON_DEMAND: not spot
    expect(inventory.nodes).toEqual([
      expect.objectContaining({ name: 'duckboat-01', zone: 'us-east-1a', instanceType: 'm6gd.2xlarge', capacityType: 'on-demand', vcpu: 7.91 }),
      expect.objectContaining({ name: 'duckboat-02', zone: 'us-east-2d', instanceType: 'm6gd.2xlarge', capacityType: 'on-demand', vcpu: 7.91 }),
    ]);
    expect(inventory.pods).toBe(11);
    const w = byName(inventory.workloads);
    expect(Object.keys(w)).toHaveLength(11);
    expect(w['metallb-system/speaker']).toMatchObject({ kind: 'DaemonSet', podRequests: { cpu: 0.1, memoryMiB: 100 }, podsWithoutRequests: 0, sidecarsToday: 0 });
    expect(w['metallb-system/controller']).toMatchObject({ kind: 'Deployment', podRequests: { cpu: 0.1, memoryMiB: 100 } });
    // cpu alone: memory counts 0
    expect(w['kube-system/calico-node']).toMatchObject({ kind: 'DaemonSet', podRequests: { cpu: 0.25, memoryMiB: 0 } });
    expect(w['default/kuard']).toMatchObject({ kind: 'Deployment', podsWithoutRequests: 1 });
    expect(inventory).not.toHaveProperty('mesh');
    expect(inventory).not.toHaveProperty('infrastructure');
  });

  it('reads the same with its keys sorted (jq -S puts kind after items)', async () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    const path = join(dir, 'pods-sorted.json');
    await writeFile(path, JSON.stringify(sorted(JSON.parse(await readFile(`${EKS}/pods.json`, 'utf8'))), null, 2));
    const plain = await read([`${EKS}/nodes.json`, `${EKS}/pods.json`]);
    const again = await read([`${EKS}/nodes.json`, path]);
    expect(again.inventory.workloads.map((x) => [x.name, x.kind, x.replicas]).sort()).toEqual(plain.inventory.workloads.map((x) => [x.name, x.kind, x.replicas]).sort());
  });

  it('through the CLI: exit 0, 11 pods on two nodes, nothing meshed today', async () => {
    const r = await runCli(['estimate', '-f', 'json', '--kube', `${EKS}/nodes.json`, '--kube', `${EKS}/pods.json`]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs).toMatchObject({ nodes: 2, pods: 11, workloads: 11 });
    expect(report).not.toHaveProperty('mesh');
  });
});

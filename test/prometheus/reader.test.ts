/**
 * The Prometheus reader against a real Prometheus server serving kube-state-metrics,
 * cAdvisor and Istio series (fixture.ts). Every expected figure is worked out by hand
 * from the fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusProfile } from '../../src/cli/prometheusProfile.js';
import { prometheusReader, type PrometheusOptions } from '../../src/inventory/prometheus/index.js';
import { QUERY_NAMES } from '../../src/inventory/prometheus/queries.js';
import { Warnings } from '../../src/inventory/types.js';
import { loadProfile } from '../../src/profiles/load.js';
import { END, PRD, STG, serve, type Served } from './fixture.js';
import { SKIP_MESSAGE, prometheusAvailable } from './server.mjs';

const available = prometheusAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const MIB = 2 ** 20;
const HOUR = 3_600_000;

let multi: Served;
let single: Served;

beforeAll(async () => {
  if (!available) return;
  [multi, single] = await Promise.all([serve({ clusters: [PRD, STG] }), serve({ clusters: [PRD], clusterLabel: null, nodeLabels: false, istio: false })]);
});
afterAll(async () => {
  await Promise.all([multi?.close(), single?.close()]);
});

function options(url: string, extra: Partial<PrometheusOptions> = {}): PrometheusOptions {
  return { baseUrl: url, headers: {}, window: { since: END * 1000 - HOUR, until: END * 1000 }, clusterLabel: 'cluster', clusters: [], timeoutMs: 10_000, ...extra };
}

async function snapshot(url: string, extra: Partial<PrometheusOptions> = {}) {
  const warnings = new Warnings();
  const snap = await prometheusReader.snapshot(options(url, extra), { warnings });
  return { snap, warnings: warnings.list() };
}

describe.skipIf(!available)('the Prometheus reader against a real Prometheus server', () => {
  it('reads nodes with zone, instance type, spot and allocatable from kube-state-metrics', async () => {
    const { snap } = await snapshot(multi.server.url);
    expect(snap.inventory.nodes).toEqual([
      { cluster: 'prd', environment: 'prd', name: 'prd-a', zone: 'eu-west-1a', instanceType: 'm5.xlarge', capacityType: 'on-demand', vcpu: 3.92, memoryGiB: 15 },
      { cluster: 'prd', environment: 'prd', name: 'prd-b', zone: 'eu-west-1b', instanceType: 'm5.xlarge', capacityType: 'spot', vcpu: 3.92, memoryGiB: 15 },
      { cluster: 'prd', environment: 'prd', name: 'prd-c', zone: 'eu-west-1c', instanceType: 'c6i.2xlarge', capacityType: 'on-demand', vcpu: 7.91, memoryGiB: 14 },
      { cluster: 'stg', environment: 'stg', name: 'stg-a', zone: 'eu-west-1a', instanceType: 'm5.large', capacityType: 'on-demand', vcpu: 1.93, memoryGiB: 7 },
    ]);
  });

  it('folds running pods into their top-level controllers, the mesh infrastructure apart', async () => {
    const { snap, warnings } = await snapshot(multi.server.url);
    const byName = Object.fromEntries(snap.inventory.workloads.map((w) => [`${w.cluster}/${w.namespace}/${w.name}`, w]));
    expect(Object.keys(byName).sort()).toEqual(['prd/batch/report', 'prd/kube-system/kube-proxy', 'prd/payments/ledger', 'prd/shop/cart', 'prd/shop/redis', 'prd/shop/web', 'stg/shop/web']);
    // 4 running pods (the pending fifth is not), on a, b, c, a; each serves 200 of the 800 rps
    expect(byName['prd/shop/web']).toEqual({
      cluster: 'prd', environment: 'prd', namespace: 'shop', name: 'web', kind: 'Deployment', replicas: 4,
      rps: 800,
      // (1024 + 2048) bytes per request
      bytesPerRequest: 3072,
      waypoint: false, canary: false, hostNetwork: false,
      placement: new Map([['prd-a', 2], ['prd-b', 1], ['prd-c', 1]]),
      sidecarsToday: 4, podsWithoutRequests: 0,
      podRequests: { cpu: 0.25, memoryMiB: 256 },
      // the generator's istio-proxy requests: 100m and 128Mi
      sidecarRequests: { cpu: 0.1, memoryMiB: 128 },
    });
    // cart: containers 0.5 cpu / 512Mi, the init container 1 cpu / 128Mi → effective 1 cpu, 512Mi
    expect(byName['prd/shop/cart']).toMatchObject({ kind: 'Deployment', replicas: 2, rps: 150, bytesPerRequest: 1024, podRequests: { cpu: 1, memoryMiB: 512 }, sidecarsToday: 2 });
    expect(byName['prd/shop/redis']).toMatchObject({ kind: 'StatefulSet', replicas: 2, optedOut: 2, sidecarsToday: 0, rps: 0, podRequests: { cpu: 1, memoryMiB: 2048 } });
    expect(byName['prd/batch/report']).toMatchObject({ kind: 'CronJob', replicas: 1, podsWithoutRequests: 1 });
    expect(byName['prd/batch/report']!.podRequests).toBeUndefined();
    expect(byName['prd/kube-system/kube-proxy']).toMatchObject({ kind: 'DaemonSet', replicas: 3, hostNetwork: true });
    expect(snap.inventory.pods).toBe(4 + 2 + 2 + 2 + 1 + 3 + 1);
    expect(snap.inventory.infrastructure).toEqual([
      { cluster: 'prd', namespace: 'istio-system', name: 'istio-ingressgateway', component: 'gateway', pods: 1 },
      { cluster: 'prd', namespace: 'istio-system', name: 'istiod', component: 'istiod', pods: 1 },
      { cluster: 'prd', namespace: 'istio-system', name: 'ztunnel', component: 'ztunnel', pods: 3 },
      { cluster: 'prd', namespace: 'shop', name: 'waypoint', component: 'waypoint', pods: 1 },
    ]);
    // report, redis and kube-proxy serve no Istio traffic
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'prometheus-no-traffic', count: 3 }));
  });

  it('reads how each namespace is meshed today', async () => {
    const { snap } = await snapshot(multi.server.url, { clusters: ['prd'] });
    const meshed = snap.inventory.namespaces!.filter((n) => n.dataPlane);
    expect(meshed).toEqual([
      { cluster: 'prd', name: 'payments', dataPlane: 'ambient', label: 'istio.io/dataplane-mode=ambient' },
      { cluster: 'prd', name: 'shop', dataPlane: 'sidecar', label: 'istio-injection=enabled' },
    ]);
    expect(snap.inventory.mesh).toEqual({
      sidecarsSeen: 6,
      labelledNamespaces: [
        { cluster: 'prd', namespace: 'payments', label: 'istio.io/dataplane-mode=ambient' },
        { cluster: 'prd', namespace: 'shop', label: 'istio-injection=enabled' },
      ],
    });
  });

  it('keeps to --clusters', async () => {
    const { snap } = await snapshot(multi.server.url, { clusters: ['stg'] });
    expect(snap.inventory.nodes.map((n) => n.name)).toEqual(['stg-a']);
    expect(snap.inventory.workloads.map((w) => `${w.cluster}/${w.name}`)).toEqual(['stg/web']);
  });

  it("hands each proxy pod's mean usage over as data, by kind", async () => {
    const { snap } = await snapshot(multi.server.url, { clusters: ['prd'] });
    const { sidecar, ztunnel, waypoint } = snap.usage;
    // 4 web pods at 0.2 vCPU / 60Mi serving 200 rps each, 2 cart pods at 0.3 / 80Mi serving 75 each
    expect(sidecar).toHaveLength(6);
    expect(sidecar!.filter((p) => p.pod.startsWith('prd/shop/web-')).map((p) => [p.cpu, p.memoryBytes / MIB, p.rps])).toEqual(Array(4).fill([0.2, 60, 200]).map((r) => r.map(Number)));
    expect(sidecar!.filter((p) => p.pod.startsWith('prd/shop/cart-')).map((p) => [p.cpu, p.memoryBytes / MIB, p.rps])).toEqual([[0.3, 80, 75], [0.3, 80, 75]]);
    expect(ztunnel!.map((p) => [p.cpu, p.memoryBytes / MIB])).toEqual([[0.06, 12], [0.06, 12], [0.06, 12]]);
    expect(waypoint!.map((p) => [p.cpu, p.memoryBytes / MIB])).toEqual([[0.25, 60]]);
  });

  it('gives an observed profile fitted across the pods\' means', async () => {
    const { snap } = await snapshot(multi.server.url, { clusters: ['prd'] });
    const profile = prometheusProfile(snap, await loadProfile('istio-1.24'), 'avg', multi.server.url);
    expect(profile.metadata.name).toBe('prometheus-observed-avg');
    // sidecars: 4 pods at 0.2 vCPU / 60 MiB serving 200 rps, 2 at 0.3 / 80 MiB serving 75: usage falls as
    // rps rises, so the non-negative slope is 0 and the base the mean, (4 × 0.2 + 2 × 0.3) / 6 and (4 × 60 + 2 × 80) / 6
    expect(profile.spec.sidecar.usage.cpu.per1kRps).toBe(0);
    // (to the 6 significant figures a profile file keeps)
    expect(profile.spec.sidecar.usage.cpu.base).toBe(0.233333);
    expect(profile.spec.sidecar.usage.memoryMiB.base).toBe(66.6667);
    // 3 ztunnels at 0.06 / 12 MiB and 1 waypoint at 0.25 / 60 MiB, no rps on their pods: flat; and no
    // mesh-size term, as the observed memory already holds this mesh's size (perKPods would count it twice)
    expect(profile.spec.ztunnel.usage).toEqual({ cpu: { base: 0.06, per1kRps: 0 }, memoryMiB: { base: 12, per1kRps: 0, perKPods: 0 } });
    expect(profile.spec.waypoint.usage).toEqual({ cpu: { base: 0.25, per1kRps: 0 }, memoryMiB: { base: 60, per1kRps: 0, perKPods: 0 } });
    expect(profile.spec.sidecar.usage.memoryMiB.perKPods).toBe(0);
  });

  it('sends a fixed number of queries, whatever the number of pods', async () => {
    const { snap } = await snapshot(multi.server.url);
    expect(snap.queries).toBe(QUERY_NAMES.length);
    expect(snap.queries).toBeLessThanOrEqual(40);
  });

  it('reads a single-cluster Prometheus with --cluster, and names what kube-state-metrics does not export', async () => {
    const { snap, warnings } = await snapshot(single.server.url, { cluster: 'solo', environment: 'production' });
    expect(snap.inventory.nodes.map((n) => [n.cluster, n.environment, n.name, n.zone])).toEqual([
      ['solo', 'production', 'prd-a', 'unknown'],
      ['solo', 'production', 'prd-b', 'unknown'],
      ['solo', 'production', 'prd-c', 'unknown'],
    ]);
    expect(snap.inventory.workloads.every((w) => w.cluster === 'solo' && w.rps === 0)).toBe(true);
    const zone = warnings.find((w) => w.code === 'prometheus-node-zone')!;
    expect(zone.message).toContain('--metric-labels-allowlist=nodes=[topology.kubernetes.io/zone,');
    expect(warnings.find((w) => w.code === 'prometheus-no-istio')!.message).toMatch(/no istio_requests_total\{reporter="destination"\} series/);
  });

  it('splits a result over its byte limit by cluster, then namespace, and reads the same inventory', async () => {
    const whole = await snapshot(multi.server.url);
    const split = await snapshot(multi.server.url, { maxResponseBytes: 2500 });
    expect(split.snap.queries).toBeGreaterThan(whole.snap.queries);
    const sorted = (s: typeof whole.snap) => ({ ...s.inventory, workloads: [...s.inventory.workloads].sort((a, b) => `${a.cluster}/${a.namespace}/${a.name}`.localeCompare(`${b.cluster}/${b.namespace}/${b.name}`)) });
    expect(sorted(split.snap)).toEqual(sorted(whole.snap));
    expect(split.snap.usage).toEqual(whole.snap.usage);
  });

  it('fails, never truncates, when one namespace alone is still too large', async () => {
    await expect(snapshot(multi.server.url, { maxResponseBytes: 1000 })).rejects.toThrow(/cannot return the .* for cluster \w+, namespace [\w-]+ in one answer \(the answer is over 1000 bytes\), and they cannot be split further/);
  });

  it('says kube-state-metrics is missing when there is no kube_pod_info', async () => {
    await expect(snapshot(multi.server.url, { clusters: ['nonesuch'] })).rejects.toThrow(
      /has no kube_pod_info or kube_node_info series for clusters nonesuch \(--clusters; the cluster label is cluster\) at .*: is kube-state-metrics \(v2\) scraped by it\?/,
    );
  });
});

describe.skipIf(!available)('a Prometheus that refuses queries as too large', () => {
  let strict: Served;
  beforeAll(async () => {
    strict = await serve({ clusters: [PRD, STG] }, 60);
  });
  afterAll(() => strict?.close());

  it('is asked again per cluster and namespace, and gives the same inventory', async () => {
    const whole = await snapshot(multi.server.url);
    const split = await snapshot(strict.server.url);
    expect(split.snap.queries).toBeGreaterThan(whole.snap.queries);
    expect(split.snap.inventory.nodes).toEqual(whole.snap.inventory.nodes);
    expect(split.snap.inventory.pods).toBe(whole.snap.inventory.pods);
    const key = (ws: typeof whole.snap.inventory.workloads) => ws.map((w) => `${w.cluster}/${w.namespace}/${w.name}:${w.replicas}:${w.rps}`).sort();
    expect(key(split.snap.inventory.workloads)).toEqual(key(whole.snap.inventory.workloads));
  });
});

describe.skipIf(!available)('kube-state-metrics run as two replicas', () => {
  let twice: Served;
  beforeAll(async () => {
    twice = await serve({ clusters: [PRD], ksmReplicas: 2 });
  });
  afterAll(() => twice?.close());

  it('counts every pod, node and request once', async () => {
    const once = await snapshot(multi.server.url, { clusters: ['prd'] });
    const doubled = await snapshot(twice.server.url);
    expect({ ...doubled.snap.inventory, sources: [] }).toEqual({ ...once.snap.inventory, sources: [] });
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors.js';
import { newRelicReader, type NewRelicOptions } from '../../../src/inventory/newrelic/index.js';
import { Warnings } from '../../../src/inventory/types.js';
import { generateAccount, startNerdGraphStub, type ClusterSpec, type Events, type NerdGraphStub } from '../../nerdgraph/stub.mjs';

const KEY = 'NRAK-TESTKEYREADER0123456789';
const ACCOUNT = 777;
const NOW = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;
const MIB = 2 ** 20;

let stub: NerdGraphStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function read(events: Events, options: Partial<NewRelicOptions> = {}, facetLimit?: number) {
  stub = await startNerdGraphStub({ events, apiKey: KEY, accountId: ACCOUNT, ...(facetLimit ? { facetLimit } : {}) });
  const warnings = new Warnings();
  const snap = await newRelicReader.snapshot(
    {
      endpoint: stub.url,
      apiKey: KEY,
      accountId: ACCOUNT,
      window: { since: NOW - 90 * DAY, until: NOW },
      clusters: [],
      timeoutMs: 10_000,
      retry: { sleep: async () => {}, random: () => 0 },
      ...options,
    },
    { warnings },
  );
  return { snap, warnings: warnings.list(), stub };
}

const shop: ClusterSpec = {
  name: 'prd',
  nodes: 6,
  spotEvery: 3,
  namespaces: [
    { name: 'shop', workloads: [{ name: 'cart', replicas: 4, rps: 10, churn: 3 }, { name: 'db', kind: 'StatefulSet', replicas: 2 }] },
    { name: 'kube-system', workloads: [{ name: 'kube-proxy', kind: 'DaemonSet', replicas: 6 }] },
  ],
};

describe('New Relic reader', () => {
  it('maps nodes, running pods, owners, placement, traffic and observed usage per proxy kind', async () => {
    const events = generateAccount({ now: NOW, clusters: [shop], ambient: true, waypoints: [{ cluster: 'prd', namespace: 'shop', replicas: 2 }] });
    const { snap, warnings } = await read(events);
    const { inventory } = snap;
    expect(inventory.sources).toEqual(['New Relic account 777']);
    expect(inventory.nodes).toHaveLength(6);
    expect(inventory.nodes[0]).toEqual({
      cluster: 'prd', environment: 'prd', name: 'prd-node-0', zone: 'zone-a', instanceType: 'm5.2xlarge', capacityType: 'spot', vcpu: 7.91, memoryGiB: 28458 / 1024,
    });
    expect(inventory.nodes.filter((n) => n.capacityType === 'spot').map((n) => n.name)).toEqual(['prd-node-0', 'prd-node-3']);
    expect(inventory.nodes.map((n) => n.zone)).toEqual(['zone-a', 'zone-b', 'zone-c', 'zone-a', 'zone-b', 'zone-c']);

    // ztunnels and waypoints are the mesh itself; the 3 ended cart pods are gone
    expect(inventory.pods).toBe(12);
    const byName = new Map(inventory.workloads.map((w) => [w.name, w]));
    expect([...byName.keys()].sort()).toEqual(['cart', 'db', 'kube-proxy']);
    const cart = byName.get('cart')!;
    expect(cart).toMatchObject({ kind: 'Deployment', namespace: 'shop', replicas: 4, waypoint: false, canary: false });
    expect(cart.rps).toBeCloseTo(10, 9);
    expect(cart.placement).toEqual(new Map([['prd-node-0', 1], ['prd-node-1', 1], ['prd-node-2', 1], ['prd-node-3', 1]]));
    expect(byName.get('db')).toMatchObject({ kind: 'StatefulSet', replicas: 2, rps: 0 });
    expect(byName.get('kube-proxy')).toMatchObject({ kind: 'DaemonSet', replicas: 6 });
    expect(warnings).toEqual([expect.objectContaining({ code: 'newrelic-no-traffic', count: 2 })]);

    // sidecar samples cycle 0.1, 0.2, 0.3, 0.4 vCPU and 50, 60, 70, 60 MiB: the 6 meshed pods
    // get two each, so their averages alternate 0.15 / 0.35 vCPU and 55 / 65 MiB
    expect(snap.usage.sidecar).toHaveLength(6);
    expect(snap.usage.sidecar![0]).toEqual({
      pod: 'prd/shop/cart-5d9f7-0', samples: 2, cpu: expect.closeTo(0.15, 12), memoryBytes: 55 * MIB, firstSeen: expect.any(Number), lastSeen: expect.any(Number),
    });
    expect(snap.usage.sidecar!.map((p) => Math.round(p.cpu * 100))).toEqual([15, 35, 15, 35, 15, 35]);
    expect(snap.usage.ztunnel!.map((p) => [p.samples, p.cpu])).toEqual(Array(6).fill([2, expect.closeTo(0.05, 12)]));
    expect(snap.usage.waypoint!.map((p) => [p.pod, p.memoryBytes])).toEqual([['prd/shop/waypoint-7c4d-0', 80 * MIB], ['prd/shop/waypoint-7c4d-1', 80 * MIB]]);
  });

  it('finds spot nodes by the label each cloud marks them with', async () => {
    const clusters = (['karpenter', 'eks', 'gke', 'aks'] as const).map((spotLabels): ClusterSpec => ({ name: spotLabels, nodes: 4, spotEvery: 2, spotLabels, namespaces: [] }));
    const { snap } = await read(generateAccount({ now: NOW, clusters }));
    const spot = snap.inventory.nodes.filter((n) => n.capacityType === 'spot').map((n) => n.name);
    expect(spot).toEqual(['aks-node-0', 'aks-node-2', 'eks-node-0', 'eks-node-2', 'gke-node-0', 'gke-node-2', 'karpenter-node-0', 'karpenter-node-2']);
  });

  it('leaves out a proxy kind nobody runs', async () => {
    const { snap } = await read(generateAccount({ now: NOW, clusters: [shop] }));
    expect(Object.keys(snap.usage)).toEqual(['sidecar']);
  });

  it('reads a 12,000-pod account completely, splitting cut results by cluster, namespace and node', async () => {
    const namespace = (name: string, pods: number) => ({
      name,
      workloads: Array.from({ length: pods / 100 }, (_, i) => ({ name: `${name}-${i}`, replicas: 100, rps: i + 1 })),
    });
    const clusters: ClusterSpec[] = [
      // 5,400 pods in one namespace: more than one facet result holds, whatever the time window
      { name: 'prd', nodes: 100, namespaces: [namespace('checkout', 5400), namespace('search', 2600), namespace('ads', 1000)] },
      { name: 'stg', nodes: 60, namespaces: [namespace('checkout', 3000)] },
    ];
    const { snap, warnings, stub } = await read(generateAccount({ now: NOW, clusters, samplesPerProxy: 1 }));
    expect(snap.inventory.pods).toBe(12_000);
    expect(snap.pods).toHaveLength(12_000);
    expect(new Set(snap.pods.map((p) => `${p.cluster}/${p.namespace}/${p.pod}`)).size).toBe(12_000);
    expect(snap.inventory.workloads).toHaveLength(120);
    expect(snap.inventory.workloads.every((w) => w.replicas === 100)).toBe(true);
    expect(snap.inventory.nodes).toHaveLength(160);
    expect(snap.usage.sidecar).toHaveLength(12_000);
    expect(warnings).toEqual([]);

    const podQueries = stub.requests.filter((r) => r.nrql.includes('FROM K8sPodSample') && r.nrql.includes('FACET clusterName, namespaceName, podName'));
    expect(podQueries.some((r) => r.nrql.includes("(clusterName = 'stg')") && !r.nrql.includes('namespaceName ='))).toBe(true);
    expect(podQueries.some((r) => r.nrql.includes("(namespaceName = 'search')"))).toBe(true);
    expect(podQueries.filter((r) => r.nrql.includes("(namespaceName = 'checkout') AND (nodeName = ")).length).toBe(100);
    expect(stub.stats.maxInFlight).toBeLessThanOrEqual(5);
  });

  it('halves the time window when one node still holds too many pods, and counts only the pods running at the end', async () => {
    const clusters: ClusterSpec[] = [{ name: 'ci', nodes: 1, namespaces: [{ name: 'batch', workloads: [{ name: 'e2e', kind: 'Job', replicas: 10, churn: 6000 }] }] }];
    const { snap, stub } = await read(generateAccount({ now: NOW, clusters }));
    expect(snap.inventory.workloads).toEqual([expect.objectContaining({ name: 'e2e', kind: 'Job', replicas: 10 })]);
    const windows = new Set(stub.requests.filter((r) => r.nrql.includes('FROM K8sPodSample')).map((r) => /SINCE (\d+)/.exec(r.nrql)![1]));
    expect(windows).toEqual(new Set([String(NOW - 600_000), String(NOW - 300_000)]));
  });

  it('treats an otherResult as a cut result', async () => {
    const clusters: ClusterSpec[] = ['a', 'b'].map((name) => ({ name, nodes: 2, namespaces: [] }));
    const { snap, stub } = await read(generateAccount({ now: NOW, clusters }), {}, 3);
    expect(snap.inventory.nodes.map((n) => n.name)).toEqual(['a-node-0', 'a-node-1', 'b-node-0', 'b-node-1']);
    expect(stub.requests.some((r) => r.nrql.includes("FROM K8sNodeSample WHERE (clusterName = 'b')"))).toBe(true);
  });

  it('fails, rather than truncate, when a result cannot be split small enough', async () => {
    const clusters: ClusterSpec[] = [{ name: 'one', nodes: 3, namespaces: [] }];
    const error = await read(generateAccount({ now: NOW, clusters }), {}, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/^New Relic holds more than 5000 nodes for clusterName = 'one' within one minute .*cannot be read completely$/);
  });

  it('stops the other queries at the first failure, also those waiting to retry', async () => {
    const events = generateAccount({ now: NOW, clusters: [shop] });
    stub = await startNerdGraphStub({
      events,
      apiKey: KEY,
      accountId: ACCOUNT,
      fault: (r) => (r.nrql.includes('FROM K8sNodeSample') ? { status: 503 } : r.nrql.includes('FROM Metric') ? { graphqlErrors: [{ message: 'Unknown function rate', extensions: { errorClass: 'INVALID_INPUT' } }] } : undefined),
    });
    const waiting: string[] = [];
    const error = await newRelicReader
      .snapshot(
        {
          endpoint: stub.url, apiKey: KEY, accountId: ACCOUNT, window: { since: NOW - DAY, until: NOW }, clusters: [], timeoutMs: 10_000,
          // a retry that waits until it is stopped
          retry: {
            sleep: (_ms, signal) =>
              new Promise((_, reject) => {
                waiting.push('waiting');
                const stopped = () => {
                  waiting.push('stopped');
                  reject(signal!.reason);
                };
                if (signal!.aborted) stopped();
                else signal!.addEventListener('abort', stopped);
              }),
          },
        },
        { warnings: new Warnings() },
      )
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('New Relic rejected the query: Unknown function rate');
    expect(waiting).toEqual(['waiting', 'stopped']);
  });

  it('asks only for the --clusters given, quoting their names', async () => {
    const clusters: ClusterSpec[] = [
      { name: "o'brien", nodes: 2, namespaces: [{ name: 'web', workloads: [{ name: 'site', replicas: 2, rps: 3 }] }] },
      { name: 'other', nodes: 2, namespaces: [{ name: 'web', workloads: [{ name: 'site', replicas: 2 }] }] },
    ];
    const { snap, stub } = await read(generateAccount({ now: NOW, clusters }), { clusters: ["o'brien"] });
    expect(snap.inventory.nodes.map((n) => n.cluster)).toEqual(["o'brien", "o'brien"]);
    expect(snap.inventory.workloads).toEqual([expect.objectContaining({ cluster: "o'brien", name: 'site', replicas: 2 })]);
    // Istio's metrics name the cluster clusterName or cluster_name, by the integration that sent them
    expect(stub.requests.every((r) => /\b(clusterName|cluster_name) IN \('o\\'brien'\)/.test(r.nrql))).toBe(true);
  });

  it.each([[[]], [['written']]])("reads traffic whichever Prometheus integration sent it: nri-prometheus's clusterName or the agent's cluster_name (--clusters %j)", async (clusters: string[]) => {
    const site = (name: string, prometheus: ClusterSpec['prometheus']): ClusterSpec => ({
      name, nodes: 2, prometheus, namespaces: [{ name: 'web', workloads: [{ name: 'site', replicas: 2, rps: 7 }] }],
    });
    const events = generateAccount({ now: NOW, clusters: [site('scraped', 'nri-prometheus'), site('written', 'agent')] });
    // the agent's data points have no clusterName at all: a query by clusterName alone finds no traffic there
    expect(events.Metric!.filter((m) => m.cluster_name === 'written' && !('clusterName' in m))).toHaveLength(8);
    const { snap, warnings } = await read(events, { clusters });
    const sites = snap.inventory.workloads.filter((w) => w.name === 'site');
    expect(sites.map((w) => w.cluster)).toEqual(clusters.length > 0 ? clusters : ['scraped', 'written']);
    for (const w of sites) expect(w.rps).toBeCloseTo(7, 9);
    expect(warnings).toEqual([]);
  });

  it('takes waypoint, canary, bytes per request and missing traffic from --workloads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-nr-'));
    try {
      const file = join(dir, 'workloads.csv');
      await writeFile(
        file,
        'cluster,namespace,workload,replicas,rps,bytes_per_request,waypoint,canary\n' +
          'prd,shop,cart,1,999,512,true,true\n' +
          'prd,shop,db,1,25,,false,false\n' +
          'prd,shop,ghost,1,5,,false,false\n',
      );
      const { snap, warnings } = await read(generateAccount({ now: NOW, clusters: [shop] }), { workloads: file });
      const byName = new Map(snap.inventory.workloads.map((w) => [w.name, w]));
      // New Relic's traffic wins where it has some; replicas always come from the running pods
      expect(byName.get('cart')).toMatchObject({ replicas: 4, bytesPerRequest: 512, waypoint: true, canary: true });
      expect(byName.get('cart')!.rps).toBeCloseTo(10, 9);
      expect(byName.get('db')).toMatchObject({ replicas: 2, rps: 25 });
      expect(warnings.map((w) => [w.code, w.count])).toEqual([
        ['newrelic-no-traffic', 1],
        ['newrelic-overlay-absent', 1],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('New Relic reader: the scope facts', () => {
  const meshed: ClusterSpec = {
    name: 'prd',
    nodes: 3,
    namespaces: [
      {
        name: 'shop',
        labels: { 'istio-injection': 'enabled' },
        workloads: [
          { name: 'cart', replicas: 2, requests: { cpu: 0.25, memoryBytes: 256 * MIB } },
          { name: 'batch', replicas: 1, optOut: true },
        ],
      },
      { name: 'edge', labels: { 'istio.io/dataplane-mode': 'ambient' }, workloads: [{ name: 'echo', replicas: 1, requests: { cpu: 0.5 } }] },
      { name: 'logging', workloads: [{ name: 'agent', kind: 'DaemonSet', replicas: 3, sidecars: true, requests: { memoryBytes: 64 * MIB } }] },
    ],
  };

  it("reads sidecars today, opt-outs and pods' own requests from K8sContainerSample, and namespaces' data plane", async () => {
    const events = generateAccount({ now: NOW, clusters: [meshed], containers: true, ambient: true, gateways: [{ cluster: 'prd', namespace: 'istio-ingress', name: 'istio-ingress', replicas: 2, istio: 'ingress' }] });
    const { snap, warnings } = await read(events, { usage: false });
    const w = Object.fromEntries(snap.inventory.workloads.map((x) => [`${x.namespace}/${x.name}`, x]));
    // cart: 2 pods with istio-proxy beside the app; own requests 250m / 256 MiB (istio-proxy's 100m / 128 MiB left out)
    expect(w['shop/cart']).toMatchObject({ replicas: 2, sidecarsToday: 2, optedOut: 0, podRequests: { cpu: 0.25, memoryMiB: 256 }, podsWithoutRequests: 0 });
    // labelled inject=false, no proxy; its container declares no request
    expect(w['shop/batch']).toMatchObject({ replicas: 1, sidecarsToday: 0, optedOut: 1, podsWithoutRequests: 1 });
    expect(w['shop/batch']).not.toHaveProperty('podRequests');
    // only cpu declared: memory counts 0
    expect(w['edge/echo']).toMatchObject({ sidecarsToday: 0, podRequests: { cpu: 0.5, memoryMiB: 0 } });
    // a DaemonSet running sidecars keeps its kind: the model decides
    expect(w['logging/agent']).toMatchObject({ kind: 'DaemonSet', replicas: 3, sidecarsToday: 3, podRequests: { cpu: 0, memoryMiB: 64 } });
    // the gateway chart's pods (istio: ingress, istio-proxy alone) and the ztunnels are infrastructure
    expect(snap.inventory.workloads.map((x) => x.name)).not.toContain('istio-ingress');
    expect(snap.inventory.infrastructure).toEqual([
      { cluster: 'prd', namespace: 'istio-ingress', name: 'istio-ingress', component: 'gateway', pods: 2 },
      { cluster: 'prd', namespace: 'istio-system', name: 'ztunnel', component: 'ztunnel', pods: 3 },
    ]);
    expect(snap.inventory.namespaces).toEqual([
      { cluster: 'prd', name: 'edge', dataPlane: 'ambient', label: 'istio.io/dataplane-mode=ambient' },
      { cluster: 'prd', name: 'shop', dataPlane: 'sidecar', label: 'istio-injection=enabled' },
    ]);
    expect(snap.inventory.mesh).toEqual({
      sidecarsSeen: 5,
      labelledNamespaces: [
        { cluster: 'prd', namespace: 'edge', label: 'istio.io/dataplane-mode=ambient' },
        { cluster: 'prd', namespace: 'shop', label: 'istio-injection=enabled' },
      ],
    });
    expect(warnings).toEqual([expect.objectContaining({ code: 'newrelic-no-traffic' })]);
  });

  it('says nothing it cannot tell: no containers reported, no namespace labels exported', async () => {
    const { snap } = await read(generateAccount({ now: NOW, clusters: [meshed] }), { usage: false });
    for (const x of snap.inventory.workloads) {
      expect(x).not.toHaveProperty('sidecarsToday');
      expect(x).not.toHaveProperty('podRequests');
    }
    // only the opted-out pods' labels are seen
    expect(snap.inventory.workloads.find((x) => x.name === 'batch')!.optedOut).toBe(1);
    // the labelled namespaces still report: only those with labels are in the stand-in's K8sNamespaceSample
    expect(snap.inventory.namespaces).toHaveLength(2);
  });

  it('keeps a pod on a node New Relic has no sample of, priced at the cluster average (as pods.csv and kubectl)', async () => {
    const events = generateAccount({ now: NOW, clusters: [{ name: 'prd', nodes: 2, namespaces: [{ name: 'shop', workloads: [{ name: 'web', replicas: 4 }] }] }] });
    events.K8sNodeSample = events.K8sNodeSample!.filter((n) => n.nodeName !== 'prd-node-1');
    const { snap, warnings } = await read(events, { usage: false });
    expect(snap.inventory.workloads[0]).toMatchObject({ name: 'web', replicas: 4, placement: new Map([['prd-node-0', 2], ['prd-node-1', 2]]) });
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'newrelic-pod-node', count: 2 }));
  });
});

/**
 * Generated model inputs (fast-check): inventories with and without placement, proxy
 * profiles, price sheets and options, and the report the model makes of them. Shared by
 * the model's properties and by the properties every report must have (schema, exports).
 */
import fc from 'fast-check';
import type { DataPlane, InventoryNamespace, InventoryNode, InventoryWorkload } from '../../src/inventory/types.js';
import type { Basis, Locality, ModelOptions, Report, ScopeFlag } from '../../src/model/types.js';
import { DEFAULT_EXCLUDED_NAMESPACES } from '../../src/model/types.js';
import type { ProxyProfile } from '../../src/profiles/schema.js';
import { inventory, prices, profile, run } from './builders.js';

const CLUSTERS = ['c0', 'c1', 'c2'];
const ZONES = ['a', 'b', 'c'];
const NAMESPACES = ['shop', 'pay', 'web', 'kube-system', 'istio-system'];
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const INSTANCE_TYPES = ['m5.xlarge', 'c5.large', 'r5.2xlarge'];

/**
 * A number spread evenly over [min, max]. Not fc.double: that spreads over the float
 * encodings, so almost every draw is a denormal-sized value and every cost rounds to 0.
 */
const dbl = (min: number, max: number) => fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);
/** a price: sometimes 0, mostly a realistic small number */
const priceArb = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: dbl(1e-6, 2), weight: 4 });

const nodeSpecArb = fc.record({
  cluster: fc.constantFrom(...CLUSTERS),
  zone: fc.constantFrom(...ZONES),
  vcpu: fc.constantFrom(0.5, 2, 4, 8, 16, 64),
  memoryGiB: fc.constantFrom(1, 4, 16, 64, 256),
  spot: fc.boolean(),
  instanceType: fc.option(fc.constantFrom(...INSTANCE_TYPES, 'unknown.type'), { nil: undefined }),
  hourlyPrice: fc.option(dbl(0, 10), { nil: undefined }),
  noZtunnel: fc.constantFrom(undefined, undefined, undefined, undefined, 'fargate' as const),
});

const workloadSpecArb = fc.record({
  // c9 has no nodes: its proxies are priced at the sheet's list rates
  cluster: fc.constantFrom(...CLUSTERS, 'c9'),
  namespace: fc.constantFrom(...NAMESPACES),
  kind: fc.constantFrom(...KINDS),
  replicas: fc.integer({ min: 0, max: 12 }),
  rps: fc.oneof(fc.constant(0), dbl(0, 100_000)),
  bytesPerRequest: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
  waypoint: fc.boolean(),
  canary: fc.boolean(),
  hostNetwork: fc.constantFrom(false, false, false, true),
  /** node picks for each pod (index into the cluster's nodes; 9 mod 10 = a node missing from the inventory) */
  placement: fc.option(
    fc.record({ picks: fc.array(fc.nat(1000), { minLength: 12, maxLength: 12 }), full: fc.boolean() }),
    { nil: undefined },
  ),
  sidecarRequests: fc.option(fc.record({ cpu: dbl(0, 1), memoryMiB: dbl(0, 512) }), { nil: undefined }),
  /** pods running istio-proxy today and pods opted out, as a fraction of the replicas */
  today: fc.option(fc.record({ sidecars: fc.constantFrom(0, 0.5, 1), optedOut: fc.constantFrom(0, 0.5) }), { nil: undefined }),
  podRequests: fc.option(fc.record({ cpu: dbl(0, 4), memoryMiB: dbl(0, 8192) }), { nil: undefined }),
});

const linear = (maxBase: number, maxPer: number) => fc.record({ base: dbl(0, maxBase), per1kRps: dbl(0, maxPer) });
/** bytes (a bare number is bytes, as in Kubernetes): 0 (absent) or at least 1 MiB, the least a profile takes */
const memoryBytes = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: 2 ** 20, max }));
const componentArb = fc.record({
  usage: fc.record({ cpu: linear(0.5, 1), memoryMiB: linear(200, 50) }),
  requests: fc.record({ cpu: dbl(0, 2), memory: memoryBytes(2 ** 31) }),
});
const requestsArb = fc.record({ cpu: dbl(0, 4), memory: memoryBytes(2 ** 33) });
/** scale terms: both sides or neither (the schema's rule) */
const scaleArb = fc.option(
  fc.record({ sidecar: dbl(0.01, 100), ztunnel: dbl(0.01, 100), waypoint: dbl(0, 100), cpu: dbl(0, 0.01), memoryMiB: dbl(0.001, 2) }),
  { nil: undefined },
);

const profileArb = fc
  .record({
    sidecar: componentArb,
    ztunnel: componentArb,
    cni: fc.option(componentArb, { nil: undefined }),
    waypoint: componentArb,
    scaling: fc.record({ rpmPerReplica: dbl(1000, 200_000), headroom: dbl(0, 2), minReplicas: fc.integer({ min: 1, max: 4 }), zoneSpread: fc.boolean() }),
    controlPlane: fc.record({ sidecar: requestsArb, ambient: requestsArb }),
    cniInSidecarMode: fc.boolean(),
    scale: scaleArb,
  })
  .map(({ cni, waypoint, scaling, scale, cniInSidecarMode, sidecar, ztunnel, controlPlane }): ProxyProfile => {
    const withKPods = <T extends { usage: { memoryMiB: object } }>(c: T, perKPods: number | undefined): T =>
      perKPods === undefined ? c : { ...c, usage: { ...c.usage, memoryMiB: { ...c.usage.memoryMiB, perKPods } } };
    const perProxy = scale ? { perProxy: { cpu: scale.cpu, memoryMiB: scale.memoryMiB } } : {};
    return profile({
      sidecar: withKPods(sidecar, scale?.sidecar),
      ztunnel: withKPods(ztunnel, scale?.ztunnel),
      ...(cni ? { cni: { ...cni, inSidecarMode: cniInSidecarMode } } : {}),
      waypoint: { ...withKPods(waypoint, scale?.waypoint), scaling },
      controlPlane: { sidecar: { ...controlPlane.sidecar, ...perProxy }, ambient: { ...controlPlane.ambient, ...perProxy } },
    });
  });

const sheetSpecArb = fc.record({
  hoursPerMonth: fc.constantFrom(730, 720, 744, 100),
  CPU: priceArb,
  RAM: priceArb,
  spotCPU: fc.option(priceArb, { nil: undefined }),
  spotRAM: fc.option(priceArb, { nil: undefined }),
  zoneNetworkEgress: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: dbl(0.001, 0.1), weight: 4 }),
  billBothDirections: fc.boolean(),
  discount: fc.oneof(fc.constant(0), dbl(0, 0.9)),
  instanceTypes: fc.dictionary(
    fc.constantFrom(...INSTANCE_TYPES),
    fc.record({ onDemand: fc.option(dbl(0, 10), { nil: undefined }), spot: fc.option(dbl(0, 10), { nil: undefined }) }),
  ),
});
export type SheetSpec = typeof sheetSpecArb extends fc.Arbitrary<infer T> ? T : never;

const optionsArb = fc.record({
  basis: fc.constantFrom<Basis>('usage', 'requests', 'max'),
  locality: fc.constantFrom<Locality>('none', 'preferClose'),
  excludedNamespaces: fc.constantFrom<readonly string[]>(DEFAULT_EXCLUDED_NAMESPACES, [], ['shop']),
  scope: fc.constantFrom<ScopeFlag>('auto', 'auto', 'mesh', 'all'),
});

/** namespace labels: today's data plane of some namespaces (none at all, mostly) */
const namespacesArb = fc.option(
  fc.array(fc.record({ cluster: fc.constantFrom(...CLUSTERS, 'c9'), name: fc.constantFrom(...NAMESPACES), dataPlane: fc.constantFrom<DataPlane>('sidecar', 'ambient') }), { maxLength: 6 }),
  { nil: undefined },
);

type NodeSpec = typeof nodeSpecArb extends fc.Arbitrary<infer T> ? T : never;
type WorkloadSpec = typeof workloadSpecArb extends fc.Arbitrary<infer T> ? T : never;

function buildNodes(specs: NodeSpec[]): InventoryNode[] {
  return specs.map((s, i) => ({
    cluster: s.cluster,
    environment: s.cluster === 'c1' ? 'prod' : s.cluster,
    name: `${s.cluster}-n${i}`,
    zone: s.zone,
    capacityType: s.spot ? 'spot' : 'on-demand',
    vcpu: s.vcpu,
    memoryGiB: s.memoryGiB,
    ...(s.instanceType ? { instanceType: s.instanceType } : {}),
    ...(s.hourlyPrice !== undefined ? { hourlyPrice: s.hourlyPrice } : {}),
    ...(s.noZtunnel ? { noZtunnel: s.noZtunnel } : {}),
  }));
}

function buildWorkloads(specs: WorkloadSpec[], nodes: InventoryNode[]): InventoryWorkload[] {
  return specs.map((s, i) => {
    const w: InventoryWorkload = {
      cluster: s.cluster,
      environment: s.cluster === 'c1' ? 'prod' : s.cluster,
      namespace: s.namespace,
      name: `w${i}`,
      kind: s.kind,
      replicas: s.replicas,
      rps: s.rps,
      waypoint: s.waypoint,
      canary: s.canary,
      hostNetwork: s.hostNetwork,
    };
    if (s.bytesPerRequest !== undefined) w.bytesPerRequest = s.bytesPerRequest;
    if (s.sidecarRequests) w.sidecarRequests = s.sidecarRequests;
    if (s.podRequests) w.podRequests = s.podRequests;
    if (s.today) {
      w.sidecarsToday = Math.floor(s.replicas * s.today.sidecars);
      w.optedOut = Math.floor(s.replicas * s.today.optedOut);
    }
    if (s.placement) {
      const own = nodes.filter((n) => n.cluster === s.cluster);
      const placed = s.placement.full ? s.replicas : Math.floor(s.replicas / 2);
      const map = new Map<string, number>();
      for (const pick of s.placement.picks.slice(0, placed)) {
        const name = pick % 10 === 9 || own.length === 0 ? 'missing-node' : own[pick % own.length]!.name;
        map.set(name, (map.get(name) ?? 0) + 1);
      }
      w.placement = map;
    }
    return w;
  });
}

/**
 * Every scenario has something to price (nothing meshed is an error, not a report): an
 * anchor Deployment in a namespace no option excludes, labelled for the mesh whenever
 * the scenario labels any namespace.
 */
const anchorArb = fc.record({ cluster: fc.constantFrom(...CLUSTERS), replicas: fc.integer({ min: 1, max: 6 }), rps: dbl(0, 10_000), waypoint: fc.boolean() });

export const scenarioArb = fc
  .record({
    nodes: fc.array(nodeSpecArb, { maxLength: 12 }),
    workloads: fc.array(workloadSpecArb, { maxLength: 10 }),
    anchor: anchorArb,
    namespaces: namespacesArb,
    profile: profileArb,
    sheet: sheetSpecArb,
    options: optionsArb,
  })
  .map(({ anchor, ...s }) => {
    const nodes = buildNodes(s.nodes);
    const workloads = buildWorkloads(s.workloads, nodes);
    workloads.push({ cluster: anchor.cluster, environment: anchor.cluster === 'c1' ? 'prod' : anchor.cluster, namespace: 'anchor', name: 'anchor', kind: 'Deployment', replicas: anchor.replicas, rps: anchor.rps, waypoint: anchor.waypoint, canary: false, hostNetwork: false, sidecarsToday: anchor.replicas });
    const namespaces: InventoryNamespace[] | undefined = s.namespaces && [...s.namespaces, { cluster: anchor.cluster, name: 'anchor', dataPlane: 'sidecar' }];
    return { ...s, nodes, workloads, namespaces };
  });
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

export function estimateOf(
  s: Scenario,
  over: { sheet?: SheetSpec; nodes?: InventoryNode[]; workloads?: InventoryWorkload[]; profile?: ProxyProfile } = {},
): Report {
  const opts: ModelOptions = s.options;
  const inv = inventory(over.nodes ?? s.nodes, over.workloads ?? s.workloads);
  if (s.namespaces) inv.namespaces = s.namespaces;
  return run(inv, over.profile ?? s.profile, prices(over.sheet ?? s.sheet), opts).report;
}

/** The report of a generated scenario. */
export const reportArb: fc.Arbitrary<Report> = scenarioArb.map((s) => estimateOf(s));

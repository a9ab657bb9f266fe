/**
 * Generated model inputs (fast-check): inventories with and without placement, proxy
 * profiles, price sheets and options, and the report the model makes of them. Shared by
 * the model's properties and by the properties every report must have (schema, exports).
 */
import fc from 'fast-check';
import type { InventoryNode, InventoryWorkload } from '../../src/inventory/types.js';
import type { Basis, Locality, ModelOptions, Report } from '../../src/model/types.js';
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
});

const linear = (maxBase: number, maxPer: number) => fc.record({ base: dbl(0, maxBase), per1kRps: dbl(0, maxPer) });
const componentArb = fc.record({
  usage: fc.record({ cpu: linear(0.5, 1), memoryMiB: linear(200, 50) }),
  // a bare number is bytes, as in Kubernetes
  requests: fc.record({ cpu: dbl(0, 2), memory: fc.integer({ min: 0, max: 2 ** 31 }) }),
});
const requestsArb = fc.record({ cpu: dbl(0, 4), memory: fc.integer({ min: 0, max: 2 ** 33 }) });

const profileArb = fc
  .record({
    sidecar: componentArb,
    ztunnel: componentArb,
    cni: fc.option(componentArb, { nil: undefined }),
    waypoint: componentArb,
    scaling: fc.record({ rpmPerReplica: dbl(1000, 200_000), headroom: dbl(0, 2), minReplicas: fc.integer({ min: 1, max: 4 }) }),
    controlPlane: fc.record({ sidecar: requestsArb, ambient: requestsArb }),
  })
  .map(({ cni, waypoint, scaling, ...rest }): ProxyProfile =>
    profile({ ...rest, ...(cni ? { cni } : {}), waypoint: { ...waypoint, scaling } }),
  );

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
});

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

export const scenarioArb = fc
  .record({
    nodes: fc.array(nodeSpecArb, { maxLength: 12 }),
    workloads: fc.array(workloadSpecArb, { maxLength: 10 }),
    profile: profileArb,
    sheet: sheetSpecArb,
    options: optionsArb,
  })
  .map((s) => {
    const nodes = buildNodes(s.nodes);
    return { ...s, nodes, workloads: buildWorkloads(s.workloads, nodes) };
  });
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

export function estimateOf(s: Scenario, over: { sheet?: SheetSpec; nodes?: InventoryNode[]; workloads?: InventoryWorkload[] } = {}): Report {
  const opts: ModelOptions = s.options;
  return run(inventory(over.nodes ?? s.nodes, over.workloads ?? s.workloads), s.profile, prices(over.sheet ?? s.sheet), opts).report;
}

/** The report of a generated scenario. */
export const reportArb: fc.Arbitrary<Report> = scenarioArb.map((s) => estimateOf(s));

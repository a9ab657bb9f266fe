/**
 * Properties of the model over generated inventories, profiles, price sheets and
 * options (fast-check). Run counts stay modest so the suite is quick on 2 cores.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InventoryNode, InventoryWorkload } from '../../src/inventory/types.js';
import type { Basis, LineItem, Locality, ModelOptions, Report } from '../../src/model/types.js';
import { DEFAULT_EXCLUDED_NAMESPACES } from '../../src/model/types.js';
import type { ProxyProfile } from '../../src/profiles/schema.js';
import { cents, inventory, prices, profile, run, sumItemCents } from './builders.js';

const NUM_RUNS = 200;
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
type SheetSpec = typeof sheetSpecArb extends fc.Arbitrary<infer T> ? T : never;

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

const scenarioArb = fc
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
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function estimateOf(s: Scenario, over: { sheet?: SheetSpec; nodes?: InventoryNode[]; workloads?: InventoryWorkload[] } = {}): Report {
  const opts: ModelOptions = s.options;
  return run(inventory(over.nodes ?? s.nodes, over.workloads ?? s.workloads), s.profile, prices(over.sheet ?? s.sheet), opts).report;
}

const ofMode = (r: Report, mode: LineItem['mode']) => r.lineItems.filter((i) => i.mode === mode);

describe('model properties', () => {
  it('never throws; no cost, vcpu or memory is negative or non-finite', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = estimateOf(s);
        const numbers = [
          r.sidecar.vcpu, r.sidecar.memoryGiB, r.sidecar.monthlyCost,
          r.ambient.vcpu, r.ambient.memoryGiB, r.ambient.monthlyCost, r.ambient.crossZoneMonthlyCost,
          r.crossZone.extraGiB, r.crossZone.extraMonthlyCost,
          r.crossZone.variants.none.extraGiB, r.crossZone.variants.none.extraMonthlyCost,
          r.crossZone.variants.preferClose.extraGiB, r.crossZone.variants.preferClose.extraMonthlyCost,
          ...r.lineItems.flatMap((i) => [i.count, i.vcpu, i.memoryGiB, i.monthlyCost]),
        ];
        for (const x of numbers) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
        }
        expect(Number.isFinite(r.savings.monthlyCost)).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('each mode total, the cross-zone total and savings add up to the cent', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = estimateOf(s);
        const side = ofMode(r, 'sidecar');
        const amb = ofMode(r, 'ambient');
        for (const i of r.lineItems) expect(cents(i.monthlyCost)).toBeCloseTo(i.monthlyCost * 100, 6); // whole cents
        expect(cents(r.sidecar.monthlyCost)).toBe(sumItemCents(side));
        expect(cents(r.ambient.monthlyCost)).toBe(sumItemCents(amb));
        const crossZone = amb.filter((i) => i.component === 'crossZone');
        expect(cents(r.ambient.crossZoneMonthlyCost)).toBe(sumItemCents(crossZone));
        expect(cents(r.crossZone.extraMonthlyCost)).toBe(sumItemCents(crossZone));
        expect(cents(r.crossZone.variants[s.options.locality].extraMonthlyCost)).toBe(sumItemCents(crossZone));
        expect(cents(r.savings.monthlyCost)).toBe(cents(r.sidecar.monthlyCost) - cents(r.ambient.monthlyCost));
        if (r.sidecar.monthlyCost === 0) expect(r.savings.percent).toBeNull();
        else expect(r.savings.percent).toBeCloseTo((100 * r.savings.monthlyCost) / r.sidecar.monthlyCost, 9);
        // resources: the headline is the sum of the mode's items
        expect(r.sidecar.vcpu).toBeCloseTo(side.reduce((t, i) => t + i.vcpu, 0), 6);
        expect(r.ambient.memoryGiB).toBeCloseTo(amb.reduce((t, i) => t + i.memoryGiB, 0), 6);
        expect(r.sidecar.proxies).toBe(side.filter((i) => i.component === 'sidecar').reduce((t, i) => t + i.count, 0));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('multiplying every price by k multiplies every line item by k (within rounding)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(2, 3, 10), (s, k) => {
        const scaleOpt = (x: number | undefined) => (x === undefined ? undefined : x * k);
        const sheet: SheetSpec = {
          ...s.sheet,
          CPU: s.sheet.CPU * k,
          RAM: s.sheet.RAM * k,
          spotCPU: scaleOpt(s.sheet.spotCPU),
          spotRAM: scaleOpt(s.sheet.spotRAM),
          zoneNetworkEgress: s.sheet.zoneNetworkEgress * k,
          instanceTypes: Object.fromEntries(
            Object.entries(s.sheet.instanceTypes).map(([t, p]) => [t, { onDemand: scaleOpt(p.onDemand), spot: scaleOpt(p.spot) }]),
          ),
        };
        const nodes = s.nodes.map((n) => (n.hourlyPrice === undefined ? n : { ...n, hourlyPrice: n.hourlyPrice * k }));
        const one = estimateOf(s);
        const many = estimateOf(s, { sheet, nodes });
        expect(many.lineItems.length).toBe(one.lineItems.length);
        // Items are rounded to cents after pricing: item_1 = x + e1, item_k = k·x + ek with |e| ≤ 0.005,
        // so |item_k − k·item_1| = |ek − k·e1| ≤ 0.005·(1 + k) (plus float noise).
        const tolerance = 0.005 * (k + 1) + 1e-6;
        many.lineItems.forEach((m, idx) => {
          const o = one.lineItems[idx]!;
          expect({ ...m, monthlyCost: 0 }).toEqual({ ...o, monthlyCost: 0 }); // same keys and resources
          expect(Math.abs(m.monthlyCost - k * o.monthlyCost)).toBeLessThanOrEqual(tolerance);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  // Only WITHOUT placement: a placed workload can gain a pod on a cheap node, and since
  // L = 2R/r every existing pod then carries less load — its usage on the expensive
  // nodes falls by more than the cheap pod adds, so the sidecar cost can go down.
  it('adding replicas to a workload without placement never lowers the sidecar cost', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.integer({ min: 1, max: 5 }), (s, pick, extra) => {
        if (s.workloads.length === 0) return;
        const i = pick % s.workloads.length;
        const base = s.workloads.map((w, j) => (j === i ? { ...w, placement: undefined } : w));
        const more = base.map((w, j) => (j === i ? { ...w, replicas: w.replicas + extra } : w));
        const before = estimateOf(s, { workloads: base });
        const after = estimateOf(s, { workloads: more });
        expect(cents(after.sidecar.monthlyCost)).toBeGreaterThanOrEqual(cents(before.sidecar.monthlyCost));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

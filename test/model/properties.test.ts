/**
 * Properties of the model over generated inventories, profiles, price sheets and
 * options (fast-check). Run counts stay modest so the suite is quick on 2 cores.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildManifests } from '../../src/manifests/index.js';
import { extraShareNone, extraSharePreferClose } from '../../src/model/crossZone.js';
import type { LineItem, Report } from '../../src/model/types.js';
import type { ProxyProfile } from '../../src/profiles/schema.js';
import { cents, inventory, prices, run, sumItemCents, workload } from './builders.js';
import { estimateOf, scenarioArb, type SheetSpec } from './scenarios.js';

const NUM_RUNS = 200;

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
  // Under --scope all: in the mesh reading a pod added outside the mesh (no istio-proxy)
  // takes its share of the traffic off the proxies, and so does one added to a DaemonSet
  // meshed only for its pods that run istio-proxy today (sidecarsToday dropped here).
  it('adding replicas to a workload without placement never lowers the sidecar cost', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.integer({ min: 1, max: 5 }), (scenario, pick, extra) => {
        const s = { ...scenario, options: { ...scenario.options, scope: 'all' as const } };
        const i = pick % s.workloads.length;
        const base = s.workloads.map((w, j) => (j === i ? { ...w, placement: undefined, sidecarsToday: undefined } : w));
        const more = base.map((w, j) => (j === i ? { ...w, replicas: w.replicas + extra } : w));
        const before = estimateOf(s, { workloads: base });
        const after = estimateOf(s, { workloads: more });
        expect(cents(after.sidecar.monthlyCost)).toBeGreaterThanOrEqual(cents(before.sidecar.monthlyCost));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/** per-zone weights over up to 5 zones: counts, sometimes 0 */
const weightsArb = (zones: number) => fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })), { minLength: zones, maxLength: zones });
const threeArb = fc.integer({ min: 1, max: 5 }).chain((z) => fc.tuple(weightsArb(z), weightsArb(z), weightsArb(z)));

describe('cross-zone properties (three hops)', () => {
  it('both variants are ≥ 0', () => {
    fc.assert(
      fc.property(threeArb, ([c, v, s]) => {
        expect(extraShareNone(c, v, s)).toBeGreaterThanOrEqual(0);
        expect(extraSharePreferClose(c, v, s)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('preferClose with a replica in every zone adds 0', () => {
    fc.assert(
      fc.property(threeArb, ([c, v, s]) => {
        const everywhere = v.map((x) => x + 1);
        expect(extraSharePreferClose(c, everywhere, s)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('clients, servers and waypoints spread alike: none = 1 − Σs² (B·(1 − Σs²) in bytes)', () => {
    fc.assert(
      fc.property(weightsArb(4), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (w, a, b) => {
        const total = w.reduce((t, x) => t + x, 0);
        if (total === 0) return;
        const squares = w.reduce((t, x) => t + (x / total) ** 2, 0);
        // the same shares at three scales: clients w·a, waypoints w, servers w·b
        expect(extraShareNone(w.map((x) => x * a), w, w.map((x) => x * b))).toBeCloseTo(1 - squares, 12);
      }),
      { numRuns: 500 },
    );
  });
});

describe('v2 model properties', () => {
  it('adding a 0-replica workload changes no figure', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom('c0', 'c1', 'c2'), fc.constantFrom('shop', 'pay', 'anchor'), fc.boolean(), (s, cluster, namespace, waypoint) => {
        const idle = workload('idle', { cluster, environment: cluster === 'c1' ? 'prod' : cluster, namespace, replicas: 0, rps: 20_000, waypoint });
        const { warnings: _, ...before } = estimateOf(s);
        const { warnings: __, ...after } = estimateOf(s, { workloads: [...s.workloads, idle] });
        // what was read grows (one more workload row, perhaps one more cluster named); nothing priced does
        const read = (r: typeof before) => ({ ...r, inputs: { ...r.inputs, workloads: 0, clusters: 0 } });
        expect(read(after)).toEqual(read(before));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('raising any perKPods or perProxy never lowers a cost', () => {
    const raise = (p: ProxyProfile, by: number): ProxyProfile => {
      const q = structuredClone(p);
      for (const c of [q.spec.sidecar, q.spec.ztunnel, q.spec.waypoint]) c.usage.memoryMiB.perKPods += by;
      for (const m of [q.spec.controlPlane.sidecar, q.spec.controlPlane.ambient]) {
        m.perProxy.cpu += by / 1000;
        m.perProxy.memoryMiB += by;
      }
      return q;
    };
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 100 }), (s, by) => {
        const before = estimateOf(s);
        const after = estimateOf(s, { profile: raise(s.profile, by) });
        // a component the profile left out (all zeros) appears once a scale term gives it memory
        const key = (i: LineItem) => [i.mode, i.component, i.environment, i.cluster, i.namespace].join('/');
        const raised = new Map(after.lineItems.map((i) => [key(i), i.monthlyCost]));
        for (const item of before.lineItems) expect(raised.get(key(item))).toBeGreaterThanOrEqual(item.monthlyCost);
        expect(after.sidecar.monthlyCost).toBeGreaterThanOrEqual(before.sidecar.monthlyCost);
        expect(after.ambient.monthlyCost).toBeGreaterThanOrEqual(before.ambient.monthlyCost);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("for every waypoint, the manifests' replicas equal report.waypoints[].replicas (and their floor the HPA minimum)", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const inv = inventory(s.nodes, s.workloads);
        if (s.namespaces) inv.namespaces = s.namespaces;
        const plan = run(inv, s.profile, prices(s.sheet), s.options);
        const set = buildManifests({ plan, inventory: inv, profile: s.profile, options: { ...s.options, mtls: 'strict' } });
        const deployed = set.clusters.flatMap((c) =>
          c.files
            .filter((f) => f.kind === 'resources' && f.path.endsWith('/waypoint.yaml'))
            .map((f) => {
              const params = (f as { objects: { kind: string; metadata: { namespace?: string }; data?: Record<string, string> }[] }).objects.find((o) => o.kind === 'ConfigMap')!;
              const hpa = parse(params.data!.horizontalPodAutoscaler!) as { spec: { minReplicas: number; maxReplicas: number } };
              return { cluster: c.cluster, namespace: params.metadata.namespace!, replicas: hpa.spec.maxReplicas, floor: hpa.spec.minReplicas };
            }),
        );
        const reported = (plan.report.waypoints ?? []).map((w) => ({ cluster: w.cluster, namespace: w.namespace, replicas: w.replicas, floor: w.floor }));
        const order = (list: typeof reported) => [...list].sort((a, b) => (a.cluster + a.namespace < b.cluster + b.namespace ? -1 : 1));
        expect(order(deployed)).toEqual(order(reported));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

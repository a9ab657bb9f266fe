/**
 * Properties of the model over generated inventories, profiles, price sheets and
 * options (fast-check). Run counts stay modest so the suite is quick on 2 cores.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineItem, Report } from '../../src/model/types.js';
import { cents, sumItemCents } from './builders.js';
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

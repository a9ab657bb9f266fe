/**
 * The prepare/price split that sensitivity re-runs on: estimate() is the two halves in a
 * row, and a prepared model re-priced with a scale gives what the scaled inventory or
 * sheet gives when estimated from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../src/model/modelInput.js';
import { priceModel } from '../../src/model/price.js';
import { GENERATED_AT, inventory, prices, run } from './builders.js';
import { scenarioArb } from './scenarios.js';

const NUM_RUNS = 100;

describe('prepareModel → priceModel', () => {
  it('is estimate()', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const inv = inventory(s.nodes, s.workloads);
        if (s.namespaces) inv.namespaces = s.namespaces;
        const sheet = prices(s.sheet);
        const model = prepareModel(inv, s.options);
        expect(priceModel(model, { profile: s.profile, prices: sheet, generatedAt: GENERATED_AT })).toEqual(run(inv, s.profile, sheet, s.options));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('one prepared model re-priced with traffic ×2 is the inventory with every rps ×2', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const sheet = prices(s.sheet);
        const model = prepareModel(inventory(s.nodes, s.workloads), s.options);
        const doubled = inventory(s.nodes, s.workloads.map((w) => ({ ...w, rps: 2 * w.rps })));
        const scaled = priceModel(model, { profile: s.profile, prices: sheet, generatedAt: GENERATED_AT }, { rps: 2 });
        const direct = run(doubled, s.profile, sheet, s.options);
        expect(scaled.report.lineItems).toEqual(direct.report.lineItems);
        expect(scaled.waypoints).toEqual(direct.waypoints);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('bytes ×2 and node prices ×3 are the scaled inventory', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const sheet = prices(s.sheet);
        const model = prepareModel(inventory(s.nodes, s.workloads), s.options);
        const scaled = priceModel(model, { profile: s.profile, prices: sheet, generatedAt: GENERATED_AT }, { bytes: 2, nodePrice: 3 });
        const times = (x: number | undefined, k: number) => (x === undefined ? undefined : x * k);
        const nodes = s.nodes.map((n) => (n.hourlyPrice === undefined ? n : { ...n, hourlyPrice: n.hourlyPrice * 3 }));
        const instanceTypes = Object.fromEntries(Object.entries(s.sheet.instanceTypes).map(([t, p]) => [t, { onDemand: times(p.onDemand, 3), spot: times(p.spot, 3) }]));
        const workloads = s.workloads.map((w) => ({ ...w, bytesPerRequest: 2 * (w.bytesPerRequest ?? 2048) }));
        const direct = run(inventory(nodes, workloads), s.profile, prices({ ...s.sheet, instanceTypes }), s.options);
        expect(scaled.report.lineItems.length).toBe(direct.report.lineItems.length);
        scaled.report.lineItems.forEach((item, i) => {
          const d = direct.report.lineItems[i]!;
          expect({ ...item, monthlyCost: 0, vcpu: 0, memoryGiB: 0 }).toEqual({ ...d, monthlyCost: 0, vcpu: 0, memoryGiB: 0 });
          // a node's rates are its price split: the same product in another order, equal within a cent's rounding
          expect(Math.abs(item.monthlyCost - d.monthlyCost)).toBeLessThanOrEqual(0.010001);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

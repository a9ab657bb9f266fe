/**
 * The savings-only path the sensitivity re-runs take (`priceColumns`, and `savingsFor`
 * built on it): for any scenario and any what-if, the same cents per column and the same
 * savings as the full report of `priceModel`, including when one prepared model is
 * re-priced in turn under different sheets and traffic (the rates and cross-zone shares
 * it keeps between runs must never leak from one what-if into another).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareModel } from '../../src/model/modelInput.js';
import { priceColumns, priceModel, savingsOf } from '../../src/model/price.js';
import { modelScales, preparedRun } from '../../src/model/sensitivityRun.js';
import { DEFAULT_SCALES, valueAt, withValue, type WhatIf } from '../../src/profiles/overrides.js';
import { TOOL } from '../../src/version.js';
import { GENERATED_AT, inventory, prices } from './builders.js';
import { scenarioArb } from './scenarios.js';

// one key of each kind the fast path serves: sidecar figures, istiod, prices, node prices, traffic
const KEYS = [
  'sidecar.usage.cpu.per1kRps',
  'sidecar.usage.memoryMiB.perKPods',
  'sidecar.requests.cpu',
  'controlPlane.sidecar.perProxy.cpu',
  'prices.CPU',
  'prices.RAM',
  'prices.spotCPU',
  'prices.zoneNetworkEgress',
  'prices.nodeScale',
  'traffic.rpsScale',
  'traffic.bytesScale',
  'waypoint.scaling.rpmPerReplica',
];

const at = (base: WhatIf, key: string, factor: number): WhatIf => {
  const today = valueAt(base, key);
  const value = typeof today === 'number' && today !== 0 ? today * factor : factor;
  return withValue(base, key, key === 'waypoint.scaling.rpmPerReplica' ? Math.max(1, value) : value);
};

describe('the savings-only path', () => {
  it("gives each column's cents and the savings of the full report, for every what-if, re-priced in any order", () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(0, 0.01, 0.75, 1.25, 3, 100)), { minLength: 1, maxLength: 4 }), (sc, whatIfs) => {
        const inv = inventory(sc.nodes, sc.workloads);
        if (sc.namespaces) inv.namespaces = sc.namespaces;
        const model = prepareModel(inv, sc.options);
        const base: WhatIf = { profile: sc.profile, prices: prices(sc.sheet), scales: DEFAULT_SCALES };
        // the base between what-ifs, so that a kept rate or share from the last run would show
        for (const w of [base, ...whatIfs.flatMap(([key, factor]) => [at(base, key, factor), base])]) {
          const pricing = { profile: w.profile, prices: w.prices, generatedAt: GENERATED_AT, tool: TOOL };
          const fresh = priceModel(prepareModel(inv, sc.options), pricing, modelScales(w.scales)).report;
          const cents = priceColumns(model, pricing, modelScales(w.scales));
          // the report's totals are whole cents: × 100 and rounded, they are the integer cents
          expect(cents).toEqual({ sidecar: Math.round(fresh.sidecar.monthlyCost * 100), ambient: Math.round(fresh.ambient.monthlyCost * 100) });
          expect(savingsOf(cents)).toBe(fresh.savings.monthlyCost);
          expect(priceModel(model, pricing, modelScales(w.scales)).report).toEqual(fresh);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("savingsFor any key is the full run's savings at that key's value", () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...KEYS), fc.constantFrom(0, 0.3, 1.7, 40), (sc, key, factor) => {
        const base: WhatIf = { profile: sc.profile, prices: prices(sc.sheet), scales: DEFAULT_SCALES };
        const run = preparedRun(inventory(sc.nodes, sc.workloads), sc.options, GENERATED_AT, { tool: TOOL });
        const w = at(base, key, factor);
        expect(run.savingsFor(key, base)(w)).toBe(run.price(w).report.savings.monthlyCost);
      }),
      { numRuns: 150 },
    );
  });
});

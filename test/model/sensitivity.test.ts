import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakEven, sensitivity } from '../../src/model/sensitivity.js';
import { preparedRun } from '../../src/model/sensitivityRun.js';
import { applyOverrides, DEFAULT_SCALES, valueAt, withValue, type WhatIf } from '../../src/profiles/overrides.js';
import { GENERATED_AT, inventory, node, options, prices, profile, workload } from './builders.js';
import { scenarioArb } from './scenarios.js';
import { TOOL } from '../../src/version.js';

describe('breakEven (bisection)', () => {
  it('finds a crossing below today: f = x − 3 from today 10 → 3', () => {
    expect(breakEven((x) => x - 3, 10, 1)).toBeCloseTo(3, 3);
  });

  it('finds a crossing above today: f = 5 − x/10 from today 1 → 50', () => {
    expect(breakEven((x) => 5 - x / 10, 1, 1)).toBeCloseTo(50, 2);
  });

  it('takes the smallest flip below today, where a step function flips more than once', () => {
    // f > 0 on [2, 7), < 0 below 2 and from 7 on: searched from 0 first, so 2
    expect(breakEven((x) => (x < 2 || x >= 7 ? -1 : 1), 4, 1)).toBeCloseTo(2, 3);
  });

  it('has none when the sign holds within 100 × today, or when the savings only vanish', () => {
    expect(breakEven((x) => 5 - x / 1000, 1, 1)).toBeNull(); // crosses at 5,000 > 100
    expect(breakEven((x) => x, 1, 1)).toBeNull(); // 0 at 0: not a change of sign
  });

  it('is 0 when only 0 itself flips the sign', () => {
    expect(breakEven((x) => (x === 0 ? -1 : 1), 1, 1)).toBe(0);
  });

  it('stops within 40 bisections', () => {
    let calls = 0;
    breakEven((x) => (calls++, x - 1e-30), 1, 1);
    expect(calls).toBeLessThanOrEqual(1 + 40);
  });
});

/**
 * One cluster of 2 unpriced nodes (CPU 0.04 $/vCPU-h), 10 meshed idle pods, requests basis;
 * only sidecar and ztunnel requests cost anything:
 *   sidecar 10 × 0.1 vCPU × 0.04 × 730 = 29.20; ztunnel 2 × 0.2 × 0.04 × 730 = 11.68;
 *   savings = 17.52 = (10·s − 2·z) × 29.2 with s, z the requests and 29.2 = 0.04 × 730.
 */
function simple(): { base: WhatIf; price: ReturnType<typeof preparedRun>['price'] } {
  const inv = inventory([node('n1'), node('n2')], [workload('web', { replicas: 10 })]);
  const prof = profile({ sidecar: { requests: { cpu: '100m', memory: 0 } }, ztunnel: { requests: { cpu: '200m', memory: 0 } } });
  return {
    base: { profile: prof, prices: prices({ CPU: 0.04, RAM: 0.005 }), scales: DEFAULT_SCALES },
    price: preparedRun(inv, options({ basis: 'requests' }), GENERATED_AT, { tool: TOOL }).price,
  };
}

describe('sensitivity (tornado)', () => {
  it('re-runs every input that moves the savings at ±25%, sorted by swing, with break-evens worked by hand', () => {
    const { base, price } = simple();
    const s = sensitivity(base, price, 0.25);
    expect(s.delta).toBe(0.25);
    // sidecar.requests.cpu: (10·0.075 − 0.4)·29.2 = 10.22, (10·0.125 − 0.4)·29.2 = 24.82; 0 at s = 0.04
    // prices.CPU: 17.52 × 0.75 = 13.14, × 1.25 = 21.90; proportional: no break-even
    // ztunnel.requests.cpu: (1 − 2·0.15)·29.2 = 20.44, (1 − 2·0.25)·29.2 = 14.60; 0 at z = 0.5
    // memory, traffic, egress and waypoint figures move nothing here and are left out, and so does
    // prices.nodeScale: it scales nodes' own hourly prices, and these nodes have none
    expect(s.inputs.map((r) => [r.name, r.savingsLow, r.savingsHigh])).toEqual([
      ['sidecar.requests.cpu', 10.22, 24.82],
      ['prices.CPU', 13.14, 21.9],
      ['ztunnel.requests.cpu', 20.44, 14.6],
    ]);
    const row = (name: string) => s.inputs.find((r) => r.name === name)!;
    expect(row('sidecar.requests.cpu').today).toBe(0.1);
    expect(row('sidecar.requests.cpu').low).toBeCloseTo(0.075, 12);
    expect(row('sidecar.requests.cpu').high).toBeCloseTo(0.125, 12);
    // cents rounding leaves a band of 0.005 / 292 ≈ 1.7e-5 vCPU around 0.04 where the savings read 0
    expect(row('sidecar.requests.cpu').breakEven).toBeCloseTo(0.04, 4);
    expect(row('ztunnel.requests.cpu').breakEven).toBeCloseTo(0.5, 3);
    expect(row('prices.CPU').breakEven).toBeNull();
    expect(s.waypointBreakEven).toEqual([]);
  });

  it('gives the L7 rps at which a namespace waypoint and its sidecars cost the same', () => {
    // usage basis, one L7 workload of 10 pods at R = 100 rps today on 1 node (one zone: no cross-zone);
    // CPU 0.04, RAM 0 → $29.20 per vCPU-month:
    //   sidecars 10 × 0.2 × (2R/10)/1000 = 0.0004·R vCPU
    //   waypoint k × 0.01 + 0.25·R/1000 vCPU, k = max(2, ⌈60·R·1.6/50,000⌉) = 2 up to R = 1,041
    //   equal at 0.00015·R = 0.02 → R = 133.3 (today, 100 rps, the waypoint costs more)
    const inv = inventory([node('n1')], [workload('api', { replicas: 10, rps: 100, waypoint: true })]);
    const prof = profile({
      sidecar: { usage: { cpu: { base: 0, per1kRps: 0.2 } } },
      waypoint: { usage: { cpu: { base: 0.01, per1kRps: 0.25 } }, scaling: { rpmPerReplica: 50000, headroom: 0.6, minReplicas: 2 } },
    });
    const base = { profile: prof, prices: prices({ CPU: 0.04, RAM: 0 }), scales: DEFAULT_SCALES };
    const s = sensitivity(base, preparedRun(inv, options({ basis: 'usage' }), GENERATED_AT, { tool: TOOL }).price, 0.25);
    expect(s.waypointBreakEven).toHaveLength(1);
    expect(s.waypointBreakEven[0]).toMatchObject({ cluster: 'c1', namespace: 'shop' });
    // each side is rounded to cents, so the margin is off by up to 0.01: 0.01 / (29.2 × 0.00015) ≈ 2.3 rps
    expect(Math.abs(s.waypointBreakEven[0]!.rps! - 133.33)).toBeLessThan(2.3);
  });

  it("a namespace re-priced alone has that namespace's sidecars, waypoint and cross-zone of the whole run", () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const base: WhatIf = { profile: sc.profile, prices: prices(sc.sheet), scales: { ...DEFAULT_SCALES, rpsScale: 1.7 } };
        const run = preparedRun(inventory(sc.nodes, sc.workloads), sc.options, GENERATED_AT, { tool: TOOL });
        const full = run.price(base);
        for (const wp of full.waypoints) {
          // the shared components (istiod counts every proxy) stay out: the break-even does not read them
          const own = new Set(['sidecar', 'waypoint', 'crossZone']);
          const mine = (items: typeof full.report.lineItems) => items.filter((i) => i.cluster === wp.cluster && i.namespace === wp.namespace && own.has(i.component));
          expect(mine(run.priceNamespace(base, wp.cluster, wp.namespace).report.lineItems)).toEqual(mine(full.report.lineItems));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the savings of a ztunnel, istio-cni, waypoint or ambient istiod figure, re-priced from the ambient side alone, are those of the whole run', () => {
    const keys = ['ztunnel.requests.cpu', 'ztunnel.usage.memoryMiB.base', 'cni.requests.memory', 'waypoint.usage.cpu.per1kRps', 'waypoint.scaling.rpmPerReplica', 'controlPlane.ambient.cpu', 'waypoint.requests.memory'];
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...keys), fc.constantFrom(0, 0.3, 1.7, 40), (sc, key, factor) => {
        const base: WhatIf = { profile: sc.profile, prices: prices(sc.sheet), scales: DEFAULT_SCALES };
        const run = preparedRun(inventory(sc.nodes, sc.workloads), sc.options, GENERATED_AT, { tool: TOOL });
        const today = valueAt(base, key) as number;
        const w = withValue(base, key, key === 'waypoint.scaling.rpmPerReplica' ? Math.max(1, today * factor) : today * factor);
        expect(run.savingsFor(key, base)(w)).toBe(run.price(w).report.savings.monthlyCost);
      }),
      { numRuns: 150 },
    );
  });

  it('properties: rows sorted by swing; just below and just above a break-even, applied with --set, the savings have opposite signs', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const base: WhatIf = { profile: sc.profile, prices: prices(sc.sheet), scales: DEFAULT_SCALES };
        const price = preparedRun(inventory(sc.nodes, sc.workloads), sc.options, GENERATED_AT, { tool: TOOL }).price;
        const s = sensitivity(base, price, 0.25);
        const swings = s.inputs.map((r) => Math.abs(r.savingsHigh - r.savingsLow));
        for (let i = 1; i < swings.length; i++) expect(swings[i]).toBeLessThanOrEqual(swings[i - 1]!);
        const today = Math.sign(price(base).report.savings.monthlyCost);
        // a saving within cents of 0 changes sign with the rounding of its line items alone
        if (Math.abs(price(base).report.savings.monthlyCost) < 1) return;
        for (const r of s.inputs) {
          // 0: only the value 0 itself flips, and nothing lies below it
          const be = r.breakEven;
          if (be === null || be === 0) continue;
          const at = (x: number) => price(applyOverrides(base, [`${r.name}=${x}`]).run).report.savings.monthlyCost;
          // Money is in cents, and each line item is rounded apart: where the savings pass 0 slowly they
          // read 0 or wobble by a cent over a stretch. So the sides are taken at the nearest of 1%, 2%,
          // 5% and 10% where both read at least 5 cents (wider than the bisection's 1e-4); a break-even
          // inside a stretch flat within cents of 0 has no such sides and is left out.
          const sides = [0.01, 0.02, 0.05, 0.1]
            .map((e) => [at(be * (1 - e)), at(be * (1 + e))] as const)
            .find(([lo, hi]) => Math.abs(lo) >= 0.05 && Math.abs(hi) >= 0.05);
          if (!sides) continue;
          const [below, above] = sides;
          expect(Math.sign(below) * Math.sign(above), `${r.name} at ${be}: ${below} / ${above}`).toBe(-1);
          // and the side away from today is the one whose sign changed
          expect(Math.sign(be < r.today ? below : above)).toBe(-today);
        }
      }),
      { numRuns: 25 },
    );
  });
});

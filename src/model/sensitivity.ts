/**
 * Sensitivity and break-even (DESIGN section 3): which assumption the saving hangs on,
 * and where it flips. Every input that moves the answer is re-run at (1 − d) and (1 + d),
 * everything else unchanged (a tornado, sorted by swing), and searched for the value at
 * which ambient stops saving. Each row is named by its `--set` key, with its values in
 * the units `--set` takes, so any row can be re-run by hand.
 *
 * The model is a parameter: `price` re-prices one what-if from aggregates computed once,
 * so the hundreds of runs here never walk the pods.
 */
import { groupBy } from '../groupBy.js';
import { accepts, settableKeys, settableNumber, valueAt, withValue, type WhatIf } from '../profiles/overrides.js';
import type { LineItem, Plan } from './types.js';

export type PriceRun = (w: WhatIf) => Pick<Plan, 'report' | 'waypoints'>;
/** A run whose line items of this namespace are those of the full run (cheaper: one namespace priced) */
export type NamespaceRun = (w: WhatIf, cluster: string, namespace: string) => { report: { lineItems: readonly LineItem[] } };

export interface SensitivityRow {
  /** the --set key */
  name: string;
  today: number;
  low: number;
  high: number;
  savingsLow: number;
  savingsHigh: number;
  /** the smallest value (0 … 100 × today) at which the savings change sign; null when they keep it */
  breakEven: number | null;
}

export interface Sensitivity {
  delta: number;
  inputs: SensitivityRow[];
  /** per waypoint: the L7 rps at which its waypoint and cross-zone cost exceed what its sidecars cost; null when not within 100 × today */
  waypointBreakEven: { cluster: string; namespace: string; rps: number | null }[];
}

export const DEFAULT_SENSITIVITY = 0.25;
/** the break-even is searched up to this multiple of today's value */
const SEARCH_UP_TO = 100;
const RELATIVE_PRECISION = 1e-4;
const MAX_BISECTIONS = 40;

/**
 * A unit, not an assumption: it rescales every figure alike, so it never moves the
 * sign. Integer fields (minReplicas) have no value at today × (1 ± d) in general.
 */
const NOT_VARIED = new Set(['prices.hoursPerMonth']);

function variedKeys(base: WhatIf): { key: string; today: number }[] {
  const out: { key: string; today: number }[] = [];
  for (const key of settableKeys()) {
    if (NOT_VARIED.has(key)) continue;
    const today = valueAt(base, key);
    if (typeof today !== 'number' || today === 0 || !Number.isFinite(today)) continue;
    if (!accepts(key, 1.5)) continue;
    out.push({ key, today });
  }
  return out;
}

/**
 * The smallest value at which f has the opposite sign to `signToday` (a saving that
 * becomes a loss, or the reverse; reaching exactly 0 is not a change of sign, so savings
 * that only vanish with the input have no break-even): below today first (0 … today),
 * then above (today … 100 × today); bisection to a relative 1e-4.
 */
export function breakEven(f: (x: number) => number, today: number, signToday: number): number | null {
  if (signToday === 0) return null;
  const flipped = (x: number) => Math.sign(f(x)) === -signToday;
  let lo: number;
  let hi: number;
  // which end of [lo, hi] has the opposite sign
  let flippedIsLow: boolean;
  if (flipped(0)) [lo, hi, flippedIsLow] = [0, today, true];
  else if (flipped(SEARCH_UP_TO * today)) [lo, hi, flippedIsLow] = [today, SEARCH_UP_TO * today, false];
  else return null;
  for (let i = 0; i < MAX_BISECTIONS && hi - lo > RELATIVE_PRECISION * hi; i++) {
    const mid = (lo + hi) / 2;
    if (flipped(mid) === flippedIsLow) lo = mid;
    else hi = mid;
  }
  // only 0 itself flips (the model treats a zero price apart: RAM = 0 puts a node's whole price on CPU)
  if (flippedIsLow && lo === 0) return 0;
  return (lo + hi) / 2;
}

/** The savings of what-ifs that change `key` only (a run may re-price less than the whole model for some keys) */
export type SavingsFor = (key: string, base: WhatIf) => (w: WhatIf) => number;

export function sensitivity(
  base: WhatIf,
  price: PriceRun,
  delta: number,
  priceNamespace: NamespaceRun = price,
  savingsFor: SavingsFor = () => (w) => price(w).report.savings.monthlyCost,
): Sensitivity {
  const today = price(base);
  const savingsToday = today.report.savings.monthlyCost;
  const rows: (SensitivityRow & { swing: number })[] = [];
  for (const { key, today: value } of variedKeys(base)) {
    const savingsOf = savingsFor(key, base);
    const savingsAt = (k: string, x: number) => savingsOf(withValue(base, k, x));
    const low = value * (1 - delta);
    const high = value * (1 + delta);
    const savingsLow = savingsAt(key, low);
    const savingsHigh = savingsAt(key, high);
    const be = breakEven((x) => savingsAt(key, x), value, Math.sign(savingsToday));
    if (savingsLow === savingsToday && savingsHigh === savingsToday && be === null) continue; // does not move the answer
    const inSetUnits = (x: number) => settableNumber(key, x);
    rows.push({
      name: key,
      today: inSetUnits(value),
      low: inSetUnits(low),
      high: inSetUnits(high),
      savingsLow,
      savingsHigh,
      breakEven: be === null ? null : inSetUnits(be),
      swing: Math.abs(savingsHigh - savingsLow),
    });
  }
  rows.sort((a, b) => b.swing - a.swing || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    delta,
    inputs: rows.map(({ swing: _, ...row }) => row),
    waypointBreakEven: waypointBreakEven(base, priceNamespace, today),
  };
}

/**
 * Per waypoint: the namespace's traffic scaled until its waypoint and cross-zone cost
 * exceed its sidecars' (the namespace's own line items; ztunnel and istiod are shared and
 * stay out). Traffic moves through `traffic.rpsScale`: each namespace's items depend on
 * its own rps only, so one multiplier serves every namespace.
 */
function waypointBreakEven(base: WhatIf, price: NamespaceRun, today: ReturnType<PriceRun>): Sensitivity['waypointBreakEven'] {
  const scale = base.scales.rpsScale;
  // at today's traffic a namespace's own items are the base run's: grouped once, not re-priced
  const todayItems = groupBy(today.report.lineItems, (i) => `${i.cluster}\u0000${i.namespace}`);
  return today.waypoints.map((wp) => {
    const own = (items: readonly LineItem[]) => {
      let side = 0;
      let amb = 0;
      for (const i of items) {
        if (i.cluster !== wp.cluster || i.namespace !== wp.namespace) continue;
        if (i.mode === 'sidecar' && i.component === 'sidecar') side += i.monthlyCost;
        else if (i.mode === 'ambient' && (i.component === 'waypoint' || i.component === 'crossZone')) amb += i.monthlyCost;
      }
      return side - amb;
    };
    const margin = (m: number) =>
      own(m === 1 ? (todayItems.get(`${wp.cluster}\u0000${wp.namespace}`) ?? []) : price(withValue(base, 'traffic.rpsScale', scale * m), wp.cluster, wp.namespace).report.lineItems);
    const m = wp.rps > 0 && scale > 0 ? breakEven(margin, 1, Math.sign(margin(1))) : null;
    return { cluster: wp.cluster, namespace: wp.namespace, rps: m === null ? null : m * wp.rps };
  });
}

/**
 * Budget gates (DESIGN section 1, src/budget): a report and its limits → one verdict per
 * gate. Every configured gate is evaluated, so CI shows all that broke, not the first.
 * Pure: the command prints the verdicts and turns broken ones into exit code 1.
 */
import { InputError } from '../errors.js';
import type { Report } from '../model/types.js';
import { assertComparable, cents, type Labelled } from './comparable.js';
import type { Limits } from './limits.js';

export type Verdict =
  /** budget: the ambient monthly total against the budget */
  | { gate: 'budget'; ok: boolean; figure: number; limit: number }
  /** min-savings: savings in percent of the sidecar cost (null: no sidecar cost to save on) */
  | { gate: 'min-savings'; ok: boolean; figure: number | null; limit: number }
  /**
   * max-increase: growth of the ambient total against the baseline's, in money; the limit
   * in money too, with the percentage it came from when it was given as one
   */
  | { gate: 'max-increase'; ok: boolean; figure: number; limit: number; baseline: number; limitPercent?: number };

export function evaluateGates(report: Report, limits: Limits, baseline?: Labelled): Verdict[] {
  const verdicts: Verdict[] = [];
  if (limits.budget !== undefined) {
    const figure = report.ambient.monthlyCost;
    verdicts.push({ gate: 'budget', ok: cents(figure) <= cents(limits.budget), figure, limit: limits.budget });
  }
  if (limits.minSavingsPercent !== undefined) {
    const figure = report.savings.percent;
    const limit = limits.minSavingsPercent;
    verdicts.push({ gate: 'min-savings', ok: figure !== null && figure >= limit, figure, limit });
  }
  if (limits.maxIncrease && !baseline) {
    throw new InputError('--max-increase needs a baseline report to compare with: pass --baseline REPORT.json (or budgets.baseline in the config)');
  }
  if (baseline) {
    assertComparable(baseline, { report, label: 'this estimate' });
    // a baseline alone means "must not grow"
    const increase = limits.maxIncrease ?? { amount: 0 };
    const old = baseline.report.ambient.monthlyCost;
    const figure = (cents(report.ambient.monthlyCost) - cents(old)) / 100;
    const limit = 'amount' in increase ? increase.amount : cents((old * increase.percent) / 100) / 100;
    verdicts.push({
      gate: 'max-increase',
      ok: cents(figure) <= cents(limit),
      figure,
      limit,
      baseline: old,
      ...('percent' in increase ? { limitPercent: increase.percent } : {}),
    });
  }
  return verdicts;
}

import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../src/budget/gates.js';
import { InputError } from '../../src/errors.js';
import type { Report } from '../../src/model/types.js';
import { sampleReport } from '../report/sample-report.js';

// the sample report: sidecar $6,000.00, ambient $672.07, savings 88.8%
const report = sampleReport();

function baselineWithAmbient(monthlyCost: number, currency = 'USD'): { report: Report; label: string } {
  const old = sampleReport();
  old.ambient.monthlyCost = monthlyCost;
  old.currency = currency;
  return { report: old, label: 'baseline.json' };
}

describe('budget gates', () => {
  it('gives no verdict without limits', () => {
    expect(evaluateGates(report, {})).toEqual([]);
  });

  it('passes a budget at or above the ambient total, to the cent', () => {
    expect(evaluateGates(report, { budget: 672.07 })).toEqual([{ gate: 'budget', ok: true, figure: 672.07, limit: 672.07 }]);
    expect(evaluateGates(report, { budget: 672.06 })).toEqual([{ gate: 'budget', ok: false, figure: 672.07, limit: 672.06 }]);
  });

  it('compares money in cents, so float noise neither breaks nor passes a gate', () => {
    const noisy = sampleReport();
    noisy.ambient.monthlyCost = 0.1 + 0.2; // 0.30000000000000004
    expect(evaluateGates(noisy, { budget: 0.3 })[0]!.ok).toBe(true);
  });

  it('checks the savings percentage, broken when there is no sidecar cost to save on', () => {
    expect(evaluateGates(report, { minSavingsPercent: 88 })).toEqual([
      { gate: 'min-savings', ok: true, figure: report.savings.percent, limit: 88 },
    ]);
    expect(evaluateGates(report, { minSavingsPercent: 90 })[0]!.ok).toBe(false);
    const nothing = sampleReport();
    nothing.savings = { monthlyCost: -10, percent: null };
    expect(evaluateGates(nothing, { minSavingsPercent: -50 })).toEqual([{ gate: 'min-savings', ok: false, figure: null, limit: -50 }]);
  });

  it('limits the growth against a baseline, as an amount or a percentage of the baseline', () => {
    const baseline = baselineWithAmbient(600);
    // grew by 72.07
    expect(evaluateGates(report, { maxIncrease: { amount: 72.07 } }, baseline)).toEqual([
      { gate: 'max-increase', ok: true, figure: 72.07, limit: 72.07, baseline: 600 },
    ]);
    expect(evaluateGates(report, { maxIncrease: { amount: 72 } }, baseline)[0]!.ok).toBe(false);
    expect(evaluateGates(report, { maxIncrease: { percent: 12 } }, baseline)).toEqual([
      { gate: 'max-increase', ok: false, figure: 72.07, limit: 72, baseline: 600, limitPercent: 12 },
    ]);
    expect(evaluateGates(report, { maxIncrease: { percent: 12.02 } }, baseline)[0]).toMatchObject({ ok: true, limit: 72.12 });
  });

  it('passes any decrease, and reads a baseline alone as "must not grow"', () => {
    expect(evaluateGates(report, {}, baselineWithAmbient(700))).toEqual([
      { gate: 'max-increase', ok: true, figure: -27.93, limit: 0, baseline: 700 },
    ]);
    expect(evaluateGates(report, {}, baselineWithAmbient(672.07))[0]!.ok).toBe(true);
    expect(evaluateGates(report, {}, baselineWithAmbient(672.06))[0]!.ok).toBe(false);
  });

  it('lets nothing grow from a zero baseline under a percentage limit', () => {
    expect(evaluateGates(report, { maxIncrease: { percent: 50 } }, baselineWithAmbient(0))[0]).toMatchObject({ ok: false, limit: 0 });
  });

  it('evaluates every gate, broken or not, in a fixed order', () => {
    const verdicts = evaluateGates(report, { budget: 600, minSavingsPercent: 50, maxIncrease: { amount: 10 } }, baselineWithAmbient(600));
    expect(verdicts.map((v) => [v.gate, v.ok])).toEqual([
      ['budget', false],
      ['min-savings', true],
      ['max-increase', false],
    ]);
  });

  it('refuses a baseline in another currency, and an increase limit without a baseline', () => {
    expect(() => evaluateGates(report, {}, baselineWithAmbient(600, 'EUR'))).toThrow(
      new InputError('cannot compare reports in different currencies: baseline.json is in EUR, this estimate in USD (price both with price sheets in the same currency)'),
    );
    expect(() => evaluateGates(report, { maxIncrease: { amount: 1 } })).toThrow(/--max-increase needs a baseline report/);
  });
});

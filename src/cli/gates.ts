/**
 * The budget gates of `estimate`: flags over the config's `budgets:`, each gate's verdict
 * on stderr, and BudgetExceeded (exit 1) when any broke. The verdicts themselves come
 * from the pure src/budget.
 */
import type { Verdict } from '../budget/gates.js';
import { parseAmount, parseIncrease, parsePercent, type Limits } from '../budget/limits.js';
import type { Config } from '../config.js';
import { BudgetExceeded } from '../errors.js';
import { describeVerdict } from '../report/cells.js';
import { note } from './terminal.js';

export interface BudgetFlags {
  budget?: string;
  minSavings?: string;
  baseline?: string;
  maxIncrease?: string;
}

/** Each gate from its flag when given, else from the config file. */
export function resolveLimits(flags: BudgetFlags, config: Config['budgets'] = {}): { limits: Limits; baseline?: string } {
  const limits: Limits = {};
  if (flags.budget !== undefined) limits.budget = parseAmount(flags.budget, '--budget');
  else if (config.budget !== undefined) limits.budget = config.budget;
  if (flags.minSavings !== undefined) limits.minSavingsPercent = parsePercent(flags.minSavings, '--min-savings');
  else if (config.minSavings !== undefined) limits.minSavingsPercent = config.minSavings;
  if (flags.maxIncrease !== undefined) limits.maxIncrease = parseIncrease(flags.maxIncrease, '--max-increase');
  else if (config.maxIncrease !== undefined) limits.maxIncrease = parseIncrease(config.maxIncrease, 'budgets.maxIncrease');
  const baseline = flags.baseline ?? config.baseline;
  return { limits, ...(baseline ? { baseline } : {}) };
}

/** Prints every verdict (passed ones as notes) and throws BudgetExceeded listing the broken ones. */
export function enforce(verdicts: readonly Verdict[], currency: string): void {
  const broken: string[] = [];
  for (const v of verdicts) {
    const line = describeVerdict(v, currency);
    if (v.ok) note(`budget ok: ${line}`);
    else broken.push(line);
  }
  if (broken.length > 0) throw new BudgetExceeded(broken);
}

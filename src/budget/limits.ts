/**
 * The limits a run is gated on (`--budget`, `--min-savings`, `--max-increase`, or the
 * config's `budgets:`), parsed from what a user types. Pure: text in, numbers out,
 * an InputError naming the flag on anything else.
 */
import { InputError } from '../errors.js';

/** How much the ambient total may grow against a baseline: money, or percent of the baseline. */
export type Increase = { amount: number } | { percent: number };

export interface Limits {
  /** the ambient monthly total must not exceed this */
  budget?: number;
  /** savings must be at least this percent of the sidecar cost */
  minSavingsPercent?: number;
  /** against a baseline report, the ambient total must not grow by more than this */
  maxIncrease?: Increase;
}

const AMOUNT = /^\d+(\.\d+)?$/;
const PERCENT = /^-?\d+(\.\d+)?%?$/;
export const AMOUNT_OR_PERCENT = /^(\d+(\.\d+)?)(%?)$/;

/** `600` or `600.50`: money in the report's currency, no symbol. */
export function parseAmount(text: string, name: string): number {
  const t = text.trim();
  if (!AMOUNT.test(t)) throw new InputError(`${name}: expected an amount such as 600 or 600.50, found "${text}"`);
  return Number(t);
}

/** `50` or `50%`; negative allows ambient to cost that much more than sidecars. */
export function parsePercent(text: string, name: string): number {
  const t = text.trim();
  if (!PERCENT.test(t)) throw new InputError(`${name}: expected a percentage such as 50 or 50%, found "${text}"`);
  const percent = Number(t.replace('%', ''));
  // ambient cannot save more than the whole sidecar cost: a gate above 100% always breaks
  if (percent > 100) throw new InputError(`${name}: expected a percentage of at most 100 (savings cannot exceed the sidecar cost), found "${text}"`);
  return percent;
}

/** `250` (money) or `5%` (of the baseline's ambient total). */
export function parseIncrease(text: string | number, name: string): Increase {
  if (typeof text === 'number') return { amount: text };
  const m = AMOUNT_OR_PERCENT.exec(text.trim());
  if (!m) throw new InputError(`${name}: expected an amount (250) or a percentage (5%), found "${text}"`);
  return m[3] ? { percent: Number(m[1]) } : { amount: Number(m[1]) };
}

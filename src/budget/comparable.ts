/**
 * Two reports can be compared (`--baseline`, `diff`) only when their money means the
 * same thing. Schema versions are checked where a report file is read; the currency
 * is checked here, because an estimate's own currency is known only once it is made.
 */
import { InputError } from '../errors.js';
import type { Report } from '../model/types.js';

export interface Labelled {
  report: Report;
  /** how the user knows it: a file name, or "this estimate" */
  label: string;
}

export function assertComparable(old: Labelled, now: Labelled): void {
  if (old.report.currency !== now.report.currency) {
    throw new InputError(
      `cannot compare reports in different currencies: ${old.label} is in ${old.report.currency}, ${now.label} in ${now.report.currency} (price both with price sheets in the same currency)`,
    );
  }
}

/** Money compared in whole cents, so that float noise never breaks (or passes) a gate. */
export function cents(amount: number): number {
  return Math.round(amount * 100);
}

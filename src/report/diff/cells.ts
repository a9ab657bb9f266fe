/** The cells of the diff table, shared by the terminal and markdown renderers. */
import type { Change, ReportDiff } from '../../budget/diff.js';
import { moneyIn } from '../cells.js';
import { formatPercent } from '../format.js';

export const DIFF_HEAD = ['', 'Old', 'New', 'Change', 'Change %'];

/** Sidecar, ambient and savings in total, then the same for each environment. */
export function diffCells(diff: ReportDiff): string[][] {
  const money = moneyIn(diff.currency);
  const row = (label: string, c: Change) => [
    label,
    money(c.old),
    money(c.new),
    money(c.change, true),
    formatPercent(c.changePercent, true),
  ];
  return [
    row('Sidecar', diff.sidecar),
    row('Ambient', diff.ambient),
    row('Savings', diff.savings),
    ...diff.environments.flatMap((e) => [
      row(`${e.environment} sidecar`, e.sidecar),
      row(`${e.environment} ambient`, e.ambient),
      row(`${e.environment} savings`, e.savings),
    ]),
  ];
}

/** "old.json (2025-01-01T00:00:00.000Z) → new.json (…), USD" */
export function diffTitle(diff: ReportDiff): string {
  return `${diff.old.label} (${diff.old.generatedAt}) → ${diff.new.label} (${diff.new.generatedAt}), ${diff.currency}`;
}

/** One line per report that has --set what-ifs: "what-ifs in new.json: prices.CPU=0.05 (was 0.04)". */
export function overrideLines(diff: ReportDiff): string[] {
  const sides = [
    [diff.old.label, diff.overrides?.old ?? []],
    [diff.new.label, diff.overrides?.new ?? []],
  ] as const;
  return sides
    .filter(([, list]) => list.length > 0)
    .map(([label, list]) => `what-ifs in ${label}: ${list.map((o) => `${o.key}=${o.value} (was ${o.was})`).join(', ')}`);
}

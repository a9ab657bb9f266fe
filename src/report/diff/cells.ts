/** The cells of the diff tables, shared by the terminal and markdown renderers. */
import type { Change, ReportDiff } from '../../budget/diff.js';
import { counted } from '../../plural.js';
import { moneyIn } from '../cells.js';
import { formatPercent } from '../format.js';

export const DIFF_HEAD = ['', 'Old', 'New', 'Change', 'Change %'];
export const COMPONENT_DIFF_HEAD = ['Mode', 'Component', 'Old', 'New', 'Change', 'Change %'];
export const NAMESPACE_DIFF_HEAD = ['Namespace', 'Sidecar old', 'Sidecar new', 'Ambient old', 'Ambient new', 'Ambient change'];

/** Namespaces listed before the rest is only counted: the largest changes are the ones to read. */
export const NAMESPACES_SHOWN = 15;

function changeCells(diff: ReportDiff): (c: Change) => string[] {
  const money = moneyIn(diff.currency);
  return (c) => [money(c.old), money(c.new), money(c.change, true), formatPercent(c.changePercent, true)];
}

/** Sidecar, ambient and savings in total, then the same for each environment. */
export function diffCells(diff: ReportDiff): string[][] {
  const cells = changeCells(diff);
  const row = (label: string, c: Change) => [label, ...cells(c)];
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

export function componentDiffCells(diff: ReportDiff): string[][] {
  const cells = changeCells(diff);
  return diff.components.map((c) => [c.mode, c.component, ...cells(c)]);
}

/** The namespaces that changed most; `more` says how many others changed too. */
export function namespaceDiffCells(diff: ReportDiff): { rows: string[][]; more?: string } {
  const money = moneyIn(diff.currency);
  const rows = diff.namespaces
    .slice(0, NAMESPACES_SHOWN)
    .map((n) => [n.namespace, money(n.sidecar.old), money(n.sidecar.new), money(n.ambient.old), money(n.ambient.new), money(n.ambient.change, true)]);
  const left = diff.namespaces.length - rows.length;
  return { rows, ...(left > 0 ? { more: `${counted(left, 'more namespace')} changed less (\`-f json\` lists them all).` } : {}) };
}

/** "profile: istio-1.24 → olx-india", one line per setting the two reports differ in. */
export function differenceLines(diff: ReportDiff): string[] {
  if (diff.differences.length === 0) return [];
  return [
    'The two reports were computed with different settings, so part of the change is theirs:',
    ...diff.differences.map((d) => `${d.what}: ${d.old} → ${d.new}`),
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

/**
 * The terminal report: headline comparison, savings, cross-zone variants, a bar chart
 * and a breakdown. Formats the Report only; the one arithmetic beyond formatting is the
 * Δ column (ambient − sidecar), the bar lengths and the breakdown sums (group.ts).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { formatWarning } from '../inventory/types.js';
import { LOCALITIES, type Report } from '../model/types.js';
import { ambientSaves, breakdownCells, breakdownHead, COMPARISON_HEAD, comparisonCells, moneyIn, NOT_APPLICABLE, type Money } from './cells.js';
import { formatGiB, formatNumber, formatPercent } from './format.js';
import { groupLineItems, type GroupRow } from './group.js';
import type { GroupBy, Renderer } from './index.js';
import { terminalSections } from './sections/render.js';

/** Lines stay within this width so the report reads in a default terminal and in CI logs. */
const MAX_WIDTH = 100;
const BAR_WIDTH = 40;
const BAR = '█';

// All colour comes from our own Chalk instance, so cli-table3 gets empty styles: left to
// itself it colours heads and borders through its own colour library, which ignores
// `options.color`. Level 1 (16 colours) is all we use, and does not depend on the terminal.
// `compact` drops the rule between body rows (kept under the head): half the height.
const PLAIN_STYLE = { head: [], border: [], compact: true };

const renderTable: Renderer = (report, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const money = moneyIn(report.currency);
  const sections = [
    c.bold(`mesh-cost — sidecar vs ambient (${report.basis} basis, ${report.currency}, ` +
      `${report.hoursPerMonth} h/month)`),
    comparison(report, c, money),
    savingsLine(report, c, money),
    crossZone(report, c, money),
    bars(report, c, money),
    breakdown(groupLineItems(report.lineItems, options.groupBy), options.groupBy, c, money),
  ];
  sections.push(...terminalSections(report, money));
  if (report.mesh) sections.push(meshToday(report.mesh));
  if (report.warnings.length > 0) {
    sections.push(report.warnings.map((w) => c.yellow(`! ${formatWarning(w)}`)).join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
};

export default renderTable;

function comparison(r: Report, c: ChalkInstance, money: Money): string {
  const table = new Table({
    head: COMPARISON_HEAD.map((h) => c.bold(h)),
    colAligns: ['left', 'right', 'right', 'right'],
    style: PLAIN_STYLE,
  });
  const rows = comparisonCells(r, money);
  const total = rows.pop()!;
  table.push(...rows.map((row) => row.map((cell) => (cell === NOT_APPLICABLE ? c.dim(cell) : cell))), total.map((cell) => c.bold(cell)));
  return table.toString();
}

function savingsLine(r: Report, c: ChalkInstance, money: Money): string {
  const { monthlyCost, percent } = r.savings;
  const pct = formatPercent(percent === null ? null : Math.abs(percent));
  if (ambientSaves(r)) return c.green(`Ambient saves ${money(monthlyCost)}/month (${pct})`);
  return c.red(`Ambient costs ${money(-monthlyCost)}/month more (${pct})`);
}

/** Both locality variants, aligned, with the one counted in the ambient total marked. */
function crossZone(r: Report, c: ChalkInstance, money: Money): string {
  // a fixed order (none, preferClose), whatever the key order of the report at hand
  const nameWidth = Math.max(...LOCALITIES.map((l) => l.length));
  const cells = LOCALITIES.map((l) => {
    const v = r.crossZone.variants[l];
    return { l, gib: formatGiB(v.extraGiB), cost: `${money(v.extraMonthlyCost)}/month` };
  });
  const gibWidth = Math.max(...cells.map((x) => x.gib.length));
  const costWidth = Math.max(...cells.map((x) => x.cost.length));
  const lines = cells.map(({ l, gib, cost }) => {
    const line = `  ${l.padEnd(nameWidth)}  ${gib.padStart(gibWidth)} → ${cost.padStart(costWidth)}`;
    return l === r.crossZone.locality ? c.bold(`${line}  (counted)`) : line;
  });
  return ['Cross-zone transfer added by the waypoint hop, per locality:', ...lines].join('\n');
}

/** Two bars, the larger BAR_WIDTH wide; any non-zero total gets at least one block. */
function bars(r: Report, c: ChalkInstance, money: Money): string {
  const totals = [
    { label: 'Sidecar', value: r.sidecar.monthlyCost, paint: c.yellow },
    { label: 'Ambient', value: r.ambient.monthlyCost, paint: c.green },
  ];
  const max = Math.max(0, ...totals.map((t) => t.value));
  return totals
    .map(({ label, value, paint }) => {
      const n = max > 0 && value > 0 ? Math.max(1, Math.round((BAR_WIDTH * value) / max)) : 0;
      return `${label}  ${paint(BAR.repeat(n))}${' '.repeat(BAR_WIDTH - n)}  ${money(value)}`;
    })
    .join('\n');
}

function breakdown(rows: GroupRow[], by: GroupBy, c: ChalkInstance, money: Money): string {
  const label = breakdownHead(by)[0]!;
  // two-line heads: on one line the six figure columns alone take ~90 characters
  const head = breakdownHead(by).map((h) => h.replace(' ', '\n'));
  const body = breakdownCells(rows, money);
  const build = (keyWidth?: number): string => {
    const table = new Table({
      head: head.map((h) => c.bold(h)),
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      style: PLAIN_STYLE,
      // long names (namespaces go up to 63 characters) wrap instead of widening the table
      ...(keyWidth === undefined ? {} : { colWidths: [keyWidth], wordWrap: true, wrapOnWordBoundary: false }),
    });
    table.push(...body);
    return table.toString();
  };
  let out = build();
  // the top border carries no colour, so its length is the table's width
  const width = out.split('\n', 1)[0]!.length;
  if (width > MAX_WIDTH) {
    const keyWidth = Math.max(label.length, ...rows.map((g) => g.key.length)) + 2; // + padding
    out = build(Math.max(label.length + 2, keyWidth - (width - MAX_WIDTH)));
  }
  return `By ${by}:\n${out}`;
}

/** Namespaces named per label in the terminal; the JSON report has them all. */
const MESH_NAMESPACES_SHOWN = 10;

/** What the inventory shows of the mesh running today (kubectl): where a migration starts. */
function meshToday(mesh: NonNullable<Report['mesh']>): string {
  const lines = [`Mesh today: ${formatNumber(mesh.sidecarsSeen)} istio-proxy sidecars running` + (mesh.sidecarsSeen > 0 ? "; their requests replace the profile's." : '.')];
  const byLabel = new Map<string, string[]>();
  for (const { namespace, label } of mesh.labelledNamespaces) byLabel.set(label, [...(byLabel.get(label) ?? []), namespace]);
  if (byLabel.size > 0) lines.push('Namespaces labelled for the mesh:');
  for (const [label, namespaces] of byLabel) {
    const shown = namespaces.slice(0, MESH_NAMESPACES_SHOWN);
    const rest = namespaces.length - shown.length;
    lines.push(...wrap(`${label}: ${shown.join(', ')}${rest > 0 ? `, and ${rest} more` : ''}`, '  ', '    '));
  }
  return lines.join('\n');
}

/** Breaks after commas so that lines stay within MAX_WIDTH (a single longer name stays whole). */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/(?<=, )/)) {
    if (line.length + word.trimEnd().length > MAX_WIDTH && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = rest;
    }
    line += word;
  }
  lines.push(line.trimEnd());
  return lines;
}

/**
 * The terminal report: headline comparison, savings, cross-zone variants, a bar chart
 * and a breakdown. Formats the Report only; the one arithmetic beyond formatting is the
 * Δ column (ambient − sidecar), the bar lengths and the breakdown sums (group.ts).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { formatWarning } from '../inventory/types.js';
import { LOCALITIES, type ReadinessFinding, type Report } from '../model/types.js';
import {
  ambientSaves,
  breakdownCells,
  breakdownHead,
  COMPARISON_HEAD,
  comparisonCells,
  moneyIn,
  NOT_APPLICABLE,
  sharedNote,
  usedCells,
  type Money,
} from './cells.js';
import { formatGiB, formatNumber, formatPercent } from './format.js';
import { breakdown as breakdownOf, type Breakdown } from './group.js';
import type { Renderer } from './index.js';
import { terminalSections } from './sections/render.js';
import { wrapWords } from './wrap.js';
import { meshLines, readinessCells, readinessMore, readinessTitle } from './meshCells.js';

/** Lines stay within the terminal's width (COLUMNS), and within this one in CI logs and files. */
export const DEFAULT_WIDTH = 100;
/** Narrower than this, the comparison table cannot fit whatever is done: it is let overflow. */
const MIN_WIDTH = 60;
const MAX_BAR_WIDTH = 40;
const BAR = '█';

// All colour comes from our own Chalk instance, so cli-table3 gets empty styles: left to
// itself it colours heads and borders through its own colour library, which ignores
// `options.color`. Level 1 (16 colours) is all we use, and does not depend on the terminal.
// `compact` drops the rule between body rows (kept under the head): half the height.
const PLAIN_STYLE = { head: [], border: [], compact: true };

const renderTable: Renderer = (report, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const money = moneyIn(report.currency);
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const groups = breakdownOf(report.lineItems, options.groupBy);
  const sections = [
    c.bold(`mesh-cost — sidecar vs ambient (${report.basis} basis, ${report.currency}, ` +
      `${report.hoursPerMonth} h/month)`),
    used(report, width),
    comparison(report, c, money, width),
    savingsLine(report, c, money),
    crossZone(report, c, money),
    bars(report, c, money, width),
    breakdown(groups, report.currency, c, money, width),
  ];
  const mesh = meshLines(report, money);
  if (mesh.length > 0) sections.push(mesh.flatMap((l) => wrapWords(l, width, '  ')).join('\n'));
  sections.push(...terminalSections(report, money, width));
  if (report.mesh) sections.push(meshToday(report.mesh, width));
  if (report.readiness && report.readiness.length > 0) sections.push(readiness(report.readiness, width));
  if (options.listWarnings !== false && report.warnings.length > 0) {
    sections.push(report.warnings.flatMap((w) => wrapWords(`! ${formatWarning(w)}`, width, '  ').map((l) => c.yellow(l))).join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
};

export default renderTable;

/** "Profile istio-1.24 · prices opencost-default · mesh-cost 0.1.0", then the inputs. */
function used(r: Report, width: number): string {
  const cells = new Map(usedCells(r));
  const first = `Profile ${cells.get('Profile')} · prices ${cells.get('Prices')} · mesh-cost ${cells.get('mesh-cost')}`;
  const scope = cells.get('Scope');
  return [
    ...wrapWords(first, width, '  '),
    ...wrapWords(`Inputs: ${cells.get('Inputs')}`, width, '  '),
    ...(scope === undefined ? [] : wrapWords(`Scope: ${scope}`, width, '  ')),
  ].join('\n');
}

function comparison(r: Report, c: ChalkInstance, money: Money, width: number): string {
  const rows = comparisonCells(r, money);
  const build = (colWidths?: (number | null)[]): string => {
    const table = new Table({
      head: COMPARISON_HEAD.map((h) => c.bold(h)),
      colAligns: ['left', 'right', 'right', 'right'],
      style: PLAIN_STYLE,
      ...(colWidths ? { colWidths, wordWrap: true } : {}),
    });
    const body = rows.slice(0, -1);
    table.push(...body.map((row) => row.map((cell) => (cell === NOT_APPLICABLE ? c.dim(cell) : cell))), rows.at(-1)!.map((cell) => c.bold(cell)));
    return table.toString();
  };
  const out = build();
  const tableWidth = out.split('\n', 1)[0]!.length;
  if (tableWidth <= width) return out;
  // the proxies cell ("290 ztunnel + 28 waypoint") is the one that can wrap, onto two lines
  const ambient = Math.max(...rows.map((row) => row[2]!.length)) + 2;
  return build([null, null, Math.max(ambient - (tableWidth - width), Math.ceil(ambient / 2) + 1), null]);
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

/** Two bars, the larger MAX_BAR_WIDTH wide (less in a narrow terminal); any non-zero total gets at least one block. */
function bars(r: Report, c: ChalkInstance, money: Money, width: number): string {
  // "Sidecar  " and "  $123,456.78" around the bar
  const barWidth = Math.min(MAX_BAR_WIDTH, width - 9 - 2 - Math.max(money(r.sidecar.monthlyCost).length, money(r.ambient.monthlyCost).length));
  const totals = [
    { label: 'Sidecar', value: r.sidecar.monthlyCost, paint: c.yellow },
    { label: 'Ambient', value: r.ambient.monthlyCost, paint: c.green },
  ];
  const max = Math.max(0, ...totals.map((t) => t.value));
  return totals
    .map(({ label, value, paint }) => {
      const n = max > 0 && value > 0 ? Math.max(1, Math.round((barWidth * value) / max)) : 0;
      return `${label}  ${paint(BAR.repeat(n))}${' '.repeat(barWidth - n)}  ${money(value)}`;
    })
    .join('\n');
}

function breakdown(b: Breakdown, currency: string, c: ChalkInstance, money: Money, width: number): string {
  const label = breakdownHead(b.by, currency)[0]!;
  // two-line heads: on one line the six figure columns alone take ~90 characters
  const head = breakdownHead(b.by, currency).map((h) => h.replace(' ', '\n'));
  const body = breakdownCells(b, money);
  const build = (keyWidth?: number): string => {
    const table = new Table({
      head: head.map((h) => c.bold(h)),
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      style: PLAIN_STYLE,
      // long names (namespaces go up to 63 characters) wrap instead of widening the table
      ...(keyWidth === undefined ? {} : { colWidths: [keyWidth], wordWrap: true, wrapOnWordBoundary: false }),
    });
    table.push(...body.slice(0, b.rows.length), ...body.slice(b.rows.length).map((row) => row.map((cell) => c.dim(cell))));
    return table.toString();
  };
  let out = build();
  // the top border carries no colour, so its length is the table's width
  const tableWidth = out.split('\n', 1)[0]!.length;
  if (tableWidth > width) {
    const keyWidth = Math.max(label.length, ...body.map((row) => row[0]!.length)) + 2; // + padding
    out = build(Math.max(label.length + 2, keyWidth - (tableWidth - width)));
  }
  const note = sharedNote(b);
  return [`By ${b.by}:`, out, ...(note ? wrapWords(note, width, '') : [])].join('\n');
}

/** Namespaces named per label in the terminal; the JSON report has them all. */
const MESH_NAMESPACES_SHOWN = 10;

/** What the inventory shows of the mesh running today (kubectl): where a migration starts. */
function meshToday(mesh: NonNullable<Report['mesh']>, width: number): string {
  const lines = wrapWords(`Mesh today: ${formatNumber(mesh.sidecarsSeen)} istio-proxy sidecars running` + (mesh.sidecarsSeen > 0 ? "; their requests replace the profile's." : '.'), width, '  ');
  const byLabel = new Map<string, string[]>();
  for (const { namespace, label } of mesh.labelledNamespaces) byLabel.set(label, [...(byLabel.get(label) ?? []), namespace]);
  if (byLabel.size > 0) lines.push('Namespaces labelled for the mesh:');
  for (const [label, namespaces] of byLabel) {
    const shown = namespaces.slice(0, MESH_NAMESPACES_SHOWN);
    const rest = namespaces.length - shown.length;
    lines.push(...wrap(`${label}: ${shown.join(', ')}${rest > 0 ? `, and ${rest} more` : ''}`, '  ', '    ', width));
  }
  return lines.join('\n');
}

/** Findings listed in the terminal before the rest is only counted. */
const READINESS_SHOWN = 5;

/** What ambient does not carry over from --istio-config: the count, then the first few. */
function readiness(findings: readonly ReadinessFinding[], width: number): string {
  const lines = wrapWords(`Readiness: ${readinessTitle(findings)}:`, width, '  ');
  for (const [where, what, finding] of readinessCells(findings.slice(0, READINESS_SHOWN))) {
    lines.push(...wrapWords(`- ${where} ${what}: ${finding}`, width, '    '));
  }
  const more = readinessMore(findings, Math.min(READINESS_SHOWN, findings.length));
  if (more) lines.push(`  ${more}`);
  return lines.join('\n');
}

/** Breaks after commas so that lines stay within `width` (a single longer name stays whole). */
function wrap(text: string, first: string, rest: string, width: number): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/(?<=, )/)) {
    if (line.length + word.trimEnd().length > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = rest;
    }
    line += word;
  }
  lines.push(line.trimEnd());
  return lines;
}

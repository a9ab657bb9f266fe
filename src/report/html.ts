/**
 * The report as one self-contained HTML page, for people who would rather look than
 * read: the headline, a bar chart of sidecar vs ambient per group (inline SVG), the
 * cost split by component, and the tables. No script, font, image or stylesheet is
 * fetched: everything is inline, and a Content-Security-Policy of `default-src 'none'`
 * makes the browser refuse any request the page might still try. All text from the
 * report (names come from user input) is HTML-escaped.
 */
import { formatWarning } from '../inventory/types.js';
import type { LineItem, Report } from '../model/types.js';
import {
  breakdownCells,
  breakdownHead,
  COMPARISON_HEAD,
  comparisonCells,
  crossZoneCells,
  crossZoneHead,
  GATE_HEAD,
  gateCells,
  headline,
  lineItemCells,
  lineItemHead,
  meshTodayCells,
  LINE_ITEM_TEXT_COLUMNS,
  moneyIn,
  othersLabel,
  perMonth,
  sharedNote,
  usedCells,
  type Money,
} from './cells.js';
import { counted } from '../plural.js';
import { formatNumber, formatPercent } from './format.js';
import { breakdown, groupByComponent, type Breakdown, type GroupRow } from './group.js';
import type { Renderer } from './index.js';
import { htmlSections } from './sections/render.js';
import { meshLines, readinessCells, readinessTitle } from './meshCells.js';

const SIDECAR_COLOR = '#d97706';
const AMBIENT_COLOR = '#059669';

// Narrow screens: tables scroll inside their own box (.scroll), never the page; the chart
// is an SVG scaled to the page's width by its viewBox, and capped so its text stays small.
const STYLE = `
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; color: #1f2937; max-width: 980px; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin-bottom: .3rem; } h1.saves { color: ${AMBIENT_COLOR}; } h1.costs { color: #b91c1c; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
.sub, .note { color: #4b5563; margin-top: 0; }
.note { font-size: .9rem; }
dl.used { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .6rem 0 1rem; }
dl.used dt { font-weight: 600; } dl.used dd { margin: 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
table { border-collapse: collapse; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #e5e7eb; text-align: right; white-space: nowrap; }
.text { text-align: left; } td.wrap { white-space: normal; }
tr.total td { font-weight: 600; border-top: 2px solid #9ca3af; }
tr.others td { color: #4b5563; font-style: italic; }
td.passed { color: ${AMBIENT_COLOR}; font-weight: 600; } td.broken { color: #b91c1c; font-weight: 600; }
svg.chart { display: block; width: 100%; max-width: 640px; height: auto; }
svg.tornado { max-width: 760px; }
@media (max-width: 600px) {
  body { margin-top: 1rem; padding: 0 .6rem; }
  h1 { font-size: 1.35rem; }
  table { font-size: 13px; }
  th, td { padding: .2rem .35rem; }
  th, td { white-space: normal; }
}
svg text { font: 12px system-ui, sans-serif; fill: #1f2937; }
.warning { color: #92400e; }
ul.findings li { margin-bottom: .4rem; overflow-wrap: anywhere; } ul.findings .where { color: #4b5563; }
`;

const renderHtml: Renderer = (report, options) => {
  const money = moneyIn(report.currency);
  const head = headline(report, money);
  const groups = breakdown(report.lineItems, options.groupBy);
  const comparison = comparisonCells(report, money);
  const total = comparison.pop()!;
  const body = [
    `<h1 class="${head.saves ? 'saves' : 'costs'}">${esc(head.text)}</h1>`,
    `<p class="sub">${esc(`mesh-cost: sidecar vs ambient, ${report.basis} basis, ${report.currency}, ${report.hoursPerMonth} h/month; ` +
      `cross-zone transfer counted with waypoint locality ${report.crossZone.locality}. Generated ${report.generatedAt}.`)}</p>`,
    `<dl class="used">${usedCells(report).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`,
  ];
  if (options.verdicts && options.verdicts.length > 0) {
    const rows = gateCells(options.verdicts, report.currency);
    body.push(section('gates', 'Budget gates', table(GATE_HEAD, rows, { textColumns: 3, cellClass: (row, i) => (i === 1 ? row[1]! : '') })));
  }
  body.push(
    section('comparison', 'Sidecar vs ambient', table(COMPARISON_HEAD, comparison, { totals: [total] })),
    section('cross-zone', 'Cross-zone transfer added by the waypoint hop', table(crossZoneHead(report.currency), crossZoneCells(report, money), { lastText: true })),
    section('breakdown', `Monthly cost by ${options.groupBy}`, barChart(groups, money) + breakdownTable(groups, report.currency, money)),
    section('components', 'Cost by component', componentTable(report, money)),
    ...htmlSections(report, money, { esc, table: (head, rows, totals, textColumns) => table(head, rows, { ...(totals ? { totals } : {}), ...(textColumns ? { textColumns } : {}) }) }),
    section(
      'line-items',
      'Line items',
      `<details><summary>${esc(counted(report.lineItems.length, 'line item'))}</summary>${lineItemTable(report.lineItems, report.currency, money)}</details>`,
    ),
  );
  if (report.mesh) {
    const today = meshTodayCells(report.mesh);
    body.push(section('mesh-today', 'The mesh today', `<p>${esc(today.sentence)}</p>` + (today.labels.length > 0 ? table(['Namespace label', 'Namespaces'], today.labels, { textColumns: 2, cellClass: (_, i) => (i === 1 ? 'wrap' : '') }) : '')));
  }
  body.push(...meshSections(report, money));
  if (report.warnings.length > 0) {
    body.push(section('warnings', 'Warnings', `<ul>${report.warnings.map((w) => `<li class="warning">${esc(formatWarning(w))}</li>`).join('')}</ul>`));
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(`mesh-cost: ${head.text}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
};

export default renderHtml;

function section(id: string, title: string, content: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>${content}</section>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

interface TableOptions {
  /** rows in bold under a rule */
  totals?: readonly (readonly string[])[];
  /** rows set apart as a sum of what was left out */
  others?: readonly (readonly string[])[];
  /** the first this many columns are text (left-aligned); default 1 */
  textColumns?: number;
  /** the last column is text too */
  lastText?: boolean;
  cellClass?: (row: readonly string[], column: number) => string;
}

/** Cells are escaped; text columns align left, figures right; the table scrolls in its own box. */
function table(head: readonly string[], rows: readonly (readonly string[])[], o: TableOptions = {}): string {
  const textColumns = o.textColumns ?? 1;
  const isText = (i: number, n: number) => i < textColumns || (o.lastText === true && i === n - 1);
  const cell = (tag: 'td' | 'th', row: readonly string[], i: number) => {
    const classes = [isText(i, row.length) ? 'text' : '', o.cellClass?.(row, i) ?? ''].filter(Boolean);
    return `<${tag}${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${esc(row[i]!)}</${tag}>`;
  };
  const tr = (row: readonly string[], tag: 'td' | 'th' = 'td', cls = '') => `<tr${cls}>${row.map((_, i) => cell(tag, row, i)).join('')}</tr>`;
  const body = [
    ...rows.map((r) => tr(r)),
    ...(o.others ?? []).map((r) => tr(r, 'td', ' class="others"')),
    ...(o.totals ?? []).map((r) => tr(r, 'td', ' class="total"')),
  ];
  return `<div class="scroll"><table><thead>${tr(head, 'th')}</thead><tbody>${body.join('')}</tbody></table></div>`;
}

function breakdownTable(b: Breakdown, currency: string, money: Money): string {
  const cells = breakdownCells(b, money);
  const note = sharedNote(b);
  return table(breakdownHead(b.by, currency), cells.slice(0, b.rows.length), { others: cells.slice(b.rows.length) }) + (note ? `<p class="note">${esc(note)}</p>` : '');
}

/** Drawn in these units; the viewBox scales them to the page (at most 640 px wide): 12-unit text stays 11–18 px. */
const CHART = { width: 420, value: 92, bar: 14, gap: 3, labelHeight: 16, groupGap: 12, legend: 26, maxLabel: 60 };

/**
 * Two horizontal bars per group, sidecar over ambient, under the group's name, on one
 * scale (the largest bar spans the width left of the value labels); the "others" row last.
 */
function barChart(b: Breakdown, money: Money): string {
  const { width, value, bar, gap, labelHeight, groupGap, legend, maxLabel } = CHART;
  const span = width - value;
  const groups: { row: GroupRow; label: string }[] = [
    ...b.rows.map((row) => ({ row, label: row.key })),
    ...(b.others ? [{ row: b.others, label: othersLabel(b) }] : []),
  ];
  const max = Math.max(0, ...groups.flatMap(({ row }) => [row.sidecar.monthlyCost, row.ambient.monthlyCost]));
  const length = (v: number) => (max > 0 && v > 0 ? Math.max(1, (span * v) / max) : 0);
  const groupHeight = labelHeight + 2 * bar + gap + groupGap;
  const height = legend + groups.length * groupHeight;
  const parts: string[] = [legendItem(0, 'Sidecar', SIDECAR_COLOR), legendItem(100, 'Ambient', AMBIENT_COLOR)];
  groups.forEach(({ row, label }, n) => {
    const y = legend + n * groupHeight;
    const shown = label.length > maxLabel ? `${label.slice(0, maxLabel - 1)}…` : label;
    parts.push(`<text x="0" y="${y + 12}"><title>${esc(label)}</title>${esc(shown)}</text>`);
    [row.sidecar.monthlyCost, row.ambient.monthlyCost].forEach((cost, k) => {
      const top = y + labelHeight + k * (bar + gap);
      const w = length(cost);
      parts.push(
        `<rect x="0" y="${top}" width="${w.toFixed(1)}" height="${bar}" fill="${k === 0 ? SIDECAR_COLOR : AMBIENT_COLOR}"></rect>`,
        `<text x="${(w + 6).toFixed(1)}" y="${top + bar - 3}">${esc(money(cost))}</text>`,
      );
    });
  });
  return `<svg class="chart" role="img" aria-label="${esc('Monthly cost, sidecar vs ambient')}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${parts.join('')}</svg>`;
}

function legendItem(x: number, text: string, color: string): string {
  return `<rect x="${x}" y="4" width="12" height="12" fill="${color}"></rect><text x="${x + 18}" y="15">${text}</text>`;
}

function componentTable(report: Report, money: Money): string {
  const rows = groupByComponent(report.lineItems).map((r) => [
    r.mode,
    r.component,
    formatNumber(r.count),
    formatNumber(r.vcpu, 1),
    formatNumber(r.memoryGiB, 1),
    money(r.monthlyCost),
    formatPercent(r.sharePercent),
  ]);
  return table(['Mode', 'Component', 'Count', 'vCPU', 'Memory (GiB)', perMonth(report.currency, 'month'), `Share of the mode's cost`], rows, { textColumns: 2 });
}

function lineItemTable(items: readonly LineItem[], currency: string, money: Money): string {
  return table(lineItemHead(currency), items.map((i) => lineItemCells(i, money)), { textColumns: LINE_ITEM_TEXT_COLUMNS });
}

/** Today's mix and what the scope left out, then the readiness findings of --istio-config, each a section when the report has it. */
function meshSections(report: Report, money: Money): string[] {
  const out: string[] = [];
  const lines = meshLines(report, money);
  if (lines.length > 0) out.push(section('today', "Today's mix and what was left out", lines.map((l) => `<p>${esc(l)}</p>`).join('')));
  const findings = report.readiness ?? [];
  if (findings.length > 0) {
    // a list, not a table: a finding is a sentence or two, which a table column squeezes to a word per line at 420 px
    const items = readinessCells(findings).map(([where, what, finding]) => `<li><strong>${esc(what!)}</strong> <span class="where">(${esc(where!)})</span>: ${esc(finding!)}</li>`);
    out.push(section('readiness', 'Readiness for ambient', `<p>${esc(`${readinessTitle(findings)}.`)}</p><ul class="findings">${items.join('')}</ul>`));
  }
  return out;
}

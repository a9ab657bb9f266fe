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
  headline,
  LINE_ITEM_HEAD,
  LINE_ITEM_TEXT_COLUMNS,
  lineItemCells,
  moneyIn,
  type Money,
} from './cells.js';
import { formatNumber, formatPercent } from './format.js';
import { groupByComponent, groupLineItems, type GroupRow } from './group.js';
import type { Renderer } from './index.js';
import { htmlSections } from './sections/render.js';

const SIDECAR_COLOR = '#d97706';
const AMBIENT_COLOR = '#059669';

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; color: #1f2937; max-width: 980px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h1.saves { color: ${AMBIENT_COLOR}; } h1.costs { color: #b91c1c; }
.sub { color: #6b7280; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid #e5e7eb; text-align: right; white-space: nowrap; }
.text { text-align: left; }
tr.total td { font-weight: 600; border-top: 2px solid #9ca3af; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2937; }
.warning { color: #92400e; }
`;

const renderHtml: Renderer = (report, options) => {
  const money = moneyIn(report.currency);
  const head = headline(report, money);
  const groups = groupLineItems(report.lineItems, options.groupBy);
  const comparison = comparisonCells(report, money);
  const total = comparison.pop()!;
  const body = [
    `<h1 class="${head.saves ? 'saves' : 'costs'}">${esc(head.text)}</h1>`,
    `<p class="sub">${esc(`mesh-cost: sidecar vs ambient, ${report.basis} basis, ${report.currency}, ${report.hoursPerMonth} h/month; ` +
      `cross-zone transfer counted with waypoint locality ${report.crossZone.locality}. Generated ${report.generatedAt}.`)}</p>`,
    table(COMPARISON_HEAD, comparison, [total]),
    `<h2>Monthly cost by ${esc(options.groupBy)}</h2>`,
    barChart(groups, money),
    table(breakdownHead(options.groupBy), breakdownCells(groups, money)),
    '<h2>Cost by component</h2>',
    componentTable(report, money),
    ...htmlSections(report, money, { esc, table }),
    `<details><summary>Line items (${formatNumber(report.lineItems.length)})</summary>`,
    lineItemTable(report.lineItems, money),
    '</details>',
  ];
  if (report.warnings.length > 0) {
    body.push('<h2>Warnings</h2>', `<ul>${report.warnings.map((w) => `<li class="warning">${esc(formatWarning(w))}</li>`).join('')}</ul>`);
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

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Cells are escaped; the first `textColumns` columns align left, the rest (figures) right. */
function table(head: readonly string[], rows: readonly (readonly string[])[], totals: readonly (readonly string[])[] = [], textColumns = 1): string {
  const cell = (tag: 'td' | 'th', text: string, i: number) => `<${tag}${i < textColumns ? ' class="text"' : ''}>${esc(text)}</${tag}>`;
  const tr = (cells: readonly string[], tag: 'td' | 'th' = 'td', cls = '') => `<tr${cls}>${cells.map((c, i) => cell(tag, c, i)).join('')}</tr>`;
  return [
    '<table>',
    `<thead>${tr(head, 'th')}</thead>`,
    `<tbody>${[...rows.map((r) => tr(r)), ...totals.map((r) => tr(r, 'td', ' class="total"'))].join('')}</tbody>`,
    '</table>',
  ].join('');
}

const CHART = { width: 760, label: 170, value: 110, bar: 16, gap: 3, groupGap: 14, legend: 28, maxLabel: 24 };

/** Two horizontal bars per group, sidecar over ambient, on one scale (the largest bar full width). */
function barChart(groups: readonly GroupRow[], money: Money): string {
  const { width, label, value, bar, gap, groupGap, legend, maxLabel } = CHART;
  const span = width - label - value;
  const max = Math.max(0, ...groups.flatMap((g) => [g.sidecar.monthlyCost, g.ambient.monthlyCost]));
  const length = (v: number) => (max > 0 && v > 0 ? Math.max(1, (span * v) / max) : 0);
  const groupHeight = 2 * bar + gap + groupGap;
  const height = legend + groups.length * groupHeight;
  const parts: string[] = [
    legendItem(0, 'Sidecar', SIDECAR_COLOR),
    legendItem(110, 'Ambient', AMBIENT_COLOR),
  ];
  groups.forEach((g, n) => {
    const y = legend + n * groupHeight;
    const shown = g.key.length > maxLabel ? `${g.key.slice(0, maxLabel - 1)}…` : g.key;
    parts.push(`<text x="0" y="${y + bar + gap / 2 + 4}"><title>${esc(g.key)}</title>${esc(shown)}</text>`);
    [g.sidecar.monthlyCost, g.ambient.monthlyCost].forEach((cost, k) => {
      const top = y + k * (bar + gap);
      const w = length(cost);
      parts.push(
        `<rect x="${label}" y="${top}" width="${w.toFixed(1)}" height="${bar}" fill="${k === 0 ? SIDECAR_COLOR : AMBIENT_COLOR}"></rect>`,
        `<text x="${(label + w + 6).toFixed(1)}" y="${top + bar - 4}">${esc(money(cost))}</text>`,
      );
    });
  });
  return `<svg role="img" aria-label="${esc('Monthly cost, sidecar vs ambient')}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function legendItem(x: number, text: string, color: string): string {
  return `<rect x="${x}" y="4" width="12" height="12" fill="${color}"></rect><text x="${x + 18}" y="15">${text}</text>`;
}

function componentTable(report: Report, money: Money): string {
  const totalOf = { sidecar: report.sidecar.monthlyCost, ambient: report.ambient.monthlyCost };
  const rows = groupByComponent(report.lineItems).map((r) => [
    r.mode,
    r.component,
    formatNumber(r.count),
    formatNumber(r.vcpu, 1),
    formatNumber(r.memoryGiB, 1),
    money(r.monthlyCost),
    formatPercent(totalOf[r.mode] > 0 ? (100 * r.monthlyCost) / totalOf[r.mode] : null),
  ]);
  return table(['Mode', 'Component', 'Count', 'vCPU', 'Memory (GiB)', '$/month', `Share of the mode's cost`], rows, [], 2);
}

function lineItemTable(items: readonly LineItem[], money: Money): string {
  return table(LINE_ITEM_HEAD, items.map((i) => lineItemCells(i, money)), [], LINE_ITEM_TEXT_COLUMNS);
}

/**
 * The report as a pull-request comment or a GitHub Actions job summary
 * (`-f markdown >> "$GITHUB_STEP_SUMMARY"`): the headline, the comparison, a breakdown
 * (by environment unless --group-by says otherwise) and the line items folded away in
 * a <details>. GitHub refuses comments over 65,536 characters, so the line items stop
 * short of that and say how many were left out (the CSV export has them all).
 */
import { formatWarning } from '../inventory/types.js';
import type { LineItem } from '../model/types.js';
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
import { formatNumber } from './format.js';
import { groupLineItems } from './group.js';
import type { Renderer } from './index.js';
import { markdownSections } from './sections/render.js';
import { mdRow, mdTable, mdText, type Align } from './markdownTable.js';

/** GitHub's comment limit is 65,536 characters; leave room for a bot's own wrapping. */
export const MAX_MARKDOWN_CHARS = 60_000;
const NOTE_ROOM = 120;

const LINE_ITEM_ALIGN: Align[] = LINE_ITEM_HEAD.map((_, i) => (i < LINE_ITEM_TEXT_COLUMNS ? 'left' : 'right'));

const renderMarkdown: Renderer = (report, options) => {
  const money = moneyIn(report.currency);
  const top = [
    `### ${mdText(headline(report, money).text)}`,
    mdText(
      `mesh-cost: sidecar vs ambient, ${report.basis} basis, ${report.currency}, ${report.hoursPerMonth} h/month; ` +
        `cross-zone transfer counted with waypoint locality ${report.crossZone.locality}.`,
    ),
    mdTable(COMPARISON_HEAD, comparisonCells(report, money)),
    `#### By ${options.groupBy}`,
    mdTable(breakdownHead(options.groupBy), breakdownCells(groupLineItems(report.lineItems, options.groupBy), money)),
  ];
  top.push(...markdownSections(report, money));
  if (report.warnings.length > 0) top.push(report.warnings.map((w) => `- **warning:** ${mdText(formatWarning(w))}`).join('\n'));
  const head = `${top.join('\n\n')}\n\n`;
  // the blank line ends the <details> HTML block, so that markdown appended after it
  // (a second report, a diff, in the same summary file) renders as markdown
  return `${head}${lineItemDetails(report.lineItems, money, MAX_MARKDOWN_CHARS - head.length)}\n\n`;
};

export default renderMarkdown;

function lineItemDetails(items: readonly LineItem[], money: Money, room: number): string {
  const open = `<details><summary>Line items (${formatNumber(items.length)})</summary>\n\n`;
  const close = '\n\n</details>';
  const rows: string[][] = [];
  // NOTE_ROOM: the note on what was left out must still fit
  let used = open.length + close.length + mdTable(LINE_ITEM_HEAD, [], LINE_ITEM_ALIGN).length + NOTE_ROOM;
  for (const item of items) {
    const row = lineItemCells(item, money);
    const length = mdRow(row).length + 1;
    if (used + length > room) break;
    rows.push(row);
    used += length;
  }
  const left = items.length - rows.length;
  const note = left > 0 ? `\n\n${formatNumber(left)} more line items left out to fit a comment: \`-f csv\` lists them all.` : '';
  return `${open}${mdTable(LINE_ITEM_HEAD, rows, LINE_ITEM_ALIGN)}${note}${close}`;
}

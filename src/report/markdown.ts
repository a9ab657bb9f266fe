/**
 * The report as a pull-request comment or a GitHub Actions job summary
 * (`-f markdown >> "$GITHUB_STEP_SUMMARY"`): the headline, the comparison, a breakdown
 * (by environment unless --group-by says otherwise) and the line items folded away in
 * a <details>. GitHub refuses comments over 65,536 characters, so the line items stop
 * short of that and say how many were left out (the CSV export has them all).
 */
import { formatWarning } from '../inventory/types.js';
import type { ReadinessFinding } from '../model/types.js';
import {
  breakdownCells,
  breakdownHead,
  breakdownRowCells,
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
  sharedNote,
  usedCells,
} from './cells.js';
import { counted } from '../plural.js';
import { formatNumber } from './format.js';
import { breakdown } from './group.js';
import type { Renderer } from './index.js';
import { markdownSections } from './sections/render.js';
import { meshLines, READINESS_HEAD, readinessCells, readinessMore, readinessTitle } from './meshCells.js';
import { mdRow, mdTable, mdText, type Align } from './markdownTable.js';

/** GitHub's comment limit is 65,536 characters; leave room for a bot's own wrapping. */
export const MAX_MARKDOWN_CHARS = 60_000;
const NOTE_ROOM = 120;

/**
 * Hidden in the rendered comment: a CI job finds its own earlier comment by it and
 * updates that one instead of adding a comment per push (examples/ci, action.yml).
 */
export const COMMENT_MARKER = '<!-- mesh-cost -->';

const renderMarkdown: Renderer = (report, options) => {
  const money = moneyIn(report.currency);
  const groups = breakdown(report.lineItems, options.groupBy);
  const top = [
    COMMENT_MARKER,
    `### ${mdText(headline(report, money).text)}`,
    mdText(
      `mesh-cost: sidecar vs ambient, ${report.basis} basis, ${report.currency}, ${report.hoursPerMonth} h/month; ` +
        `cross-zone transfer counted with waypoint locality ${report.crossZone.locality}.`,
    ),
    usedCells(report).map(([k, v]) => `**${mdText(k)}:** ${mdText(v)}`).join(' · '),
  ];
  if (options.verdicts && options.verdicts.length > 0) {
    const broken = options.verdicts.filter((v) => !v.ok).length;
    top.push(
      `#### Budget gates: ${broken === 0 ? 'all passed' : `${formatNumber(broken)} of ${formatNumber(options.verdicts.length)} broken`}`,
      mdTable(GATE_HEAD, gateCells(options.verdicts, report.currency).map(([g, ok, what]) => [g!, ok === 'passed' ? '✅ passed' : '❌ broken', what!]), ['left', 'left', 'left']),
    );
  }
  top.push(
    mdTable(COMPARISON_HEAD, comparisonCells(report, money)),
    '#### Cross-zone transfer added by the waypoint hop',
    mdTable(crossZoneHead(report.currency), crossZoneCells(report, money), ['left', 'right', 'right', 'left']),
    `#### By ${options.groupBy}`,
    mdTable(breakdownHead(options.groupBy, report.currency), breakdownCells(groups, money)),
  );
  const note = sharedNote(groups);
  if (note) top.push(`_${mdText(note)}_`);
  if (report.mesh) {
    const today = meshTodayCells(report.mesh);
    top.push(mdText(today.sentence));
    if (today.labels.length > 0) top.push(mdTable(['Namespace label', 'Namespaces'], today.labels, ['left', 'left']));
  }
  top.push(...meshLines(report, money).map(mdText));
  if (report.readiness && report.readiness.length > 0) top.push(readinessDetails(report.readiness));
  top.push(...markdownSections(report, money));
  if (report.warnings.length > 0) top.push(report.warnings.map((w) => `- **warning:** ${mdText(formatWarning(w))}`).join('\n'));
  let head = `${top.join('\n\n')}\n\n`;
  if (groups.others) {
    // the rows of "others" share what room the comment has left with the line items
    const rest = foldedTable(
      `The ${counted(groups.rest.length, options.groupBy)} in "others"`,
      breakdownHead(options.groupBy, report.currency),
      breakdownRowCells(groups.rest, money),
      undefined,
      `more ${options.groupBy}`,
      (MAX_MARKDOWN_CHARS - head.length) / 2,
    );
    head += `${rest}\n\n`;
  }
  // the blank line ends the <details> HTML block, so that markdown appended after it
  // (a second report, a diff, in the same summary file) renders as markdown
  const headCells = lineItemHead(report.currency);
  const align: Align[] = headCells.map((_, i) => (i < LINE_ITEM_TEXT_COLUMNS ? 'left' : 'right'));
  const items = foldedTable(`Line items (${formatNumber(report.lineItems.length)})`, headCells, report.lineItems.map((i) => lineItemCells(i, money)), align, 'more line item', MAX_MARKDOWN_CHARS - head.length);
  return `${head}${items}\n\n`;
};

export default renderMarkdown;

/** A table in a collapsed <details>, its rows cut short of `room` characters with a note saying how many were left out. */
function foldedTable(summary: string, head: string[], cells: string[][], align: Align[] | undefined, more: string, room: number): string {
  const open = `<details><summary>${mdText(summary)}</summary>\n\n`;
  const close = '\n\n</details>';
  const rows: string[][] = [];
  // NOTE_ROOM: the note on what was left out must still fit
  let used = open.length + close.length + mdTable(head, [], align).length + NOTE_ROOM;
  for (const row of cells) {
    const length = mdRow(row).length + 1;
    if (used + length > room) break;
    rows.push(row);
    used += length;
  }
  const left = cells.length - rows.length;
  const note = left > 0 ? `\n\n${counted(left, more)} left out to fit a comment: \`-f csv\` lists them all.` : '';
  return `${open}${mdTable(head, rows, align)}${note}${close}`;
}

/** Findings listed in the comment; a mesh's whole configuration could crowd out the line items. */
const READINESS_SHOWN = 20;

/** The readiness findings of --istio-config, counted in the summary and folded away. */
function readinessDetails(findings: readonly ReadinessFinding[]): string {
  const shown = findings.slice(0, READINESS_SHOWN);
  const more = readinessMore(findings, shown.length);
  const table = mdTable(READINESS_HEAD, readinessCells(shown), ['left', 'left', 'left']);
  return `<details><summary>${mdText(`Readiness: ${readinessTitle(findings)}`)}</summary>\n\n${table}${more ? `\n\n${mdText(more)}` : ''}\n\n</details>`;
}

/**
 * The capacity and sensitivity sections in each renderer's own form: the terminal
 * (cli-table3, no colour of its own), markdown and HTML. One function per renderer, so
 * each renderer hooks them in with a line; the cells come from capacity.ts and
 * sensitivity.ts, so every format shows the same figures.
 */
import Table from 'cli-table3';
import type { Report } from '../../model/types.js';
import type { Money } from '../cells.js';
import { mdTable, mdText, type Align } from '../markdownTable.js';
import { wrapWords } from '../wrap.js';
import { CAPACITY_HEAD, CAPACITY_NEEDS, CAPACITY_TEXT_COLUMNS, capacityCells, capacityTitle } from './capacity.js';
import {
  SENSITIVITY_HEAD,
  SENSITIVITY_TEXT_COLUMNS,
  sensitivityCells,
  sensitivityTitle,
  tornadoSvg,
  WAYPOINT_BREAK_EVEN_TITLE,
  waypointBreakEvenLines,
} from './sensitivity.js';

const aligns = (head: readonly string[], text: number): Align[] => head.map((_, i) => (i < text ? 'left' : 'right'));

function terminalTable(head: readonly string[], rows: readonly (readonly string[])[], text: number): string {
  const t = new Table({ head: [...head], colAligns: aligns(head, text).map((a) => (a === 'left' ? 'left' : 'right')), style: { head: [], border: [], compact: true } });
  t.push(...rows.map((r) => [...r]));
  return t.toString();
}

const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

/**
 * The table within `width`: the columns named in `droppable` are left out, in that order,
 * until it fits (the JSON, markdown and `--table` CSV keep them all), and a line says which.
 */
function fittedTable(head: readonly string[], rows: readonly (readonly string[])[], text: number, width: number, droppable: readonly string[]): string {
  let keep = head.map((_, i) => i);
  const render = () => terminalTable(keep.map((i) => head[i]!), rows.map((r) => keep.map((i) => r[i]!)), keep.filter((i) => i < text).length);
  let table = render();
  const dropped: string[] = [];
  for (const name of droppable) {
    if (widest(table) <= width) break;
    keep = keep.filter((i) => head[i] !== name);
    dropped.push(name);
    table = render();
  }
  if (dropped.length === 0) return table;
  return [table, ...wrapWords(`(${dropped.join(', ')} left out to fit ${width} columns; -f markdown, -f json and --table keep them)`, width, ' ')].join('\n');
}

/** The terminal's blocks: "Nodes" (or the line saying what would give it), then the tornado when asked for, each within `width`. */
export function terminalSections(r: Report, money: Money, width: number): string[] {
  const out: string[] = [];
  const title = (t: string) => wrapWords(t, width, '  ').join('\n');
  if (r.capacity) {
    const { rows, total } = capacityCells(r.capacity, money);
    out.push(`${title(capacityTitle(r.capacity))}\n${fittedTable(CAPACITY_HEAD, [...rows, total], CAPACITY_TEXT_COLUMNS, width, ['Fluid s/a', 'Today', 'Cluster'])}`);
  } else out.push(title(CAPACITY_NEEDS));
  if (r.sensitivity) {
    out.push(`${title(sensitivityTitle(r.sensitivity))}\n${fittedTable(SENSITIVITY_HEAD, sensitivityCells(r.sensitivity, money), SENSITIVITY_TEXT_COLUMNS, width, ['Low', 'High', 'Today'])}`);
    const lines = waypointBreakEvenLines(r.sensitivity);
    if (lines.length > 0) out.push([title(`${WAYPOINT_BREAK_EVEN_TITLE}:`), ...lines.flatMap((l) => wrapWords(l, width - 2, '  ').map((x) => `  ${x}`))].join('\n'));
  }
  return out;
}

export function markdownSections(r: Report, money: Money): string[] {
  const out: string[] = [];
  if (r.capacity) {
    const { rows, total } = capacityCells(r.capacity, money);
    out.push('#### Nodes', mdText(capacityTitle(r.capacity)), mdTable(CAPACITY_HEAD, [...rows, total], aligns(CAPACITY_HEAD, CAPACITY_TEXT_COLUMNS)));
  } else out.push(mdText(CAPACITY_NEEDS));
  if (r.sensitivity) {
    out.push('#### Sensitivity', mdText(sensitivityTitle(r.sensitivity)), mdTable(SENSITIVITY_HEAD, sensitivityCells(r.sensitivity, money), aligns(SENSITIVITY_HEAD, SENSITIVITY_TEXT_COLUMNS)));
    const lines = waypointBreakEvenLines(r.sensitivity);
    if (lines.length > 0) out.push(`${mdText(WAYPOINT_BREAK_EVEN_TITLE)}:\n\n${lines.map((l) => `- ${mdText(l)}`).join('\n')}`);
  }
  return out;
}

/** The html renderer's own helpers, so the sections escape and lay out tables as the page does. */
export interface HtmlKit {
  esc: (text: string) => string;
  table: (head: readonly string[], rows: readonly (readonly string[])[], totals?: readonly (readonly string[])[], textColumns?: number) => string;
}

export function htmlSections(r: Report, money: Money, kit: HtmlKit): string[] {
  const out: string[] = [];
  if (r.capacity) {
    const { rows, total } = capacityCells(r.capacity, money);
    out.push('<h2>Nodes</h2>', `<p class="sub">${kit.esc(capacityTitle(r.capacity))}</p>`, kit.table(CAPACITY_HEAD, rows, [total], CAPACITY_TEXT_COLUMNS));
  } else out.push(`<p class="sub">${kit.esc(CAPACITY_NEEDS)}</p>`);
  if (r.sensitivity) {
    out.push(
      '<h2>Sensitivity</h2>',
      `<p class="sub">${kit.esc(sensitivityTitle(r.sensitivity))}</p>`,
      tornadoSvg(r.sensitivity, r.savings.monthlyCost, money, kit.esc),
      kit.table(SENSITIVITY_HEAD, sensitivityCells(r.sensitivity, money), [], SENSITIVITY_TEXT_COLUMNS),
    );
    const lines = waypointBreakEvenLines(r.sensitivity);
    if (lines.length > 0) out.push(`<p>${kit.esc(WAYPOINT_BREAK_EVEN_TITLE)}:</p><ul>${lines.map((l) => `<li>${kit.esc(l)}</li>`).join('')}</ul>`);
  }
  return out;
}

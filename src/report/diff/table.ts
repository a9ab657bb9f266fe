/** The diff for a terminal: a title, what differs in the settings, then the tables, no colour (the signs carry the meaning). */
import Table from 'cli-table3';
import { COMPONENT_DIFF_HEAD, componentDiffCells, DIFF_HEAD, diffCells, differenceLines, diffTitle, NAMESPACE_DIFF_HEAD, namespaceDiffCells, overrideLines } from './cells.js';
import type { DiffRenderer } from './index.js';

function table(head: string[], rows: string[][], textColumns = 1): string {
  const t = new Table({
    head,
    colAligns: head.map((_, i) => (i < textColumns ? 'left' : 'right')),
    style: { head: [], border: [], compact: true },
  });
  t.push(...rows);
  return t.toString();
}

const renderTable: DiffRenderer = (diff) => {
  const sections = [`mesh-cost diff: ${diffTitle(diff)}`];
  const differences = differenceLines(diff);
  if (differences.length > 0) sections.push([differences[0], ...differences.slice(1).map((l) => `  ${l}`)].join('\n'));
  sections.push(table(DIFF_HEAD, diffCells(diff)), `By component:\n${table(COMPONENT_DIFF_HEAD, componentDiffCells(diff), 2)}`);
  const ns = namespaceDiffCells(diff);
  sections.push(ns.rows.length > 0 ? `By namespace (the largest changes first):\n${table(NAMESPACE_DIFF_HEAD, ns.rows)}${ns.more ? `\n${ns.more}` : ''}` : 'No namespace changed.');
  const whatIfs = overrideLines(diff);
  if (whatIfs.length > 0) sections.push(whatIfs.join('\n'));
  return `${sections.join('\n\n')}\n`;
};

export default renderTable;

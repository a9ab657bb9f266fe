/** The diff for a terminal: a title and one table, no colour (the signs carry the meaning). */
import Table from 'cli-table3';
import { DIFF_HEAD, diffCells, diffTitle, overrideLines } from './cells.js';
import type { DiffRenderer } from './index.js';

const renderTable: DiffRenderer = (diff) => {
  const table = new Table({
    head: DIFF_HEAD,
    colAligns: ['left', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [], compact: true },
  });
  table.push(...diffCells(diff));
  const whatIfs = overrideLines(diff).map((l) => `${l}\n`).join('');
  return `mesh-cost diff: ${diffTitle(diff)}\n\n${table.toString()}\n${whatIfs}`;
};

export default renderTable;

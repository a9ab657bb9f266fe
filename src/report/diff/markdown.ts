/** The diff as a pull-request comment: the ambient change as the headline, then the table. */
import { moneyIn } from '../cells.js';
import { formatPercent } from '../format.js';
import { mdTable, mdText } from '../markdownTable.js';
import { DIFF_HEAD, diffCells, diffTitle, overrideLines } from './cells.js';
import type { DiffRenderer } from './index.js';

const renderMarkdown: DiffRenderer = (diff) => {
  const money = moneyIn(diff.currency);
  const a = diff.ambient;
  const pct = a.changePercent === null ? '' : `, ${formatPercent(a.changePercent, true)}`;
  const headline = `Ambient monthly cost: ${money(a.old)} → ${money(a.new)} (${money(a.change, true)}${pct})`;
  const whatIfs = overrideLines(diff).map((l) => `\n${mdText(l)}\n`).join('');
  return `### ${mdText(headline)}\n\n${mdText(diffTitle(diff))}\n\n${mdTable(DIFF_HEAD, diffCells(diff))}\n${whatIfs}`;
};

export default renderMarkdown;

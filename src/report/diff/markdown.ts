/** The diff as a pull-request comment: the ambient change as the headline, what differs in the settings, then the tables. */
import { moneyIn } from '../cells.js';
import { formatPercent } from '../format.js';
import { mdTable, mdText } from '../markdownTable.js';
import { COMPONENT_DIFF_HEAD, componentDiffCells, DIFF_HEAD, diffCells, differenceLines, diffTitle, NAMESPACE_DIFF_HEAD, namespaceDiffCells, overrideLines } from './cells.js';
import type { DiffRenderer } from './index.js';

const renderMarkdown: DiffRenderer = (diff) => {
  const money = moneyIn(diff.currency);
  const a = diff.ambient;
  const pct = a.changePercent === null ? '' : `, ${formatPercent(a.changePercent, true)}`;
  const headline = `Ambient monthly cost: ${money(a.old)} → ${money(a.new)} (${money(a.change, true)}${pct})`;
  const sections = [`### ${mdText(headline)}`, mdText(diffTitle(diff))];
  const differences = differenceLines(diff);
  if (differences.length > 0) sections.push(`> **${mdText(differences[0]!)}**\n${differences.slice(1).map((l) => `> - ${mdText(l)}`).join('\n')}`);
  sections.push(mdTable(DIFF_HEAD, diffCells(diff)), '#### By component', mdTable(COMPONENT_DIFF_HEAD, componentDiffCells(diff), ['left', 'left', 'right', 'right', 'right', 'right']));
  const ns = namespaceDiffCells(diff);
  if (ns.rows.length > 0) {
    sections.push('#### By namespace (the largest changes first)', mdTable(NAMESPACE_DIFF_HEAD, ns.rows));
    if (ns.more) sections.push(mdText(ns.more));
  }
  sections.push(...overrideLines(diff).map(mdText));
  return `${sections.join('\n\n')}\n`;
};

export default renderMarkdown;

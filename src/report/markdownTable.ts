/**
 * GitHub-flavoured markdown tables for the markdown renderers (report and diff). Cell
 * text comes from user input (cluster, namespace names), so markdown and HTML syntax
 * in it is escaped: a namespace called `*prod*` or `<b>x</b>` shows as written. `$` is
 * escaped too: GitHub reads `$…$` as LaTeX math, and money is full of dollars.
 */

export type Align = 'left' | 'right';

const RULE: Record<Align, string> = { left: ':---', right: '---:' };

/** Backslash-escapes markdown punctuation; `&` becomes `&amp;` so no HTML entity forms. */
export function mdText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|~#$]/g, '\\$&');
}

/** Head and body cells are escaped here; `align` defaults to left for the first column, right for the rest. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const aligns = align ?? head.map((_, i) => (i === 0 ? 'left' : 'right'));
  return [mdRow(head), `|${aligns.map((a) => ` ${RULE[a]} `).join('|')}|`, ...rows.map(mdRow)].join('\n');
}

export function mdRow(cells: readonly string[]): string {
  return `| ${cells.map(mdText).join(' | ')} |`;
}

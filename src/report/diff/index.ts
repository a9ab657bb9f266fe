/**
 * Renderers of a ReportDiff (`mesh-cost diff -f …`), a map like the report's own
 * (../index.ts): one signature, each loaded only when chosen.
 */
import type { ReportDiff } from '../../budget/diff.js';

/** Returns the whole document, ending with '\n'. Formats the diff; never computes. */
export type DiffRenderer = (diff: ReportDiff) => string;

const diffRenderers = {
  table: () => import('./table.js').then((m) => m.default),
  json: () => import('./json.js').then((m) => m.default),
  markdown: () => import('./markdown.js').then((m) => m.default),
} satisfies Record<string, () => Promise<DiffRenderer>>;

export type DiffFormat = keyof typeof diffRenderers;

export const DIFF_FORMATS = Object.keys(diffRenderers) as DiffFormat[];

export async function renderDiff(format: DiffFormat, diff: ReportDiff): Promise<string> {
  return (await diffRenderers[format]())(diff);
}

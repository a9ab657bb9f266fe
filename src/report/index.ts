/**
 * The renderers as a map (knip's `reporters/` pattern): one signature, chosen by
 * `--format`, and the list of formats is typed from the map's keys. Each renderer is
 * imported only when chosen, so `--format json` never loads cli-table3 or chalk.
 * Adding a format is one line here plus its module, which default-exports a Renderer.
 */
import type { Verdict } from '../budget/gates.js';
import type { Report } from '../model/types.js';
import type { CsvTable } from './csvTables.js';

export type GroupBy = 'environment' | 'cluster' | 'namespace';
export const GROUP_BYS: readonly GroupBy[] = ['environment', 'cluster', 'namespace'];

export interface RenderOptions {
  groupBy: GroupBy;
  /** false: not a single ANSI escape in the output (NO_COLOR, pipes, files) */
  color: boolean;
  /** table: the widest a line may be (the terminal's COLUMNS); 100 when not given */
  width?: number;
  /**
   * table: list the warnings under the report. The CLI says no when the report goes to
   * the terminal, whose stderr has just shown them: each warning is read once.
   */
  listWarnings?: boolean;
  /** the budget gates' verdicts, shown by the markdown (a pull-request comment) and html */
  verdicts?: readonly Verdict[];
  /** csv: the flat table to write (default: the line items) */
  table?: CsvTable;
}

/** Returns the whole document, ending with '\n'. Formats a Report; never computes model numbers. */
export type Renderer = (report: Report, options: RenderOptions) => string;

type LoadRenderer = () => Promise<Renderer>;

export const renderers = {
  table: () => import('./table.js').then((m) => m.default),
  json: () => import('./json.js').then((m) => m.default),
  csv: () => import('./csv.js').then((m) => m.default),
  markdown: () => import('./markdown.js').then((m) => m.default),
  html: () => import('./html.js').then((m) => m.default),
} satisfies Record<string, LoadRenderer>;

export type Format = keyof typeof renderers;

export const FORMATS = Object.keys(renderers) as Format[];

export async function render(format: Format, report: Report, options: RenderOptions): Promise<string> {
  const renderer = await renderers[format]();
  return renderer(report, options);
}

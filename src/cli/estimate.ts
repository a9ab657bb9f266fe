/** `mesh-cost estimate`: read → one pure model call → render → write → budget gates. */
import { relative, isAbsolute } from 'node:path';
import { evaluateGates } from '../budget/gates.js';
import { InputError } from '../errors.js';
import type { CsvTable } from '../report/csvTables.js';
import { render, type Format, type GroupBy } from '../report/index.js';
import { estimateReport, parsePackTarget, parseSensitivity, type AnalysisFlags } from './analyses.js';
import { readinessTitle } from '../report/meshCells.js';
import { enforce, resolveLimits, type BudgetFlags } from './gates.js';
import type { InputFlags } from './inputOptions.js';
import { formatFromFile, writeResult } from './output.js';
import { prepare } from './prepare.js';
import { readReport } from './readReport.js';
import { colorFor, note, terminalWidth, warn } from './terminal.js';

export interface EstimateFlags extends InputFlags, BudgetFlags, AnalysisFlags {
  groupBy: GroupBy;
  format?: Format;
  table?: CsvTable;
  output?: string;
}

export async function estimateCommand(flags: EstimateFlags): Promise<void> {
  const format = flags.format ?? formatFromFile(flags.output) ?? 'table';
  if (flags.table && format !== 'csv') throw new InputError(`--table chooses the table of a CSV export: pass -f csv with it (the format is ${format})`);
  // bad limit flags fail before the inventory is read (a New Relic read can take minutes);
  // the config's budgets are known only after prepare()
  resolveLimits(flags);
  const asked = { packTarget: parsePackTarget(flags.packTarget), sensitivity: parseSensitivity(flags.sensitivity) };
  const run = await prepare(flags);
  // limits and baseline are checked before anything is written: bad ones are exit 2, no output
  const { limits, baseline } = resolveLimits(flags, run.config?.budgets);
  const baselineReport = baseline ? { report: await readReport(baseline), label: baseline } : undefined;
  // the report names its inputs as the user would type them here, never as absolute paths
  const inventory = { ...run.inventory, sources: run.inventory.sources.map(relativeToCwd) };
  const report = estimateReport({ ...run, inventory }, asked);
  // table, markdown and html list the findings themselves; the CSV export has no room for them
  if (run.istio?.readiness.length && format === 'csv') {
    note(`${readinessTitle(run.istio.readiness)}: see "readiness" in -f json, or the README of \`mesh-cost manifests --out\``);
  }
  const verdicts = evaluateGates(report, limits, baselineReport);
  // warnings are said once, on stderr; a report written to a file keeps them too, since
  // whoever opens that file later has no terminal to read them from
  warn(report.warnings);
  const toFile = Boolean(flags.output && flags.output !== '-');
  const text = await render(format, report, {
    groupBy: flags.groupBy,
    color: !toFile && colorFor(process.stdout),
    listWarnings: toFile,
    verdicts,
    ...(toFile ? {} : { width: terminalWidth(process.stdout) }),
    ...(flags.table ? { table: flags.table } : {}),
  });
  await writeResult(text, flags.output);
  if (toFile) note(`wrote the ${format} report to ${flags.output}`);
  // after the report is written: a broken budget still leaves the report for whoever investigates
  enforce(verdicts, report.currency);
}

function relativeToCwd(source: string): string {
  if (!isAbsolute(source)) return source;
  const rel = relative(process.cwd(), source);
  return rel.startsWith('..') || isAbsolute(rel) ? source : rel;
}

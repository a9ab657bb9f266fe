/** `mesh-cost estimate`: read → one pure model call → render → write → budget gates. */
import { evaluateGates } from '../budget/gates.js';
import { render, type Format, type GroupBy } from '../report/index.js';
import { estimateReport, parsePackTarget, parseSensitivity, type AnalysisFlags } from './analyses.js';
import { enforce, resolveLimits, type BudgetFlags } from './gates.js';
import type { InputFlags } from './inputOptions.js';
import { writeResult } from './output.js';
import { prepare } from './prepare.js';
import { readReport } from './readReport.js';
import { colorFor, warn } from './terminal.js';

export interface EstimateFlags extends InputFlags, BudgetFlags, AnalysisFlags {
  groupBy: GroupBy;
  format: Format;
  output?: string;
}

export async function estimateCommand(flags: EstimateFlags): Promise<void> {
  // bad limit flags fail before the inventory is read (a New Relic read can take minutes);
  // the config's budgets are known only after prepare()
  resolveLimits(flags);
  const asked = { packTarget: parsePackTarget(flags.packTarget), sensitivity: parseSensitivity(flags.sensitivity) };
  const run = await prepare(flags);
  // limits and baseline are checked before anything is written: bad ones are exit 2, no output
  const { limits, baseline } = resolveLimits(flags, run.config?.budgets);
  const baselineReport = baseline ? { report: await readReport(baseline), label: baseline } : undefined;
  const report = estimateReport(run, asked);
  const verdicts = evaluateGates(report, limits, baselineReport);
  warn(report.warnings);
  const color = !flags.output && colorFor(process.stdout);
  await writeResult(await render(flags.format, report, { groupBy: flags.groupBy, color }), flags.output);
  // after the report is written: a broken budget still leaves the report for whoever investigates
  enforce(verdicts, report.currency);
}

/** `mesh-cost estimate`: read → one pure model call → render → write → budget gates. */
import { evaluateGates } from '../budget/gates.js';
import { estimate } from '../model/estimate.js';
import { render, type Format, type GroupBy } from '../report/index.js';
import { enforce, resolveLimits, type BudgetFlags } from './gates.js';
import type { InputFlags } from './inputOptions.js';
import { writeResult } from './output.js';
import { prepare } from './prepare.js';
import { readReport } from './readReport.js';
import { colorFor, note, warn } from './terminal.js';
import { thisTool } from './tool.js';

export interface EstimateFlags extends InputFlags, BudgetFlags {
  groupBy: GroupBy;
  format: Format;
  output?: string;
}

export async function estimateCommand(flags: EstimateFlags): Promise<void> {
  // bad limit flags fail before the inventory is read (a New Relic read can take minutes);
  // the config's budgets are known only after prepare()
  resolveLimits(flags);
  const run = await prepare(flags);
  // limits and baseline are checked before anything is written: bad ones are exit 2, no output
  const { limits, baseline } = resolveLimits(flags, run.config?.budgets);
  const baselineReport = baseline ? { report: await readReport(baseline), label: baseline } : undefined;
  const plan = estimate({
    inventory: run.inventory,
    profile: run.profile,
    prices: run.prices,
    options: run.options,
    generatedAt: new Date().toISOString(),
    warnings: run.warnings,
    tool: thisTool(),
  });
  if (run.istio) plan.report.readiness = run.istio.readiness;
  if (run.istio?.readiness.length && flags.format !== 'json') {
    note(`${run.istio.readiness.length} objects of the Istio configuration do not carry over to ambient as they are: see "readiness" in -f json, or the README of \`mesh-cost manifests --out\``);
  }
  const verdicts = evaluateGates(plan.report, limits, baselineReport);
  warn(plan.report.warnings);
  const color = !flags.output && colorFor(process.stdout);
  await writeResult(await render(flags.format, plan.report, { groupBy: flags.groupBy, color }), flags.output);
  // after the report is written: a broken budget still leaves the report for whoever investigates
  enforce(verdicts, plan.report.currency);
}

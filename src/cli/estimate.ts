/** `mesh-cost estimate`: read → one pure model call → render → write. */
import { formatWarning } from '../inventory/types.js';
import { estimate } from '../model/estimate.js';
import { render, type Format, type GroupBy } from '../report/index.js';
import type { InputFlags } from './inputOptions.js';
import { writeResult } from './output.js';
import { prepare } from './prepare.js';
import { colorFor, warn } from './terminal.js';

export interface EstimateFlags extends InputFlags {
  groupBy: GroupBy;
  format: Format;
  output?: string;
}

export async function estimateCommand(flags: EstimateFlags): Promise<void> {
  const run = await prepare(flags);
  const plan = estimate({
    inventory: run.inventory,
    profile: run.profile,
    prices: run.prices,
    options: run.options,
    generatedAt: new Date().toISOString(),
    warnings: run.warnings,
  });
  for (const w of plan.report.warnings) warn(formatWarning(w));
  const color = !flags.output && colorFor(process.stdout);
  await writeResult(await render(flags.format, plan.report, { groupBy: flags.groupBy, color }), flags.output);
}

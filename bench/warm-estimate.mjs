#!/usr/bin/env node
/**
 * The warm half of the linear case: runs the estimate pipeline (estimateCommand, as
 * the CLI does after commander has parsed `estimate --nodes … --workloads … --pods …
 * -f json -o FILE`) many times in this one process and times each call. The bench
 * spawns it, so nothing of the bench's own heap or JIT state is in the figures.
 *
 *   node bench/warm-estimate.mjs PLAN.json
 *
 * PLAN.json: { bundle, output, warmup, warmups, inventories, order }: `bundle` is
 * the pipeline bundled by the linear case, `warmup` the inventory run `warmups`
 * times unmeasured first, `inventories` the inventories measured, `order` the
 * indices into `inventories` in the order they run (interleaved by the case).
 * Prints on stdout, as JSON, the milliseconds of each measured call, one array per
 * inventory.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { estimateCommand } = await import(pathToFileURL(plan.bundle).href);

// exactly the flags commander hands the command for that command line; the profile
// and price sheet stay unset, so prepare() applies its defaults as in a CLI run
const estimate = ({ nodes, workloads, pods }) => estimateCommand({ groupBy: 'environment', format: 'json', nodes, workloads, pods, output: plan.output });

for (let i = 0; i < plan.warmups; i++) await estimate(plan.warmup);
const millis = plan.inventories.map(() => []);
for (const k of plan.order) {
  const start = performance.now();
  await estimate(plan.inventories[k]);
  millis[k].push(performance.now() - start);
}
process.stdout.write(JSON.stringify(millis));

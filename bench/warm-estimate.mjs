#!/usr/bin/env node
/**
 * The warm half of the linear case: runs the estimate pipeline (estimateCommand, as
 * the CLI does after commander has parsed `estimate --nodes … --workloads … --pods …
 * -f json -o FILE`) many times in this one process and times each call. The bench
 * spawns it, so nothing of the bench's own heap or JIT state is in the figures.
 *
 *   node --expose-gc bench/warm-estimate.mjs PLAN.json
 *
 * PLAN.json: { bundle, output, warmup, warmups, inventories, runs }: `bundle` is
 * the pipeline bundled by the linear case, `warmup` the inventory run `warmups`
 * times unmeasured first, `inventories` the inventories measured, one after the
 * other, each after a full garbage collection (with --expose-gc) and one unmeasured
 * call, `runs[k]` times. Prints on stdout, as JSON, the milliseconds of each
 * measured call, one array per inventory.
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
for (const [k, inventory] of plan.inventories.entries()) {
  globalThis.gc?.();
  await estimate(inventory);
  for (let i = 0; i < plan.runs[k]; i++) {
    const start = performance.now();
    await estimate(inventory);
    millis[k].push(performance.now() - start);
  }
}
process.stdout.write(JSON.stringify(millis));

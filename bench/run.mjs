#!/usr/bin/env node
/**
 * The benchmark (`npm run bench`): generates seeded synthetic inventories, runs the
 * built CLI on them and prints the figures with the targets they meet or miss. It
 * never fails on a target: timings depend on the machine, so they are recorded in
 * BENCHMARKS.md, not asserted.
 *
 *   npm run bench [-- --size PODS] [--runs N] [--seed N] [--only CASE,...] [--before BIN]
 *
 * --size  pods of the largest inventory (default 1,000,000; 10000 is a quick smoke run);
 *         the kubectl List has size/10 pods, usage.csv 10 × size samples, the Prometheus
 *         case size/500 and size/50 pods
 * --runs  runs of each timed measurement, the median is printed (default 3)
 * --seed  seed of the generated inputs (default 1)
 * --only  run some cases only, by name: ingest, linear, startup, kube, usage-fit, prometheus, capacity
 * --before the bin/mesh-cost.js of another build (say, a checkout of main): the ingest
 *         case runs its estimate too, in turn with this one, and prints the ratio
 *
 * A case is a module in cases/ that exports `title` and `run(context)`; adding one
 * is that file and one line in CASES below.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ingest from './cases/ingest.mjs';
import * as kube from './cases/kube.mjs';
import * as linear from './cases/linear.mjs';
import * as prometheus from './cases/prometheus.mjs';
import * as startup from './cases/startup.mjs';
import * as usageFit from './cases/usage-fit.mjs';
import * as capacity from './cases/capacity.mjs';
import { generate } from './generate.mjs';
import { count, seconds } from './lib/format.mjs';

const CASES = { ingest, linear, startup, kube, 'usage-fit': usageFit, prometheus, capacity };

const BIN = fileURLToPath(new URL('../bin/mesh-cost.js', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    before: { type: 'string' },
  },
});
const size = wholeNumber('--size', values.size, 100);
const runs = wholeNumber('--runs', values.runs, 1);
const seed = wholeNumber('--seed', values.seed, 0);
const names = values.only ? values.only.split(',') : Object.keys(CASES);
const unknown = names.filter((n) => !(n in CASES));
if (unknown.length > 0) usage(`--only: unknown case ${unknown.join(', ')}; the cases are ${Object.keys(CASES).join(', ')}`);
if (!existsSync(DIST)) usage('dist/cli.js is missing: build the CLI first (npm run build)');
const before = values.before === undefined ? undefined : resolve(values.before);
if (before !== undefined && !existsSync(before)) usage(`--before: expected the bin/mesh-cost.js of a build, found no file ${before}`);

const dir = mkdtempSync(join(tmpdir(), 'mesh-cost-bench-'));
const made = new Map();
const context = {
  size,
  runs,
  seed,
  bin: BIN,
  /** another build's CLI to compare with (--before), or undefined */
  before,
  /** a scratch directory for a case's own generated inputs, removed at the end */
  dir,
  print: (line) => console.log(line),
  /** the seeded inventory of `pods` pods, generated once per bench run */
  async inventory(pods) {
    if (!made.has(pods)) made.set(pods, generate({ pods, seed, dir: join(dir, String(pods)) }));
    return made.get(pods);
  },
};

const cpu = cpus();
console.log(`mesh-cost bench · Node ${process.version} · ${platform()} ${release()} · ${cpu[0]?.model ?? 'unknown cpu'} × ${cpu.length} · ${Math.round(totalmem() / 2 ** 30)} GiB`);
console.log(`largest inventory ${count(size)} pods (seed ${seed}); ${new Date().toISOString().slice(0, 10)}`);
try {
  for (const name of names) {
    const started = performance.now();
    console.log(`\n${CASES[name].title}`);
    await CASES[name].run(context);
    console.log(`  (${name} took ${seconds(performance.now() - started)})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function wholeNumber(flag, text, min) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) usage(`${flag}: expected a whole number ≥ ${min}, found "${text}"`);
  return n;
}

function usage(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

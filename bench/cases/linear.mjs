/**
 * Linear cost: the time per 100k pods at size/100, size/10 and size pods (10k, 100k
 * and 1M by default), measured two ways. Target: the three figures stay within 25%
 * of each other.
 *
 * Cold, as a user runs it: each run a fresh `estimate -f json` process, less the
 * fixed cost every run pays (Node's start-up, loading the CLI, reading the profile),
 * measured as a run over a one-pod inventory. The bare csv-parse pass (the ingest
 * case's yardstick) is measured the same way beside it. These figures fall with size,
 * the bare pass's too: V8 starts every process in its interpreter, optimises the hot
 * loops only after a while and grows the heap as it goes, and at 10k pods that
 * one-time warm-up is as large as the work itself.
 *
 * Warm, to see the cost per pod itself: one child process imports the estimate
 * pipeline (estimateCommand, bundled from src/ by lib/bundle-estimate.mjs), runs it
 * twice on the size/10 inventory unmeasured, then size after size: a full garbage
 * collection, one unmeasured call, then calls timed one by one, as many as give every
 * size the same number of pods in all (3 calls of 1M, 30 of 100k, 300 of 10k). The
 * figure is the mean call less the mean call on the one-pod inventory (the fixed
 * part: reading the profile and price sheet, rendering and writing the report), as in
 * the cold figures. Why so: a call's garbage is collected during later calls, so a
 * small call's time swings with whatever is collected while it runs (10k-pod calls
 * took 15 to 40 ms); over equal work each size pays for its own collections. Timed in
 * turn instead (A B C A B C …, medians of 15 calls), the spread went from 11% to 36%
 * run to run; this way it stayed between 7% and 13% in three runs.
 * A cost that grew with the inventory (a quadratic join, a leak) would show as warm
 * figures rising with size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEstimate } from '../lib/bundle-estimate.mjs';
import { count, millis, percent, seconds, table, target } from '../lib/format.mjs';
import { interleave, median, runNode } from '../lib/measure.mjs';

const BARE_PARSE = fileURLToPath(new URL('../bare-parse.mjs', import.meta.url));
const WARM_ESTIMATE = fileURLToPath(new URL('../warm-estimate.mjs', import.meta.url));
const MAX_SPREAD = 0.25;
// small runs are short and noisy: they are repeated more often than the big one
const SMALL_RUNS_FACTOR = 5;
const WARMUPS = 2;

export const title = 'linear cost: time per 100k pods at three sizes, cold (a fresh process each run) and warm (one process)';

export async function run(context) {
  const { size, runs, inventory } = context;
  const sizes = [1, Math.round(size / 100), Math.round(size / 10), size];
  const files = [];
  for (const pods of sizes) files.push((await inventory(pods)).files);
  // the full size runs `runs` times, the others (the 1-pod run too) 5× as often
  const runsOf = sizes.map((pods) => (pods === size ? runs : runs * SMALL_RUNS_FACTOR));
  cold(context, sizes, files, runsOf);
  await warm(context, sizes, files);
}

function cold({ runs, bin, print }, sizes, files, runsOf) {
  const commands = files.map(({ nodes, workloads, pods }) => [
    [bin, 'estimate', '--nodes', nodes, '--workloads', workloads, '--pods', pods, '-f', 'json'],
    [BARE_PARSE, nodes, workloads, pods],
  ]);
  const small = commands.slice(0, -1).flat();
  // one unmeasured run of each first, so the file cache is warm for all of them alike
  for (const args of small) runNode(args);
  const smallRuns = interleave(small, runs * SMALL_RUNS_FACTOR);
  const bigRuns = interleave(commands.at(-1), runs);
  const walls = [...smallRuns, ...bigRuns].map((rs) => median(rs.map((r) => r.wallMs)));
  // walls holds estimate then bare, size by size; the 1-pod pair is the fixed cost
  const [fixed, ...bySize] = sizes.map((pods, i) => ({ pods, estimate: walls[2 * i], bare: walls[2 * i + 1] }));
  const measured = bySize.map(({ pods, estimate, bare }, k) => ({
    pods,
    estimate: ((estimate - fixed.estimate) * 100_000) / pods,
    bare: ((bare - fixed.bare) * 100_000) / pods,
    runs: runsOf[k + 1],
  }));

  const spread = (key) => spreadOf(measured.map((m) => m[key]));
  const falls = measured.every((m, k) => k === 0 || m.estimate <= measured[k - 1].estimate);
  print('cold: a fresh process per run, the fixed cost of a 1-pod run subtracted (what a user gets, V8 warm-up included)');
  print(`fixed cost (a 1-pod inventory): estimate ${millis(fixed.estimate)}, bare pass ${millis(fixed.bare)}`);
  print(
    table([
      ['', 'estimate -f json', 'bare csv-parse', ''],
      ...measured.map((m) => [`${count(m.pods)} pods`, `${seconds(m.estimate)} per 100k`, `${seconds(m.bare)} per 100k`, `(median of ${m.runs})`]),
    ]),
  );
  // a run hardly longer than the fixed cost can time below it: such figures compare nothing
  if (!measured.every((m) => m.estimate > 0 && m.bare > 0)) {
    print('  no verdict: the smaller inventories take no longer than the fixed cost, within the noise (try a larger --size)');
    return;
  }
  print(`  spread ${percent(spread('estimate'))} (largest / smallest − 1): ${target(spread('estimate') <= MAX_SPREAD, `≤ ${percent(MAX_SPREAD)}`)}`);
  print(`  the bare pass's spread ${percent(spread('bare'))}; the cost per pod ${falls ? 'falls as the inventory grows (the JIT warming up), it does not grow' : 'RISES with the size of the inventory somewhere'}`);
  // What each further 100k pods cost between two sizes, most of the warm-up behind:
  // shown to tell warm-up from a cost that grows, never used for the verdict above.
  const steps = bySize.slice(1).map((b, k) => {
    const a = bySize[k];
    return `${seconds(((b.estimate - a.estimate) * 100_000) / (b.pods - a.pods))} from ${count(a.pods)} to ${count(b.pods)}`;
  });
  print(`  each further 100k pods (no verdict on it): ${steps.join(', ')}`);
}

async function warm({ size, runs, dir, print }, sizes, files) {
  // every size gets as many pods in all as the full size's `runs` calls, so each is
  // timed over as much work (and as many collections); the 1-pod calls as often as
  // the smallest size's
  const calls = sizes.map((pods) => Math.max(runs, Math.round((runs * size) / pods)));
  calls[0] = calls[1];
  const scratch = join(dir, 'warm');
  mkdirSync(scratch, { recursive: true });
  const plan = join(scratch, 'plan.json');
  const bundle = await bundleEstimate(scratch);
  writeFileSync(plan, JSON.stringify({ bundle, output: join(scratch, 'report.json'), warmup: files[2], warmups: WARMUPS, inventories: files, runs: calls }));
  // --expose-gc: the child collects the garbage of one size before timing the next
  const millisBySize = JSON.parse(runNode(['--expose-gc', WARM_ESTIMATE, plan], { stdout: true }).stdout);
  // the mean, not the median: what a call costs on average, its share of the collections included
  const [fixed, ...measured] = sizes.map((pods, k) => ({ pods, ms: mean(millisBySize[k]), calls: calls[k] }));
  const perPod = measured.map((m) => ((m.ms - fixed.ms) * 100_000) / m.pods);

  print(`warm: one process, after ${WARMUPS} warm-up runs on ${count(sizes[2])} pods; the cost per pod without start-up or V8 warm-up`);
  print(`fixed part of a warm call (a 1-pod inventory: reading the profile and price sheet, rendering and writing the report): ${millis(fixed.ms)}, subtracted`);
  print(
    table([
      ['', 'estimate -f json', ''],
      ...measured.map((m, k) => [`${count(m.pods)} pods`, `${seconds(perPod[k])} per 100k`, `(mean of ${count(m.calls)} calls)`]),
    ]),
  );
  if (!perPod.every((t) => t > 0)) {
    print('  no verdict: the smaller inventories take no longer than the fixed part, within the noise (try a larger --size)');
    return;
  }
  const spread = spreadOf(perPod);
  const dearest = measured[perPod.indexOf(Math.max(...perPod))].pods;
  print(`  spread ${percent(spread)} (largest / smallest − 1), the most per pod at ${count(dearest)} pods: ${target(spread <= MAX_SPREAD, `≤ ${percent(MAX_SPREAD)}`)}`);
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** largest / smallest − 1 */
const spreadOf = (values) => Math.max(...values) / Math.min(...values) - 1;

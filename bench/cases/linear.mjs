/**
 * Linear cost: the time per 100k pods at size/100, size/10 and size pods (10k, 100k
 * and 1M by default), after subtracting the fixed cost every run pays (Node's
 * start-up, loading the CLI, reading the profile), measured as a run over a one-pod
 * inventory. Target: the three figures stay within 25% of each other.
 *
 * The bare csv-parse pass is measured the same way beside it. It shows what no code
 * of ours can change: the JIT warms up over the first hundred thousand rows or so of
 * a run, so a small inventory costs more per pod than a large one, and the figures
 * fall with size. The time mesh-cost adds to the bare pass is printed too: that is
 * the part our code controls. A cost that grew with the inventory (a quadratic join,
 * a leak) would show as figures rising with size.
 */
import { fileURLToPath } from 'node:url';
import { count, millis, percent, seconds, table, target } from '../lib/format.mjs';
import { interleave, median, runNode } from '../lib/measure.mjs';

const BARE_PARSE = fileURLToPath(new URL('../bare-parse.mjs', import.meta.url));
const MAX_SPREAD = 0.25;
// small runs are short and noisy: they are repeated more often than the big one
const SMALL_RUNS_FACTOR = 5;

export const title = 'linear cost: time per 100k pods, the fixed cost of a run subtracted';

export async function run({ size, runs, bin, inventory, print }) {
  const sizes = [1, Math.round(size / 100), Math.round(size / 10), size];
  const commands = [];
  for (const pods of sizes) {
    const { nodes, workloads, pods: podsFile } = (await inventory(pods)).files;
    commands.push([
      [bin, 'estimate', '--nodes', nodes, '--workloads', workloads, '--pods', podsFile, '-f', 'json'],
      [BARE_PARSE, nodes, workloads, podsFile],
    ]);
  }
  const small = commands.slice(0, -1).flat();
  // one unmeasured run of each first, so the file cache is warm for all of them alike
  for (const args of small) runNode(args);
  const smallRuns = interleave(small, runs * SMALL_RUNS_FACTOR);
  const bigRuns = interleave(commands.at(-1), runs);
  const walls = [...smallRuns, ...bigRuns].map((rs) => median(rs.map((r) => r.wallMs)));
  // walls holds estimate then bare, size by size; the 1-pod pair is the fixed cost
  const [fixed, ...bySize] = sizes.map((pods, i) => ({ pods, estimate: walls[2 * i], bare: walls[2 * i + 1] }));
  const measured = bySize.map(({ pods, estimate, bare }) => ({
    pods,
    estimate: ((estimate - fixed.estimate) * 100_000) / pods,
    bare: ((bare - fixed.bare) * 100_000) / pods,
    runs: pods === size ? runs : runs * SMALL_RUNS_FACTOR,
  }));

  const spread = (key) => Math.max(...measured.map((m) => m[key])) / Math.min(...measured.map((m) => m[key])) - 1;
  const added = measured.map((m) => m.estimate - m.bare);
  const falls = measured.every((m, k) => k === 0 || m.estimate <= measured[k - 1].estimate);
  print(`fixed cost (a 1-pod inventory): estimate ${millis(fixed.estimate)}, bare pass ${millis(fixed.bare)}`);
  print(
    table([
      ['', 'estimate -f json', 'bare csv-parse', 'added by mesh-cost', ''],
      ...measured.map((m, k) => [`${count(m.pods)} pods`, `${seconds(m.estimate)} per 100k`, `${seconds(m.bare)} per 100k`, `${seconds(added[k])} per 100k`, `(median of ${m.runs})`]),
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

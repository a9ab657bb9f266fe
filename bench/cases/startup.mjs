/**
 * Start-up: `mesh-cost --help` and `--version` against `node -e 0`, medians of 10
 * runs each, in turn. Target: at most 2.5× the bare Node start.
 */
import { millis, ratio, table, target } from '../lib/format.mjs';
import { interleave, median, runNode } from '../lib/measure.mjs';

const RUNS = 10;
const MAX_RATIO = 2.5;

export const title = `start-up: median wall time of ${RUNS} runs`;

export async function run({ bin, print }) {
  const commands = [
    ['node -e 0', ['-e', '0']],
    ['mesh-cost --help', [bin, '--help']],
    ['mesh-cost --version', [bin, '--version']],
  ];
  for (const [, args] of commands) runNode(args);
  const walls = interleave(commands.map(([, args]) => args), RUNS).map((rs) => median(rs.map((r) => r.wallMs)));
  const node = walls[0];
  print(
    table(
      commands.map(([name], i) => {
        if (i === 0) return [name, millis(node), '', ''];
        const r = walls[i] / node;
        return [name, millis(walls[i]), ratio(r), target(r <= MAX_RATIO, `≤ ${MAX_RATIO}×`)];
      }),
    ),
  );
}

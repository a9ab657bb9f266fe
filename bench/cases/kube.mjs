/**
 * kubectl JSON: `estimate --kube -f json` on a generated `kubectl get nodes,pods -A
 * -o json` List of size/10 pods (100,000 by default: several hundred MB shaped like
 * kubectl's own output), one node per 100 pods. Target (issue 3): the List is read as
 * a stream, peak RSS under 400 MB.
 *
 * One run: the target is memory, which does not drift from run to run as time does;
 * the wall and CPU time are printed beside it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, mb, megabytes, seconds, table, target } from '../lib/format.mjs';
import { runNode } from '../lib/measure.mjs';

const GENERATE = fileURLToPath(new URL('../gen-kube.mjs', import.meta.url));
const MAX_RSS_KIB = 400e6 / 1024;

export const title = 'kubectl JSON: estimate --kube on a generated List';

export async function run({ size, seed, dir, bin, print }) {
  const pods = Math.max(1, Math.round(size / 10));
  const nodes = Math.max(1, Math.round(pods / 100));
  const file = join(dir, `kube-${pods}.json`);
  const generated = runNode([GENERATE, '--pods', String(pods), '--nodes', String(nodes), '--seed', String(seed), '--out', file]);
  const r = runNode([bin, 'estimate', '--kube', file, '-f', 'json'], { usage: true });
  print(`${count(pods)} pods on ${count(nodes)} node${nodes === 1 ? '' : 's'}, ${megabytes(statSync(file).size)} of JSON (generated in ${seconds(generated.wallMs)}); one run`);
  print(table([['estimate --kube -f json', `wall ${seconds(r.wallMs)}`, `cpu ${seconds(r.cpuMs)}`, `peak RSS ${mb(r.maxRssKiB)}`]]));
  print(`  peak RSS ${mb(r.maxRssKiB)}: ${target(r.maxRssKiB < MAX_RSS_KIB, '< 400 MB')}`);
}

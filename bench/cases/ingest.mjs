/**
 * Streaming ingest: `estimate -f json` on the full inventory against a bare csv-parse
 * pass that only reads and parses the same three files, run in turn. Targets: at
 * most 2× the bare pass's wall time, peak RSS under 300 MB. With --before, another
 * build's estimate runs in the same turns, and the ratio to it is printed (no target).
 */
import { fileURLToPath } from 'node:url';
import { count, mb, ratio, seconds, table, target } from '../lib/format.mjs';
import { interleave, median } from '../lib/measure.mjs';

const BARE_PARSE = fileURLToPath(new URL('../bare-parse.mjs', import.meta.url));
const MAX_RATIO = 2;
const MAX_RSS_KIB = 300e6 / 1024;

export const title = 'ingest: estimate -f json vs a bare csv-parse pass over the same three files';

export async function run({ size, runs, bin, before, inventory, print }) {
  const inv = await inventory(size);
  const { nodes, workloads, pods } = inv.files;
  const estimateOf = (cli) => [cli, 'estimate', '--nodes', nodes, '--workloads', workloads, '--pods', pods, '-f', 'json'];
  const [estimate, bare, earlier] = interleave(
    [estimateOf(bin), [BARE_PARSE, nodes, workloads, pods], ...(before ? [estimateOf(before)] : [])],
    runs,
    { usage: true },
  );
  // the ratio is taken run by run, so a machine that slows down mid-way slows both sides of it
  const ratios = (other, key) => median(estimate.map((e, i) => e[key] / other[i][key]));
  const wallRatio = ratios(bare, 'wallMs');
  const peak = Math.max(...estimate.map((e) => e.maxRssKiB));
  const row = (name, rs) => [name, `wall ${seconds(median(rs.map((r) => r.wallMs)))}`, `cpu ${seconds(median(rs.map((r) => r.cpuMs)))}`, `peak RSS ${mb(Math.max(...rs.map((r) => r.maxRssKiB)))}`];
  print(`${count(inv.pods)} pods, ${count(inv.nodes)} nodes, ${count(inv.workloads)} workloads; median of ${runs} run${runs > 1 ? 's' : ''} each, in turn`);
  if (before) print(`before: ${before}`);
  print(
    table([
      row('estimate -f json', estimate),
      row('bare csv-parse', bare),
      ...(earlier ? [row('before: estimate', earlier)] : []),
      ['estimate / bare', `wall ${ratio(wallRatio)}`, `cpu ${ratio(ratios(bare, 'cpuMs'))}`, ''],
      ...(earlier ? [['estimate / before', `wall ${ratio(ratios(earlier, 'wallMs'))}`, `cpu ${ratio(ratios(earlier, 'cpuMs'))}`, '']] : []),
    ]),
  );
  print(`  wall ratio ${ratio(wallRatio)}: ${target(wallRatio <= MAX_RATIO, `≤ ${MAX_RATIO}×`)}; peak RSS ${mb(peak)}: ${target(peak < MAX_RSS_KIB, '< 300 MB')}`);
}

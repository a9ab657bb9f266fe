/**
 * Observed usage: `profiles fit --stat p95` over 10 × size usage samples (10 million
 * by default: a 640 MB usage.csv) of the reference pod mix, about 3,600 sidecars, 290
 * ztunnels and 28 waypoints sampled hourly, generated seeded. p95 is the demanding
 * statistic: past 524,288 samples of a proxy kind the file is read a second time
 * into a quantile sketch. Target (issue 9): peak RSS under 300 MB.
 *
 * One run, as for the kubectl case: the target is memory. The fit's summary is
 * printed beside the figures the generator drew from, so a wrong fit shows here too.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { TRUTH, writeUsage } from '../../fixtures/usage-sample/generate.mjs';
import { count, mb, megabytes, seconds, table, target } from '../lib/format.mjs';
import { runNode } from '../lib/measure.mjs';

const POD_MIX = { sidecars: 3600, ztunnels: 290, waypoints: 28 };
const STAT = 'p95';
const MAX_RSS_KIB = 300e6 / 1024;

export const title = `usage fit: profiles fit --stat ${STAT} over generated usage samples`;

export async function run({ size, seed, dir, bin, print }) {
  const pods = POD_MIX.sidecars + POD_MIX.ztunnels + POD_MIX.waypoints;
  const hours = Math.ceil((10 * size) / pods);
  const usage = join(dir, 'usage.csv');
  const started = performance.now();
  await writeUsage(usage, { ...POD_MIX, hours, seed });
  const generatedMs = performance.now() - started;
  const r = runNode([bin, 'profiles', 'fit', '--usage', usage, '--stat', STAT, '-o', join(dir, 'profile.yaml')], { usage: true });
  const samples = pods * hours;
  print(`${count(samples)} samples of ${count(pods)} pods, ${megabytes(statSync(usage).size)} of CSV (generated in ${seconds(generatedMs)}); one run`);
  print(
    table([
      [`profiles fit --stat ${STAT}`, `wall ${seconds(r.wallMs)}`, `cpu ${seconds(r.cpuMs)}`, `${count(Math.round(samples / (r.wallMs / 1000)))} samples/s`, `peak RSS ${mb(r.maxRssKiB)}`],
    ]),
  );
  // the command's own summary, one line per proxy kind (the note about the written file left out)
  for (const line of r.stderr.split('\n')) if (line.startsWith('mesh-cost: ') && !line.includes('wrote ')) print(`  ${line.slice('mesh-cost: '.length)}`);
  for (const [kind, { cpu, memoryMiB }] of Object.entries(TRUTH)) {
    print(`  ${kind} drawn from: cpu ${cpu.base} vCPU + ${cpu.per1kRps} per 1k rps, memory ${memoryMiB.base} MiB + ${memoryMiB.per1kRps} per 1k rps (means: a ${STAT} base lies above)`);
  }
  print(`  peak RSS ${mb(r.maxRssKiB)}: ${target(r.maxRssKiB < MAX_RSS_KIB, '< 300 MB')}`);
}

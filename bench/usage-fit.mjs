#!/usr/bin/env node
// Benchmark: `mesh-cost profiles fit` over N usage samples (default 10 million), timed,
// with the child's peak RSS, which must stay under 300 MB. Needs a build (npm run build).
//   node bench/usage-fit.mjs [--samples N] [--stat avg|p50|p95|p99|max]
// The CSV is generated (seeded) into a temporary directory and removed afterwards.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat as fileStat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TRUTH, writeUsage } from '../fixtures/usage-sample/generate.mjs';

const BIN = fileURLToPath(new URL('../bin/mesh-cost.js', import.meta.url));
export const RSS_LIMIT_MB = 300;
// the reference shape: ~3,600 sidecars, ~290 ztunnels, 28 waypoint replicas, sampled hourly
const POD_MIX = { sidecars: 3600, ztunnels: 290, waypoints: 28 };

/** peak RSS of the child, reported by itself as it exits (no /usr/bin/time needed) */
const REPORT_RSS = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`bench-maxrss-kb ${process.resourceUsage().maxRSS}\\n`))';

export async function benchUsageFit({ samples = 10_000_000, stat = 'p95' } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-bench-'));
  try {
    const pods = POD_MIX.sidecars + POD_MIX.ztunnels + POD_MIX.waypoints;
    const hours = Math.ceil(samples / pods);
    const usage = join(dir, 'usage.csv');
    const t0 = performance.now();
    await writeUsage(usage, { ...POD_MIX, hours, seed: 1 });
    const generated = (performance.now() - t0) / 1000;
    const out = join(dir, 'profile.yaml');
    const t1 = performance.now();
    const { code, stderr } = await run(['--import', REPORT_RSS, BIN, 'profiles', 'fit', '--usage', usage, '--stat', stat, '-o', out]);
    const seconds = (performance.now() - t1) / 1000;
    if (code !== 0) throw new Error(`profiles fit exited ${code}:\n${stderr}`);
    const rssMB = Number(/bench-maxrss-kb (\d+)/.exec(stderr)[1]) / 1024;
    const summary = stderr.split('\n').filter((l) => l.startsWith('mesh-cost: ') && !l.includes('wrote'));
    return { samples: pods * hours, pods, csvMB: (await fileStat(usage)).size / 2 ** 20, generated, seconds, rssMB, stat, summary };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const r = await benchUsageFit({ samples: Number(arg('samples', 10_000_000)), stat: arg('stat', 'p95') });
  const fmt = (n) => n.toLocaleString('en-US');
  console.log(`usage-fit: ${fmt(r.samples)} samples of ${fmt(r.pods)} pods (${r.csvMB.toFixed(0)} MB CSV, generated in ${r.generated.toFixed(1)} s)`);
  console.log(`usage-fit: profiles fit --stat ${r.stat}: ${r.seconds.toFixed(1)} s, ${fmt(Math.round(r.samples / r.seconds))} samples/s, peak RSS ${r.rssMB.toFixed(0)} MB (limit ${RSS_LIMIT_MB} MB)`);
  for (const line of r.summary) console.log(`usage-fit: ${line.slice('mesh-cost: '.length)}`);
  console.log(`usage-fit: generated from ${JSON.stringify(TRUTH)}`);
  if (r.rssMB >= RSS_LIMIT_MB) {
    console.error(`usage-fit: peak RSS ${r.rssMB.toFixed(0)} MB is over the ${RSS_LIMIT_MB} MB limit`);
    process.exitCode = 1;
  }
}

#!/usr/bin/env node
/**
 * `estimate --kube` on a large kubectl List: prints the input size, wall time and peak
 * RSS of the built CLI (run `npm run build` first). The List is generated once by
 * gen-kube.mjs (seeded) and cached in the system's temp directory (mesh-cost-bench/).
 *
 *   node bench/kube.mjs [--pods 100000] [--nodes 1000] [--seed 1]
 *
 * Peak RSS is the child's own getrusage() maximum, reported by a preloaded module at
 * exit, so it is exact and needs no external `time` command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    nodes: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
  },
});
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const dir = join(tmpdir(), 'mesh-cost-bench');
mkdirSync(dir, { recursive: true });
// the generator's own hash in the name: a changed generator never reuses a stale List
const version = createHash('sha256').update(readFileSync(here('./gen-kube.mjs'))).digest('hex').slice(0, 8);
const file = join(dir, `kube-${args.pods}-${args.nodes}-${args.seed}-${version}.json`);
if (!existsSync(file)) {
  process.stderr.write(`generating ${file} …\n`);
  const tmp = `${file}.${process.pid}.tmp`;
  const gen = spawnSync(process.execPath, [here('./gen-kube.mjs'), '--pods', args.pods, '--nodes', args.nodes, '--seed', args.seed, '--out', tmp], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
  renameSync(tmp, file);
}

const started = performance.now();
const child = spawn(
  process.execPath,
  ['--import', here('./maxrss.mjs'), here('../bin/mesh-cost.js'), 'estimate', '--kube', file, '-f', 'json'],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
let stderr = '';
child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
const code = await new Promise((resolve) => child.on('close', resolve));
const seconds = (performance.now() - started) / 1000;
if (code !== 0) {
  process.stderr.write(stderr);
  throw new Error(`estimate --kube exited with ${code}`);
}
const rssKiB = Number(/^maxrss-kib (\d+)$/m.exec(stderr)?.[1]);
const mb = (bytes) => (bytes / 1e6).toFixed(0);
console.log(
  `estimate --kube: ${Number(args.pods).toLocaleString('en')} pods, ${args.nodes} nodes, ${mb(statSync(file).size)} MB of JSON: ` +
    `${seconds.toFixed(1)} s wall, peak RSS ${mb(rssKiB * 1024)} MB`,
);

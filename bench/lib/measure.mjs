/** Runs node children and measures them from outside: wall time, and (optionally) their own peak RSS and CPU time. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPORT_USAGE = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));

/**
 * One run of `node ...args`, stdout discarded unless `stdout` asks for it, stderr
 * kept. With `usage`, the child reports its peak RSS and CPU time (report-usage.mjs).
 * Throws when the child fails: a figure of a failed run would be meaningless.
 * @returns {{ wallMs: number, stderr: string, stdout?: string, cpuMs?: number, maxRssKiB?: number }}
 */
export function runNode(args, { usage = false, stdout = false } = {}) {
  const argv = usage ? ['--import', REPORT_USAGE, ...args] : args;
  const start = performance.now();
  const r = spawnSync(process.execPath, argv, {
    stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'pipe', usage ? 'pipe' : 'ignore'],
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 26,
  });
  const wallMs = performance.now() - start;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}: ${String(r.stderr).trim()}`);
  const result = { wallMs, stderr: String(r.stderr), ...(stdout ? { stdout: String(r.stdout) } : {}) };
  return usage ? { ...result, ...JSON.parse(String(r.output[3])) } : result;
}

/**
 * Runs several commands in turn (A B C A B C ...) `runs` times, so that a machine
 * whose speed drifts during the call slows all of them alike.
 * @returns one array of results per command
 */
export function interleave(commands, runs, options) {
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((args, c) => results[c].push(runNode(args, options)));
  return results;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A real Prometheus server for the tests and the bench: the OpenMetrics file becomes a
 * TSDB (`promtool tsdb create-blocks-from openmetrics`), and `prometheus` serves it on
 * 127.0.0.1 with no scrape targets. `close()` stops the server and removes its data.
 * Without the Debian package (`apt-get install -y prometheus`), `prometheusAvailable()`
 * says so and the tests that need it are skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function prometheusAvailable() {
  const ok = (bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
  return ok('prometheus') && ok('promtool');
}

export const SKIP_MESSAGE =
  'Prometheus tests skipped: the real-server tests need the `prometheus` and `promtool` binaries (Debian: apt-get update && apt-get install -y prometheus; .ci/run installs them).';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** Builds the TSDB from `openMetricsFile` and serves it; `maxSamples` is Prometheus' --query.max-samples. */
export async function startPrometheus({ openMetricsFile, maxSamples }) {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-prometheus-'));
  const data = join(dir, 'data');
  await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', openMetricsFile, data]);
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, 'global: {}\nscrape_configs: []\n');
  const port = await freePort();
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${data}`,
    `--web.listen-address=127.0.0.1:${port}`,
    // retention counts back from the newest block: the imported blocks stay
    '--storage.tsdb.retention.time=10y',
    ...(maxSamples ? [`--query.max-samples=${maxSamples}`] : []),
  ];
  const child = spawn('prometheus', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => log);
  } catch (e) {
    await close();
    throw e;
  }
  return { url, close, pid: child.pid };
}

async function waitReady(url, child, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}: ${log()}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus was not ready within 30s: ${log()}`);
}

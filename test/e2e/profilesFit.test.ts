import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT, runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv'];

// sidecars on an exact line: cpu = 0.01 + 0.3 per 1k rps, memory a flat 100 MiB; ztunnels flat
const USAGE = `cluster,namespace,pod,proxy,cpu,memory,rps,timestamp
c1,shop,web-1,sidecar,10m,100Mi,0,2025-06-01T00:00:00Z
c1,shop,web-1,sidecar,310m,100Mi,1000,2025-06-01T01:00:00Z
c1,shop,web-2,sidecar,0.61,104857600,2000,2025-06-01T02:00:00Z
c1,istio-system,ztunnel-a,ztunnel,0.04,10Mi,,
c1,istio-system,ztunnel-b,ztunnel,0.06,14Mi,,
`;

let dir: string;
let usage: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-fit-e2e-'));
  usage = join(dir, 'usage.csv');
  await writeFile(usage, USAGE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mesh-cost profiles fit (built CLI)', () => {
  it('writes an observed profile that estimate -p reads, with a summary on stderr', async () => {
    const out = join(dir, 'observed.yaml');
    const r = await runCli(['profiles', 'fit', '--usage', usage, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'mesh-cost: sidecar: 3 samples of 2 pods → cpu 0.01 vCPU + 0.3 per 1k rps, R² 1.00, memory 100 MiB + 0 per 1k rps (line, base at the avg of samples)',
        'mesh-cost: ztunnel: 2 samples of 2 pods → cpu 0.05 vCPU, memory 12 MiB (avg of per-pod means)',
        `mesh-cost: wrote ${out} (profile "observed-usage-avg"): use it with estimate -p ${out}`,
        '',
      ].join('\n'),
    );
    const text = await readFile(out, 'utf8');
    expect(text).toMatch(/^# Observed proxy profile: mesh-cost profiles fit --usage .* --stat avg --base-profile istio-1.30\n/);
    expect(text).toMatch(/window:\n\s+from: 2025-06-01T00:00:00.000Z\n\s+to: 2025-06-01T02:00:00.000Z/);

    const shown = await runCli(['profiles', 'show', out]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(text);

    const viaFile = await runCli(['estimate', ...small, '-p', out, '--basis', 'usage', '-f', 'json']);
    const onTheFly = await runCli(['estimate', ...small, '--proxy-usage', usage, '--basis', 'usage', '-f', 'json']);
    expect(viaFile.code).toBe(0);
    expect(onTheFly.code).toBe(0);
    const [a, b] = [JSON.parse(viaFile.stdout), JSON.parse(onTheFly.stdout)];
    expect(b.sidecar).toEqual(a.sidecar);
    expect(b.ambient).toEqual(a.ambient);
  });

  it('estimate --proxy-usage prices proxies at the observed usage and names the observed profile', async () => {
    const r = await runCli(['estimate', ...small, '--proxy-usage', usage, '--basis', 'usage', '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.profile).toBe('observed-usage-avg');
    expect(report.inputs.sources).toEqual(['test/fixtures/small/nodes.csv', 'test/fixtures/small/workloads.csv', usage]);
    // web: 2 sidecars at 2·1000/2 = 1,000 rps → 0.31 vCPU each; worker: 1 idle → 0.01;
    // istiod (istio-1.30): 0.5 + 0.00058 per connected proxy × 3 sidecars, 2,048 + 1.1426 × 3 MiB
    expect(report.sidecar.vcpu).toBeCloseTo(0.62 + 0.01 + 0.5 + 0.00058 * 3, 9);
    expect(report.sidecar.memoryGiB).toBeCloseTo((3 * 100) / 1024 + (2048 + 1.1426 * 3) / 1024, 9);
    // ztunnels: flat 0.05 vCPU, 12 MiB each on 2 nodes
    const zt = report.lineItems.filter((i: { component: string }) => i.component === 'ztunnel');
    expect(zt.reduce((s: number, i: { vcpu: number }) => s + i.vcpu, 0)).toBeCloseTo(0.1, 9);
  });

  it('takes the usage file from the config (inputs.proxyUsage, relative to the config file)', async () => {
    const config = join(dir, 'mesh-cost.yaml');
    await writeFile(
      config,
      `version: 1\ninputs:\n  nodes: ${join(ROOT, 'test/fixtures/small/nodes.csv')}\n  workloads: ${join(ROOT, 'test/fixtures/small/workloads.csv')}\n  proxyUsage: usage.csv\nbasis: usage\n`,
    );
    const r = await runCli(['estimate', '-c', config, '--stat', 'p50', '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.profile).toBe('observed-usage-p50');
    expect(report.inputs.sources).toContain(usage);
  });

  it('takes the statistic: for flat kinds, the max of the per-pod means', async () => {
    const r = await runCli(['profiles', 'fit', '--usage', usage, '--stat', 'max']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/name: observed-usage-max\n/);
    expect(r.stderr).toMatch(/ztunnel: 2 samples of 2 pods → cpu 0\.06 vCPU, memory 14 MiB \(max of per-pod means\)/);
  });

  it('exits 2 with file:line:column for a bad sample, and for --stat without --proxy-usage', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'cluster,namespace,pod,proxy,cpu,memory\nc1,shop,web-1,sidecar,lots,100Mi\n');
    const r = await runCli(['profiles', 'fit', '--usage', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`${bad}:2:5: cpu: expected a cpu quantity in cores, 0 to 1000 \\(e\\.g\\. 0\\.25 or 250m\\), found "lots"`));
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const stat = await runCli(['estimate', ...small, '--stat', 'p95']);
    expect(stat.code).toBe(2);
    expect(stat.stderr).toMatch(/--stat is the statistic of observed usage: pass --proxy-usage FILE with it/);

    const none = await runCli(['profiles', 'fit']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/required option '--usage <file>' not specified/);
  });
});

describe('the bundled usage sample (docs/profiles.md worked example)', () => {
  it('is what generate.mjs writes', async () => {
    const out = join(dir, 'generated');
    await mkdir(out);
    await promisify(execFile)(process.execPath, [join(ROOT, 'fixtures/usage-sample/generate.mjs'), out]);
    expect(await readFile(join(out, 'usage.csv'), 'utf8')).toBe(await readFile(join(ROOT, 'fixtures/usage-sample/usage.csv'), 'utf8'));
  });

  it('fits to what docs/profiles.md shows', async () => {
    const r = await runCli(['profiles', 'fit', '--usage', 'fixtures/usage-sample/usage.csv', '--stat', 'p95', '-o', join(dir, 'observed.yaml')]);
    expect(r.code).toBe(0);
    const readme = await readFile(join(ROOT, 'docs', 'profiles.md'), 'utf8');
    const lines = r.stderr.trim().split('\n').filter((l) => !l.includes('wrote'));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(readme).toContain(line);
  });
});

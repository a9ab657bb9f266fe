import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv'];

describe('mesh-cost estimate (built CLI)', () => {
  it('runs the bundled example when given no input, and says so on stderr', async () => {
    const r = await runCli(['estimate']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no inventory given: running the bundled example "olx-india"/);
    expect(r.stdout).toMatch(/mesh-cost — sidecar vs ambient \(max basis, USD, 730 h\/month\)/);
    expect(r.stdout).toMatch(/290 ztunnel \+ 28 waypoint/);
    expect(r.stdout).toMatch(/Ambient saves \$5,348\.27\/month \(89\.1%\)/);
    expect(r.stdout).toMatch(/none\s+5,542 GiB → \$69\.43\/month/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR=1
  });

  it('prices a small inventory exactly as computed by hand (JSON, field by field)', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe('mesh-cost/v1');
    expect(Date.parse(report.generatedAt)).not.toBeNaN();
    expect(report).toMatchObject({ currency: 'USD', hoursPerMonth: 730, basis: 'max' });
    expect(report.inputs).toEqual({
      sources: ['test/fixtures/small/nodes.csv', 'test/fixtures/small/workloads.csv'],
      profile: 'istio-1.24',
      prices: 'opencost-default',
      clusters: 1,
      nodes: 2,
      workloads: 4,
      pods: 7,
      meshedPods: 3, // web 2 + worker 1; coredns (kube-system) and the DaemonSet are not meshed
      // no namespace labels, no istio-proxy pods: every namespace outside the excluded ones
      scope: { mode: 'all', reason: expect.stringMatching(/^the inventory does not show what is meshed today/), namespaces: 1 },
    });
    // the version the CLI was built as, from package.json
    const pkg = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8'));
    expect(report.tool).toEqual({ name: 'mesh-cost', version: pkg.version });
    // web: 2 sidecars at 1,000 rps each (2R/r): max(0.2, 0.1) vCPU, max(57.22, 128) MiB
    //   (0.2·0.031611 + 0.125·0.004237)·730 = 5.00183 each; worker: (0.1·0.031611 + 0.125·0.004237)·730 = 2.69423
    //   → 12.69789 → $12.70; istiod (0.5·0.031611 + 2·0.004237)·730 = $17.72
    expect(report.sidecar).toEqual({ proxies: 3, vcpu: 1, memoryGiB: 2.375, monthlyCost: 30.42 });
    // ztunnel 2 × (0.2·0.031611 + 0.5·0.004237)·730 = 12.32; cni 2 × (0.1·0.031611 + 100/1024·0.004237)·730 = 5.22;
    // istiod 17.72; waypoint: 60·1000·1.6/50,000 = 1.92 → 2 replicas at 500 rps: max(0.125, 0.1) vCPU, 128Mi
    //   → 2 × (0.125·0.031611 + 0.125·0.004237)·730 = 6.54
    expect(report.ambient).toEqual({
      ztunnels: 2,
      waypoints: 1,
      waypointReplicas: 2,
      vcpu: 1.35,
      memoryGiB: 3.4453125,
      monthlyCost: 41.8,
      crossZoneMonthlyCost: 0,
      sidecarsKept: 0,
    });
    // k = max(2, 2 zones, 2) = 2, one replica per zone
    expect(report.waypoints).toEqual([{ cluster: 'c1', namespace: 'shop', rps: 1000, replicas: 2, floor: 2, zones: 2 }]);
    // B = 1000·1024·3600·730 bytes = 2,506.256 GiB; clients and servers (no pods.csv: by nodes) and the
    // waypoint replicas are all (½, ½): (1 − ½) + (1 − ½) − (1 − ½) = ½ → 1,253.128 GiB;
    // none: ×0.01, one charge per crossed GiB (opencost-default) = $12.53; preferClose: 2 replicas cover both zones → 0
    expect(report.crossZone.locality).toBe('preferClose');
    expect(report.crossZone.variants.none.extraGiB).toBeCloseTo(1253.128, 3);
    expect(report.crossZone.variants.none.extraMonthlyCost).toBe(12.53);
    expect(report.crossZone.variants.preferClose).toEqual({ extraGiB: 0, extraMonthlyCost: 0 });
    expect(report.savings.monthlyCost).toBe(-11.38);
    expect(report.savings.percent).toBeCloseTo((-11.38 / 30.42) * 100, 10);
    expect(report.lineItems.map((i: { mode: string; component: string }) => `${i.mode}/${i.component}`)).toEqual([
      'sidecar/sidecar',
      'sidecar/controlPlane',
      'ambient/ztunnel',
      'ambient/cni',
      'ambient/waypoint',
      'ambient/controlPlane',
      'ambient/crossZone',
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('counts the chosen locality in the ambient total', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json', '--locality', 'none']);
    const report = JSON.parse(r.stdout);
    // 41.80 + 12.53
    expect(report.ambient.crossZoneMonthlyCost).toBe(12.53);
    expect(report.ambient.monthlyCost).toBe(54.33);
  });

  it('rejects a bad CSV cell with one line naming file:line:column, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-e2e-'));
    const nodes = join(dir, 'nodes.csv');
    await writeFile(nodes, 'cluster,node,zone,vcpu,memory\nc1,n1,z1,4,16Gi\nc1,n2,z2,12x,16Gi\n');
    const r = await runCli(['estimate', '--nodes', nodes, '--workloads', 'test/fixtures/small/workloads.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${nodes}:3:4: vcpu: expected`);
    expect(r.stderr).toContain('found "12x"');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('writes -o FILE atomically and leaves it untouched when the run fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-e2e-'));
    const out = join(dir, 'report.json');
    const ok = await runCli(['estimate', ...small, '-f', 'json', '-o', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    const written = await readFile(out, 'utf8');
    expect(JSON.parse(written).sidecar.monthlyCost).toBe(30.42);
    const bad = await runCli(['estimate', '--nodes', 'no/such/file.csv', '-f', 'json', '-o', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no\/such\/file\.csv: cannot read: no such file/);
    expect(await readFile(out, 'utf8')).toBe(written);
  });

  it('exits 2 on bad usage with commander’s message and no stack', async () => {
    const r = await runCli(['estimate', '--basis', 'cheapest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'cheapest' is invalid/);
    const unknownExample = await runCli(['estimate', '--example', 'nope']);
    expect(unknownExample.code).toBe(2);
    expect(unknownExample.stderr).toMatch(/unknown example "nope": expected one of olx-india/);
  });

  it('lists and shows the built-in profiles and price sheets', async () => {
    const list = await runCli(['profiles', 'list']);
    expect(list.code).toBe(0);
    for (const name of ['istio-1.24', 'olx-india', 'opencost-default']) expect(list.stdout).toContain(name);
    const show = await runCli(['profiles', 'show', 'opencost-default']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/CPU: 0\.031611/);
    const unknown = await runCli(['profiles', 'show', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown profile or price sheet "nope": expected one of/);
  });

  it('rejects an unknown built-in profile, listing the valid ones', async () => {
    const r = await runCli(['estimate', '-p', 'istio-9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown proxy profile "istio-9": expected one of istio-1\.24, olx-india or a path/);
  });
});

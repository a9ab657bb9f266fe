import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatWarning, Warnings } from '../../src/inventory/types.js';
import { RELATIVE_ACCURACY } from '../../src/profiles/fit/sketch.js';
import type { Statistic } from '../../src/profiles/fit/statistic.js';
import { loadProfile } from '../../src/profiles/load.js';
import type { ProxyProfile } from '../../src/profiles/schema.js';
import { fitUsageFile } from '../../src/cli/usageFile.js';
import { lineSamples } from './fit/random.js';

let dir: string;
let base: ProxyProfile;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-usage-'));
  base = await loadProfile('istio-1.24');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
async function file(content: string): Promise<string> {
  const path = join(dir, `${n++}-usage.csv`);
  await writeFile(path, content);
  return path;
}

async function fit(path: string, statistic: Statistic = 'avg', exactLimit?: number) {
  const warnings = new Warnings();
  const result = await fitUsageFile(path, { statistic, base, ...(exactLimit ? { exactLimit } : {}) }, { warnings });
  return { ...result, warnings: warnings.list().map(formatWarning) };
}

async function fail(path: string): Promise<InputError> {
  try {
    await fit(path);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const HEADER = 'cluster,namespace,pod,proxy,cpu,memory,rps,timestamp';

/** a CSV whose sidecar and waypoint usage follow known lines and whose ztunnels are flat */
function generated(samples: number): string {
  const rows = [HEADER];
  const sidecarCpu = lineSamples({ base: 0.005, per1kRps: 0.2, noise: 0.003 }, samples, 1);
  const sidecarMem = lineSamples({ base: 55, per1kRps: 4, noise: 2 }, samples, 2);
  sidecarCpu.rps.forEach((rps, i) => {
    // the memory line is fitted against the same rps: regenerate its y at that load
    const mem = sidecarMem.y[i]! - (4 * sidecarMem.rps[i]!) / 1000 + (4 * rps) / 1000;
    rows.push(`prd,shop,web-${i % 40},sidecar,${sidecarCpu.y[i]!.toFixed(6)},${Math.round(mem * 2 ** 20)},${rps.toFixed(2)},${1_748_736_000 + i}`);
  });
  const wp = lineSamples({ base: 0.02, per1kRps: 0.25, noise: 0.01 }, samples / 10, 3, 5000);
  wp.rps.forEach((rps, i) => rows.push(`prd,shop,waypoint-${i % 2},waypoint,${(wp.y[i]! * 1000).toFixed(3)}m,60Mi,${rps.toFixed(2)},`));
  for (let i = 0; i < 30; i++) rows.push(`prd,istio-system,ztunnel-${i % 3},ztunnel,${0.05 + 0.01 * (i % 3)},${12 + (i % 3)}Mi,,`);
  return rows.join('\n') + '\n';
}

describe('usage.csv → observed profile', () => {
  it('recovers the coefficients the samples were generated from, within 5%', async () => {
    const { profile, observed, warnings } = await fit(await file(generated(40_000)));
    const within = (found: number, truth: number) => expect(Math.abs(found - truth) / truth).toBeLessThan(0.05);
    const s = profile.spec;
    within(s.sidecar.usage.cpu.base, 0.005);
    within(s.sidecar.usage.cpu.per1kRps, 0.2);
    within(s.sidecar.usage.memoryMiB.base, 55);
    within(s.sidecar.usage.memoryMiB.per1kRps, 4);
    within(s.waypoint.usage.cpu.base, 0.02);
    within(s.waypoint.usage.cpu.per1kRps, 0.25);
    // ztunnels: flat, the mean of the per-pod means 0.05, 0.06, 0.07 vCPU and 12, 13, 14 MiB
    expect(s.ztunnel.usage.cpu).toEqual({ base: expect.closeTo(0.06, 12), per1kRps: 0 });
    expect(s.ztunnel.usage.memoryMiB).toEqual({ base: expect.closeTo(13, 12), per1kRps: 0, perKPods: 0 });
    expect(observed.kinds.sidecar).toMatchObject({ samples: 40_000, pods: 40 });
    expect(observed.kinds.ztunnel).toMatchObject({ samples: 30, pods: 3 });
    expect(warnings).toEqual([]);
  });

  it('records counts, the time window and the fit quality in the profile', async () => {
    const path = await file(generated(2_000));
    const { profile } = await fit(path, 'p95');
    const o = profile.metadata.observed as Record<string, any>;
    expect(o).toMatchObject({ source: path, statistic: 'p95', baseProfile: 'istio-1.24', usageFromBase: ['cni'] });
    expect(o.sidecar).toMatchObject({
      samples: 2_000,
      pods: 40,
      quantiles: 'exact',
      window: { from: '2025-06-01T00:00:00.000Z', to: new Date((1_748_736_000 + 1_999) * 1000).toISOString() },
      cpu: { model: 'least-squares line' },
    });
    expect(o.sidecar.cpu.r2).toBeGreaterThan(0.9);
    expect(o.sidecar.cpu.residualRms).toBeGreaterThan(0);
    expect(o.sidecar.cpu.base).toBeGreaterThan(o.sidecar.cpu.fittedBase);
    // the waypoint rows carry no timestamp
    expect(o.waypoint.window).toBeUndefined();
    expect(o.ztunnel.cpu.model).toBe('per-pod mean');
  });

  it('reads the file a second time into a sketch when a quantile needs more samples than it keeps', async () => {
    const path = await file(generated(20_000));
    for (const stat of ['p50', 'p99'] as const) {
      const exact = await fit(path, stat);
      const sketched = await fit(path, stat, 500);
      expect(sketched.observed.kinds.sidecar!.quantiles).toBe('sketch');
      const [e, s] = [exact.profile.spec.sidecar.usage.cpu, sketched.profile.spec.sidecar.usage.cpu];
      expect(s.per1kRps).toBe(e.per1kRps);
      expect(Math.abs(s.base - e.base)).toBeLessThanOrEqual(RELATIVE_ACCURACY * e.base);
    }
  });

  it('takes cpu in cores or millicores, memory in bytes or with a unit, and timestamps as epoch or ISO 8601', async () => {
    const { observed } = await fit(
      await file(`Cluster,Namespace,Pod,Proxy,CPU,Memory,Timestamp
prd,a,p1,Sidecar,250m,62914560,1748736000
prd,a,p1,sidecar,0.25,60Mi,1748736000500
prd,a,p1,sidecar,0.25,0.05859375Gi,2025-06-02T00:00:00Z
prd,a,p1,sidecar,0.25,60Mi,2025-06-03 12:00
`),
    );
    const k = observed.kinds.sidecar!;
    expect(k.cpu.base).toBeCloseTo(0.25, 12);
    expect(k.memoryMiB.base).toBeCloseTo(60, 12);
    expect(k.window).toEqual({ from: Date.UTC(2025, 5, 1), to: Date.UTC(2025, 5, 3, 12) });
  });

  it('warns about memory below 1 MiB (a bare number is bytes) and rps missing from some samples', async () => {
    const { warnings } = await fit(
      await file(`${HEADER}
prd,a,p1,sidecar,0.1,60,100,
prd,a,p1,sidecar,0.1,60Mi,,
prd,a,p1,sidecar,0.2,60Mi,600,
`),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^1 usage sample has less than 1 MiB of memory; .*did you mean Mi.*\(first: .*-usage\.csv:2:6: memory "60"\)$/),
      expect.stringMatching(/-usage\.csv: 1 of 3 sidecar samples has no rps while others have: it is left out of the sidecar line$/),
    ]);
  });
});

describe('usage.csv: bad input', () => {
  it('reports each bad cell at file:line:column, all in one error', async () => {
    const path = await file(`${HEADER}
prd,a,p1,sidecar,0.1,60Mi,,
prd,a,p2,gateway,0.1,60Mi,,
prd,a,p3,sidecar,two,60Mi,,
prd,a,p4,sidecar,0.1,-5,,
prd,,p5,sidecar,0.1,60Mi,-1,
prd,a,p6,sidecar,0.1,60Mi,,yesterday
`);
    const e = await fail(path);
    expect(e.message).toBe(`${path}:3:4: proxy: expected sidecar, ztunnel or waypoint, found "gateway"`);
    expect(e.location).toEqual({ file: path, line: 3, column: 4 });
    expect(e.more).toEqual([
      `${path}:4:5: cpu: expected a cpu quantity in cores, 0 to 1000 (e.g. 0.25 or 250m), found "two"`,
      `${path}:5:6: memory: expected a memory quantity up to 1Ti, a bare number being bytes (e.g. 62914560 or 60Mi), found "-5"`,
      `${path}:6:2: namespace: expected a value, found ""`,
      `${path}:6:7: rps: expected requests per second, 0 to 10000000 (e.g. 850), found "-1"`,
      `${path}:7:8: timestamp: expected epoch seconds or milliseconds, or an ISO 8601 date-time (e.g. 2025-06-01T10:00:00Z), found "yesterday"`,
    ]);
  });

  it('refuses a header without the required columns, and a file without samples', async () => {
    const noMemory = await file('cluster,namespace,pod,proxy,cpu\nprd,a,p,sidecar,0.1\n');
    expect((await fail(noMemory)).message).toBe(
      `${noMemory}:1: missing required column "memory": expected a header with cluster, namespace, pod, proxy, cpu, memory, found "cluster, namespace, pod, proxy, cpu"`,
    );
    const empty = await file(`${HEADER}\n`);
    expect((await fail(empty)).message).toBe(`${empty}: expected at least one usage sample below the header, found only the header`);
    expect((await fail(join(dir, 'absent.csv'))).message).toMatch(/absent\.csv: cannot read: no such file$/);
  });
});

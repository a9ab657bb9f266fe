import { describe, expect, it } from 'vitest';
import { RELATIVE_ACCURACY } from '../../../src/profiles/fit/sketch.js';
import type { Statistic } from '../../../src/profiles/fit/statistic.js';
import { UsageFit, type ObservedResource, type UsageSample } from '../../../src/profiles/fit/usage.js';
import { lineSamples } from './random.js';

const sample = (pod: string, cpu: number, memoryMiB: number, extra: Partial<UsageSample> = {}): UsageSample => ({ pod, cpu, memoryMiB, ...extra });

function line(r: ObservedResource) {
  if (r.model !== 'line') throw new Error(`expected a line, found ${r.model}`);
  return r;
}

/** sidecar samples whose cpu follows a known line; memory a flat 60 MiB plus noise */
function sidecarSamples(n: number, seed: number): UsageSample[] {
  const cpu = lineSamples({ base: 0.01, per1kRps: 0.2, noise: 0.005 }, n, seed);
  const mem = lineSamples({ base: 60, per1kRps: 0, noise: 2 }, n, seed + 1);
  return cpu.rps.map((rps, i) => sample(`pod-${i % 50}`, cpu.y[i]!, mem.y[i]!, { rps }));
}

function fitAll(samples: UsageSample[], statistic: Statistic, exactLimit?: number) {
  const fit = new UsageFit({ statistic, ...(exactLimit ? { exactLimit } : {}) });
  for (const s of samples) fit.add('sidecar', s);
  if (fit.needsReplay()) for (const s of samples) fit.replay('sidecar', s);
  return fit.result().kinds.sidecar!;
}

describe('UsageFit without rps: the statistic of per-pod means', () => {
  // one pod seen once at 1 vCPU, one seen 99 times at 0.1: pods weigh the same, samples do not
  const samples = [sample('a', 1, 100), ...Array.from({ length: 99 }, () => sample('b', 0.1, 50))];

  it.each([
    ['avg', 0.55, 75],
    ['p50', 0.1, 50],
    ['max', 1, 100],
  ] as const)('%s', (statistic, cpu, mem) => {
    const fit = new UsageFit({ statistic });
    for (const s of samples) fit.add('ztunnel', s);
    expect(fit.needsReplay()).toBe(false);
    const k = fit.result().kinds.ztunnel!;
    expect(k).toMatchObject({ samples: 100, pods: 2, samplesWithoutRps: 0 });
    expect(k.cpu).toMatchObject({ model: 'per-pod', per1kRps: 0 });
    expect(k.cpu.base).toBeCloseTo(cpu, 12);
    expect(k.memoryMiB.base).toBeCloseTo(mem, 12);
    const pods = k.cpu.model === 'per-pod' ? k.cpu.pods : undefined;
    expect(pods?.min).toBeCloseTo(0.1, 12);
    expect(pods?.max).toBe(1);
    expect(pods?.stdDev).toBeCloseTo(0.45, 12);
  });

  it('only reports kinds that had samples, and a time window only when samples had times', () => {
    const fit = new UsageFit({ statistic: 'avg' });
    fit.add('ztunnel', sample('z', 0.05, 12, { time: 2_000 }));
    fit.add('ztunnel', sample('z', 0.05, 12, { time: 1_000 }));
    fit.add('sidecar', sample('s', 0.1, 60));
    const { kinds } = fit.result();
    expect(Object.keys(kinds)).toEqual(['sidecar', 'ztunnel']);
    expect(kinds.ztunnel!.window).toEqual({ from: 1_000, to: 2_000 });
    expect(kinds.sidecar!.window).toBeUndefined();
  });
});

describe('UsageFit with rps: a line whose base the statistic sets', () => {
  const samples = sidecarSamples(20_000, 21);

  it('avg gives the least-squares line itself, within 5% of the truth', () => {
    const k = fitAll(samples, 'avg');
    const cpu = line(k.cpu);
    expect(cpu.base).toBe(cpu.fit.base);
    expect(Math.abs(cpu.base - 0.01) / 0.01).toBeLessThan(0.05);
    expect(Math.abs(cpu.per1kRps - 0.2) / 0.2).toBeLessThan(0.05);
    expect(line(k.memoryMiB).base).toBeCloseTo(60, 0);
    expect(k.quantiles).toBeUndefined();
  });

  it.each(['p50', 'p95', 'p99', 'max'] as const)('%s moves the base so the line covers that share of samples', (statistic) => {
    const k = fitAll(samples, statistic);
    expect(k.quantiles).toBe('exact');
    const cpu = line(k.cpu);
    const covered = samples.filter((s) => s.cpu <= cpu.base + (cpu.per1kRps * s.rps!) / 1000 + 1e-15).length / samples.length;
    const share = { p50: 0.5, p95: 0.95, p99: 0.99, max: 1 }[statistic];
    // lower quantile: the line passes through the sample at rank ⌊q·(n−1)⌋
    expect(covered).toBeGreaterThanOrEqual(share - 1 / samples.length);
    expect(covered).toBeLessThanOrEqual(share + 1 / samples.length);
    expect(cpu.per1kRps).toBe(cpu.fit.per1kRps);
  });

  it('past the exact limit, a replay into the sketch gives the exact answer within the bound', () => {
    for (const statistic of ['p50', 'p95', 'p99', 'max'] as const) {
      const exact = fitAll(samples, statistic);
      const sketched = fitAll(samples, statistic, 1_000);
      expect(sketched.quantiles).toBe('sketch');
      for (const r of ['cpu', 'memoryMiB'] as const) {
        const bound = statistic === 'max' ? 1e-12 : RELATIVE_ACCURACY;
        expect(Math.abs(sketched[r].base - exact[r].base)).toBeLessThanOrEqual(bound * exact[r].base);
      }
    }
  });

  it('asks for a replay only for a quantile of more samples than it kept', () => {
    const fit = (statistic: Statistic) => {
      const f = new UsageFit({ statistic, exactLimit: 100 });
      for (const s of samples.slice(0, 101)) f.add('sidecar', s);
      return f;
    };
    expect(fit('p95').needsReplay()).toBe(true);
    expect(fit('avg').needsReplay()).toBe(false);
    expect(() => fit('p95').result()).toThrow(/replay/);
  });

  it('leaves samples without rps out of the line of a kind that has rps, and counts them', () => {
    const fit = new UsageFit({ statistic: 'avg' });
    for (const s of samples.slice(0, 1_000)) fit.add('waypoint', s);
    fit.add('waypoint', sample('w', 50, 5000));
    const k = fit.result().kinds.waypoint!;
    expect(k).toMatchObject({ samples: 1_001, samplesWithoutRps: 1 });
    expect(line(k.cpu).fit.base).toBeLessThan(1);
  });
});

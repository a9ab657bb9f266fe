import { describe, expect, it } from 'vitest';
import { fitNonNegativeLine, Moments } from '../../../src/profiles/fit/line.js';
import { lineSamples, normal, prng } from './random.js';

function momentsOf(x: number[], y: number[]): Moments {
  const m = new Moments();
  x.forEach((xi, i) => m.add(xi, y[i]!));
  return m;
}

/** R² and RMS of residuals computed the slow, obvious way */
function quality(x: number[], y: number[], base: number, slope: number): { r2: number; rms: number } {
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const sse = y.reduce((s, v, i) => s + (v - base - slope * x[i]!) ** 2, 0);
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { r2: 1 - sse / sst, rms: Math.sqrt(sse / y.length) };
}

describe('fitNonNegativeLine', () => {
  it.each([
    { what: 'sidecar cpu (vCPU)', truth: { base: 0.01, per1kRps: 0.2, noise: 0.005 } },
    { what: 'waypoint cpu (vCPU)', truth: { base: 0.02, per1kRps: 0.25, noise: 0.01 } },
    { what: 'sidecar memory (MiB)', truth: { base: 60, per1kRps: 5, noise: 3 } },
  ])('recovers the coefficients of $what within 5% from noisy samples', ({ truth }) => {
    const { rps, y } = lineSamples(truth, 50_000, 7);
    const fit = fitNonNegativeLine(momentsOf(rps.map((r) => r / 1000), y));
    expect(Math.abs(fit.base - truth.base) / truth.base).toBeLessThan(0.05);
    expect(Math.abs(fit.per1kRps - truth.per1kRps) / truth.per1kRps).toBeLessThan(0.05);
    expect(fit.clamped).toBeUndefined();
  });

  it('reports R² and the residual RMS as computed from the samples themselves', () => {
    const { rps, y } = lineSamples({ base: 0.01, per1kRps: 0.2, noise: 0.02 }, 5_000, 3);
    const x = rps.map((r) => r / 1000);
    const fit = fitNonNegativeLine(momentsOf(x, y));
    const q = quality(x, y, fit.base, fit.per1kRps);
    expect(fit.r2).toBeCloseTo(q.r2, 9);
    expect(fit.residualRms).toBeCloseTo(q.rms, 9);
    expect(fit.r2).toBeGreaterThan(0.5);
    expect(fit.r2).toBeLessThan(1);
  });

  it('holds a negative slope at 0: the base is then the mean', () => {
    const { rps, y } = lineSamples({ base: 0.3, per1kRps: -0.1, noise: 0.01 }, 2_000, 11);
    const fit = fitNonNegativeLine(momentsOf(rps.map((r) => r / 1000), y));
    expect(fit.per1kRps).toBe(0);
    expect(fit.clamped).toBe('per1kRps');
    expect(fit.base).toBeCloseTo(y.reduce((s, v) => s + v, 0) / y.length, 12);
  });

  it('holds a negative base at 0: the slope is then the least-squares line through the origin', () => {
    const x = [1, 2, 3, 4];
    const y = [0.1, 0.5, 0.9, 1.3]; // y = 0.4x − 0.3
    const fit = fitNonNegativeLine(momentsOf(x, y));
    expect(fit.base).toBe(0);
    expect(fit.clamped).toBe('base');
    const sxy = x.reduce((s, v, i) => s + v * y[i]!, 0);
    const sxx = x.reduce((s, v) => s + v * v, 0);
    expect(fit.per1kRps).toBeCloseTo(sxy / sxx, 12);
    expect(fit.residualRms).toBeCloseTo(quality(x, y, 0, sxy / sxx).rms, 12);
  });

  it('keeps the line flat when every sample has the same load', () => {
    const fit = fitNonNegativeLine(momentsOf([0.5, 0.5, 0.5], [0.1, 0.2, 0.3]));
    expect(fit).toMatchObject({ per1kRps: 0, constantLoad: true });
    expect(fit.base).toBeCloseTo(0.2, 12);
  });

  it('gives an empty line for no samples and null R² when y does not vary', () => {
    expect(fitNonNegativeLine(new Moments())).toEqual({ base: 0, per1kRps: 0, r2: null, residualRms: 0 });
    expect(fitNonNegativeLine(momentsOf([0, 1, 2], [5, 5, 5])).r2).toBeNull();
  });

  it('keeps the variance of 60 MiB samples that vary by a few KiB (where raw sums of squares cancel)', () => {
    const random = prng(5);
    const gauss = normal(random);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      x.push(random());
      y.push(60_000 + 0.001 * gauss());
    }
    const m = momentsOf(x, y);
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    const syy = y.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(m.syy / syy).toBeCloseTo(1, 6);
  });
});

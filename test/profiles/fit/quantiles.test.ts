import { describe, expect, it } from 'vitest';
import { newSketch, RELATIVE_ACCURACY, sketchStatistic } from '../../../src/profiles/fit/sketch.js';
import { exactStatistic, STATISTICS } from '../../../src/profiles/fit/statistic.js';
import { normal, prng } from './random.js';

describe('exactStatistic', () => {
  it('takes lower quantiles: the value at rank ⌊q·(n−1)⌋, no interpolation', () => {
    const values = () => Float64Array.from([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    expect(exactStatistic(values(), 'p50')).toBe(5); // rank 4
    expect(exactStatistic(values(), 'p95')).toBe(9); // rank 8
    expect(exactStatistic(values(), 'p99')).toBe(9);
    expect(exactStatistic(values(), 'max')).toBe(10);
    expect(exactStatistic(values(), 'avg')).toBe(5.5);
    expect(exactStatistic(new Float64Array(0), 'p95')).toBe(0);
  });
});

describe('sketchStatistic', () => {
  const cases = {
    // proxy cpu: skewed, all positive
    lognormal: (g: () => number) => 0.05 * Math.exp(0.8 * g()),
    // residuals around a fitted line: both signs
    residuals: (g: () => number) => 0.01 * g() + 0.002,
  };

  it.each(Object.keys(cases) as (keyof typeof cases)[])(
    'matches the exact statistic of 200,000 %s within the documented relative bound',
    (name) => {
      const g = normal(prng(13));
      const values = Float64Array.from({ length: 200_000 }, () => cases[name](g));
      const sketch = newSketch();
      for (const v of values) sketch.accept(v);
      for (const stat of STATISTICS) {
        const exact = exactStatistic(values.slice(), stat);
        const sketched = sketchStatistic(sketch, stat);
        // avg and max are kept exactly; quantiles within α of the exact value
        const bound = stat === 'avg' || stat === 'max' ? 1e-9 : RELATIVE_ACCURACY;
        expect(Math.abs(sketched - exact), `${stat}: ${sketched} vs ${exact}`).toBeLessThanOrEqual(bound * Math.abs(exact) + 1e-15);
      }
    },
  );

  it('is 0 for an empty sketch', () => {
    expect(sketchStatistic(newSketch(), 'p95')).toBe(0);
  });
});

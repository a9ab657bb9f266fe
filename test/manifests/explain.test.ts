import { describe, expect, it } from 'vitest';
import { compact, count, plural } from '../../src/manifests/explain.js';

describe('numbers in the sizing comments', () => {
  it('compact: three significant digits with k and M, rounding before choosing the unit', () => {
    expect([850_000, 50_000, 400_020, 249_960, 999_999, 1_234_567, 12.8, 0].map(compact)).toEqual(['850k', '50k', '400k', '250k', '1M', '1.23M', '12.8', '0']);
  });

  it('count groups thousands and keeps one decimal; plural agrees with the number', () => {
    expect([6666.666, 4000, 0.25].map(count)).toEqual(['6,666.7', '4,000', '0.3']);
    expect([plural(1, 'replica'), plural(13, 'replica'), plural(0, 'zone')]).toEqual(['1 replica', '13 replicas', '0 zones']);
  });
});

import { describe, expect, it } from 'vitest';
import { crossZoneCost, crossZoneProbability, extraCrossZoneGiB, monthlyBytes } from '../../src/model/crossZone.js';

const GIB = 2 ** 30;

describe('crossZoneProbability: p = 1 − Σ s²', () => {
  it('shares from counts', () => {
    // 2,1,1 → shares .5,.25,.25 → Σs² = .25 + .0625 + .0625 = .375 → p = .625
    expect(crossZoneProbability([2, 1, 1])).toBeCloseTo(0.625, 12);
    // 1,1,1 → 1 − 3·(1/9) = 2/3
    expect(crossZoneProbability([1, 1, 1])).toBeCloseTo(2 / 3, 12);
    // 3,1 → 1 − (.5625 + .0625) = .375
    expect(crossZoneProbability([3, 1])).toBeCloseTo(0.375, 12);
  });

  it('one zone or nothing → 0', () => {
    expect(crossZoneProbability([5])).toBe(0);
    expect(crossZoneProbability([])).toBe(0);
    expect(crossZoneProbability([0, 0])).toBe(0);
  });
});

describe('monthlyBytes: B = R·b·3600·H', () => {
  it('100 rps × 2,048 B × 3600 × 730', () => {
    // 100·2048 = 204,800; ·3600 = 737,280,000; ·730 = 538,214,400,000
    expect(monthlyBytes(100, 2048, 730)).toBe(538_214_400_000);
  });
});

describe('extraCrossZoneGiB', () => {
  const bytes = 300 * GIB; // 300 GiB, p = 0.5 → 150 GiB crossing with locality none

  it('none: B·p', () => {
    expect(extraCrossZoneGiB(bytes, 0.5, 'none', 2, 3)).toBe(150);
  });

  it('preferClose: B·p·max(0, 1 − min(k, Z)/Z)', () => {
    // k = 2, Z = 3: 150·(1 − 2/3) = 50
    expect(extraCrossZoneGiB(bytes, 0.5, 'preferClose', 2, 3)).toBeCloseTo(50, 9);
    // k = 1, Z = 4: 150·(1 − 1/4) = 112.5
    expect(extraCrossZoneGiB(bytes, 0.5, 'preferClose', 1, 4)).toBeCloseTo(112.5, 9);
    // k = 3, Z = 3: 150·0 = 0; k = 5 > Z = 3: min(5,3)/3 = 1 → 0
    expect(extraCrossZoneGiB(bytes, 0.5, 'preferClose', 3, 3)).toBe(0);
    expect(extraCrossZoneGiB(bytes, 0.5, 'preferClose', 5, 3)).toBe(0);
  });
});

describe('crossZoneCost: GiB · egress · (2 if both directions)', () => {
  it('doubles when both directions are billed', () => {
    // 100 GiB · 0.01 · 2 = 2; one direction: 1
    expect(crossZoneCost(100, 0.01, true)).toBeCloseTo(2, 12);
    expect(crossZoneCost(100, 0.01, false)).toBeCloseTo(1, 12);
  });
});

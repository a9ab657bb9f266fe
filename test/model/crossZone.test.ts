import { describe, expect, it } from 'vitest';
import { crossZoneCost, extraShareNone, extraSharePreferClose, monthlyBytes } from '../../src/model/crossZone.js';

describe('extraShareNone: (1 − Σc·v) + (1 − Σv·s) − (1 − Σc·s)', () => {
  it('a single-zone server in 3 zones, clients and replicas even', () => {
    // c = (1, 1, 1)/3, v = (1, 1, 1)/3, s = (1, 0, 0)
    // Σc·v = 3·(1/9) = 1/3; Σv·s = 1/3; Σc·s = 1/3 → (2/3) + (2/3) − (2/3) = 2/3
    expect(extraShareNone([1, 1, 1], [1, 1, 1], [4, 0, 0])).toBeCloseTo(2 / 3, 12);
  });

  it('all three spread alike reduces to v1: 1 − Σs²', () => {
    // s = (2, 1, 1)/4 everywhere: Σs² = .25 + .0625 + .0625 = .375 → 1 − .375 + 1 − .375 − (1 − .375) = .625
    expect(extraShareNone([2, 1, 1], [4, 2, 2], [6, 3, 3])).toBeCloseTo(0.625, 12);
  });

  it('the waypoint in the servers\' zone only: the first hop crosses as the direct path does, the second never', () => {
    // c = (.5, .5), v = (1, 0), s = (1, 0): Σc·v = .5; Σv·s = 1; Σc·s = .5 → .5 + 0 − .5 = 0
    expect(extraShareNone([1, 1], [2, 0], [3, 0])).toBeCloseTo(0, 12);
  });

  it('no zones, or no weights: 0', () => {
    expect(extraShareNone([], [], [])).toBe(0);
    expect(extraShareNone([0, 0], [1, 1], [0, 0])).toBe(0);
  });
});

describe('extraSharePreferClose: hop1 + hop2 − direct', () => {
  it('replicas in 2 of 3 zones, clients and servers everywhere: the third zone\'s clients cross once', () => {
    // c = (2, 1, 1)/4, v = (1, 1, 0), s = (2, 1, 1): hop1 = c_c = .25; no zone lacks a server → hop2 = direct = 0
    expect(extraSharePreferClose([2, 1, 1], [1, 1, 0], [2, 1, 1])).toBeCloseTo(0.25, 12);
  });

  it('replicas in 2 of 3 zones, the server only in the third', () => {
    // c = (1, 1, 1)/3, v = (1, 1, 0)/2, s = (0, 0, 5)
    // hop1 = c_c = 1/3; q_a = 1/3 + 1/3·.5 = .5, q_b = .5, q_c = 0
    // hop2 = q_a + q_b (no server in a or b) = 1; direct = c_a + c_b = 2/3 → 1/3 + 1 − 2/3 = 2/3
    expect(extraSharePreferClose([1, 1, 1], [1, 1, 0], [0, 0, 5])).toBeCloseTo(2 / 3, 12);
  });

  it('a replica in every zone adds 0, however servers sit', () => {
    // hop1 = 0 → q = c, hop2 = Σ c·[s = 0] = direct
    expect(extraSharePreferClose([3, 1, 2], [1, 1, 1], [0, 4, 0])).toBe(0);
  });

  it('zero tests are on counts: a tiny weight is still a zone with an endpoint', () => {
    // v_c = 1e-12 > 0: a replica in every zone → 0
    expect(extraSharePreferClose([1, 1, 1], [1, 1, 1e-12], [1, 1, 1])).toBe(0);
  });
});

describe('monthlyBytes: B = R·b·3600·H', () => {
  it('100 rps × 2,048 B × 3600 × 730', () => {
    // 100·2048 = 204,800; ·3600 = 737,280,000; ·730 = 538,214,400,000
    expect(monthlyBytes(100, 2048, 730)).toBe(538_214_400_000);
  });
});

describe('crossZoneCost: GiB · egress · (2 if both directions)', () => {
  it('doubles when both directions are billed', () => {
    // 100 GiB · 0.01 · 2 = 2; one direction: 1
    expect(crossZoneCost(100, 0.01, true)).toBeCloseTo(2, 12);
    expect(crossZoneCost(100, 0.01, false)).toBeCloseTo(1, 12);
  });
});

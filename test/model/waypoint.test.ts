import { describe, expect, it } from 'vitest';
import { sizeWaypoint } from '../../src/model/waypoint.js';

const scaling = { rpmPerReplica: 50_000, headroom: 0.6, minReplicas: 2 };

describe('sizeWaypoint: replicas = max(minReplicas, ceil(60·R·(1+headroom)/rpmPerReplica))', () => {
  it('the reference case: 850k rpm × 1.6 / 50k → 28', () => {
    const rps = 850_000 / 60;
    // 60·R = 850,000 rpm; ×1.6 = 1,360,000; /50,000 = 27.2 → ceil 28
    const s = sizeWaypoint(rps, scaling);
    expect(s.replicasForLoad).toBe(28);
    expect(s.replicas).toBe(28);
    // load per replica = R/28 = 14,166.67/28 = 505.95 rps
    expect(s.loadPerReplica).toBeCloseTo(14_166.6667 / 28, 3);
  });

  it('an exact multiple is not rounded up: R = 14,062.5 → 27', () => {
    // 60·14,062.5 = 843,750; ×1.6 = 1,350,000; /50,000 = 27 exactly
    expect(sizeWaypoint(14_062.5, scaling).replicas).toBe(27);
  });

  it('minReplicas wins at low load', () => {
    // 60·100·1.6 = 9,600 rpm; /50,000 = 0.192 → 1; max(2, 1) = 2; load 100/2 = 50 each
    expect(sizeWaypoint(100, scaling)).toEqual({ replicasForLoad: 1, replicas: 2, loadPerReplica: 50 });
    // no load: ceil(0) = 0; replicas 2; load 0
    expect(sizeWaypoint(0, scaling)).toEqual({ replicasForLoad: 0, replicas: 2, loadPerReplica: 0 });
    // minReplicas 5 with 2 needed by load (60·1000·1.6 = 96,000 / 50,000 = 1.92 → 2)
    expect(sizeWaypoint(1000, { ...scaling, minReplicas: 5 })).toEqual({ replicasForLoad: 2, replicas: 5, loadPerReplica: 200 });
  });

  it('headroom 0 and a different rpmPerReplica', () => {
    // 60·1000·1 = 60,000 rpm / 50,000 = 1.2 → 2 (minReplicas 1)
    expect(sizeWaypoint(1000, { rpmPerReplica: 50_000, headroom: 0, minReplicas: 1 }).replicas).toBe(2);
    // 60·1000·1.5 = 90,000 / 10,000 = 9
    expect(sizeWaypoint(1000, { rpmPerReplica: 10_000, headroom: 0.5, minReplicas: 1 }).replicas).toBe(9);
  });
});

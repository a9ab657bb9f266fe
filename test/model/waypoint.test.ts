import { describe, expect, it } from 'vitest';
import { sizeWaypoint, spreadReplicas } from '../../src/model/waypoint.js';

const scaling = { rpmPerReplica: 50_000, headroom: 0.6, minReplicas: 2, zoneSpread: true };

describe('sizeWaypoint: k = max(minReplicas, zoneSpread ? Z : 1, ceil(60·R·(1+headroom)/rpmPerReplica))', () => {
  it('the reference case: 850k rpm × 1.6 / 50k → 28', () => {
    const rps = 850_000 / 60;
    // 60·R = 850,000 rpm; ×1.6 = 1,360,000; /50,000 = 27.2 → ceil 28; floor max(2, 3) = 3
    const s = sizeWaypoint(rps, scaling, 3);
    expect(s).toMatchObject({ replicasForLoad: 28, replicas: 28, floor: 3 });
    // load per replica = R/28 = 14,166.67/28 = 505.95 rps
    expect(s.loadPerReplica).toBeCloseTo(14_166.6667 / 28, 3);
  });

  it('an exact multiple is not rounded up: R = 14,062.5 → 27', () => {
    // 60·14,062.5 = 843,750; ×1.6 = 1,350,000; /50,000 = 27 exactly
    expect(sizeWaypoint(14_062.5, scaling, 1).replicas).toBe(27);
  });

  it('the floor wins at low load: minReplicas, or one per zone', () => {
    // 60·100·1.6 = 9,600 rpm; /50,000 = 0.192 → 1; 1 zone: floor max(2, 1) = 2; load 100/2 = 50 each
    expect(sizeWaypoint(100, scaling, 1)).toEqual({ replicasForLoad: 1, floor: 2, replicas: 2, loadPerReplica: 50 });
    // 3 zones (the case the estimate priced 2 and the manifests deployed 3): floor max(2, 3) = 3; 100/3 rps each
    expect(sizeWaypoint(100, scaling, 3)).toMatchObject({ floor: 3, replicas: 3 });
    // no load: ceil(0) = 0; replicas 2; load 0
    expect(sizeWaypoint(0, scaling, 0)).toEqual({ replicasForLoad: 0, floor: 2, replicas: 2, loadPerReplica: 0 });
    // minReplicas 5 with 2 needed by load (60·1000·1.6 = 96,000 / 50,000 = 1.92 → 2)
    expect(sizeWaypoint(1000, { ...scaling, minReplicas: 5 }, 3)).toEqual({ replicasForLoad: 2, floor: 5, replicas: 5, loadPerReplica: 200 });
  });

  it('zoneSpread off: the zones do not raise the floor', () => {
    // 3 zones, 100 rps: max(2, 1, 1) = 2
    expect(sizeWaypoint(100, { ...scaling, zoneSpread: false }, 3)).toMatchObject({ floor: 2, replicas: 2 });
    // minReplicas 1: max(1, 1, 1) = 1
    expect(sizeWaypoint(100, { ...scaling, minReplicas: 1, zoneSpread: false }, 3)).toMatchObject({ floor: 1, replicas: 1 });
  });

  it('headroom 0 and a different rpmPerReplica', () => {
    // 60·1000·1 = 60,000 rpm / 50,000 = 1.2 → 2 (minReplicas 1, 1 zone)
    expect(sizeWaypoint(1000, { ...scaling, headroom: 0, minReplicas: 1 }, 1).replicas).toBe(2);
    // 60·1000·1.5 = 90,000 / 10,000 = 9
    expect(sizeWaypoint(1000, { ...scaling, rpmPerReplica: 10_000, headroom: 0.5, minReplicas: 1 }, 3).replicas).toBe(9);
  });
});

describe('spreadReplicas: even, the zones in name order taking the remainder first', () => {
  it('splits k over Z', () => {
    // 5 over 3: 1 each, 2 left → the first two zones: [2, 2, 1]
    expect(spreadReplicas(5, 3)).toEqual([2, 2, 1]);
    // 2 over 3: [1, 1, 0]; 6 over 3: [2, 2, 2]; 13 over 3: 4 each, 1 left → [5, 4, 4]
    expect(spreadReplicas(2, 3)).toEqual([1, 1, 0]);
    expect(spreadReplicas(6, 3)).toEqual([2, 2, 2]);
    expect(spreadReplicas(13, 3)).toEqual([5, 4, 4]);
    expect(spreadReplicas(3, 0)).toEqual([]);
  });
});

/**
 * Mesh-size scaling (DESIGN section 3): memory = base + per1kRps·L/1000 + perKPods·P_c/1000
 * with P_c the meshed pods of the proxy's own cluster; istiod usage = requests + perProxy·N
 * with N its connected proxies. On a two-cluster inventory, every number by hand.
 *
 * Prices: CPU 0.04 $/vCPU-h, RAM 0.005 $/GiB-h, H = 100 h; no node prices, so every node
 * and every cluster average is at those list rates.
 */
import { describe, expect, it } from 'vitest';
import { inventory, item, node, prices, profile, run, workload } from './builders.js';

const H100 = prices({ hoursPerMonth: 100 });
// c1: 2 nodes, P = 3 + 2 = 5 meshed pods; c2: 4 nodes, P = 2,000
const inv = inventory(
  [node('a1'), node('a2'), ...[1, 2, 3, 4].map((i) => node(`b${i}`, { cluster: 'c2' }))],
  [
    workload('api', { replicas: 3 }),
    workload('web', { replicas: 2 }),
    workload('big', { cluster: 'c2', replicas: 2000 }),
  ],
);
const scaled = profile({
  sidecar: { usage: { memoryMiB: { base: 50, perKPods: 20 } } },
  ztunnel: { usage: { cpu: { base: 0.1 }, memoryMiB: { base: 10, perKPods: 8 } } },
  controlPlane: {
    sidecar: { cpu: '500m', memory: '1Gi', perProxy: { cpu: 0.001, memoryMiB: 2 } },
    ambient: { cpu: '500m', memory: '1Gi', perProxy: { cpu: 0.001, memoryMiB: 2 } },
  },
});

describe('perKPods: each proxy holds its share of its own cluster\'s mesh', () => {
  it('sidecars and ztunnels, per cluster', () => {
    const { report } = run(inv, scaled, H100);
    // c1 sidecar: 50 + 20·5/1000 = 50.1 MiB; 5 of them = 250.5 MiB = 0.24462890625 GiB
    //   ·0.005·100 = 0.1223145 → 0.12
    expect(item(report, 'sidecar', 'sidecar', { cluster: 'c1' })).toMatchObject({ count: 5, monthlyCost: 0.12 });
    expect(item(report, 'sidecar', 'sidecar', { cluster: 'c1' }).memoryGiB).toBeCloseTo(0.24462890625, 12);
    // c2 sidecar: 50 + 20·2000/1000 = 90 MiB; 2,000 of them = 180,000 MiB = 175.78125 GiB ·0.5 = 87.890625 → 87.89
    expect(item(report, 'sidecar', 'sidecar', { cluster: 'c2' })).toMatchObject({ count: 2000, memoryGiB: 175.78125, monthlyCost: 87.89 });
    // c1 ztunnel: 10 + 8·0.005 = 10.04 MiB, 2 nodes: cpu 0.2, 20.08 MiB = 0.019609375 GiB
    //   (0.2·0.04 + 0.019609375·0.005)·100 = 0.8098047 → 0.81
    expect(item(report, 'ambient', 'ztunnel', { cluster: 'c1' }).monthlyCost).toBe(0.81);
    // c2 ztunnel: 10 + 8·2 = 26 MiB, 4 nodes: cpu 0.4, 104 MiB = 0.1015625 GiB
    //   (0.016 + 0.0005078125)·100 = 1.6507813 → 1.65
    expect(item(report, 'ambient', 'ztunnel', { cluster: 'c2' })).toMatchObject({ memoryGiB: 0.1015625, monthlyCost: 1.65 });
  });

  it('waypoints too', () => {
    const wp = profile({ waypoint: { usage: { memoryMiB: { base: 64, perKPods: 10 } } } });
    const withL7 = inventory(inv.nodes, [...inv.workloads, workload('l7', { cluster: 'c2', namespace: 'pay', replicas: 2, waypoint: true })]);
    const { report } = run(withL7, wp, H100);
    // c2 now has P = 2,002: 64 + 10·2.002 = 84.02 MiB per replica; k = max(2, 1 zone, 0) = 2 → 168.04 MiB
    //   = 0.1641015625 GiB ·0.5 = 0.0820508 → 0.08
    const w = item(report, 'ambient', 'waypoint', { cluster: 'c2' });
    expect(w.count).toBe(2);
    expect(w.memoryGiB).toBeCloseTo(168.04 / 1024, 12);
    expect(w.monthlyCost).toBe(0.08);
  });
});

describe('perProxy: istiod grows with the proxies connected to it', () => {
  it('N = the cluster\'s sidecars (sidecar mode), its ztunnels + waypoint replicas (ambient)', () => {
    const { report } = run(inv, scaled, H100);
    // sidecar c1: N = 5 → cpu 0.5 + 0.005 = 0.505, memory 1024 + 10 = 1,034 MiB = 1.009765625 GiB
    //   (0.505·0.04 + 1.009765625·0.005)·100 = (0.0202 + 0.0050488)·100 = 2.5248828 → 2.52
    expect(item(report, 'sidecar', 'controlPlane', { cluster: 'c1' })).toMatchObject({ vcpu: 0.505, memoryGiB: 1.009765625, monthlyCost: 2.52 });
    // sidecar c2: N = 2,000 → cpu 2.5, memory 1024 + 4000 = 5,024 MiB = 4.90625 GiB → (0.1 + 0.0245313)·100 = 12.453125 → 12.45
    expect(item(report, 'sidecar', 'controlPlane', { cluster: 'c2' })).toMatchObject({ vcpu: 2.5, memoryGiB: 4.90625, monthlyCost: 12.45 });
    // ambient c1: N = 2 ztunnels → cpu 0.502, 1,028 MiB = 1.00390625 GiB → (0.02008 + 0.0050195)·100 = 2.5099531 → 2.51
    expect(item(report, 'ambient', 'controlPlane', { cluster: 'c1' }).monthlyCost).toBe(2.51);
    // ambient c2: N = 4 → cpu 0.504, 1,032 MiB = 1.0078125 GiB → (0.02016 + 0.0050391)·100 = 2.5199063 → 2.52
    expect(item(report, 'ambient', 'controlPlane', { cluster: 'c2' })).toMatchObject({ vcpu: 0.504, monthlyCost: 2.52 });
    // totals: sidecar 0.12 + 87.89 + 2.52 + 12.45 = 102.98; ambient 0.81 + 1.65 + 2.51 + 2.52 = 7.49
    expect(report.sidecar.monthlyCost).toBe(102.98);
    expect(report.ambient.monthlyCost).toBe(7.49);
  });

  it('basis requests prices the requests alone', () => {
    const { report } = run(inv, scaled, H100, { basis: 'requests' });
    // (0.5·0.04 + 1·0.005)·100 = 2.50 in both clusters, both modes
    for (const mode of ['sidecar', 'ambient'] as const) {
      for (const cluster of ['c1', 'c2']) expect(item(report, mode, 'controlPlane', { cluster })).toMatchObject({ vcpu: 0.5, memoryGiB: 1, monthlyCost: 2.5 });
    }
  });
});

describe('the profile schema', () => {
  it('defaults every scale term to 0, zoneSpread to true and cni.inSidecarMode to false', () => {
    const p = profile();
    expect(p.spec.sidecar.usage.memoryMiB.perKPods).toBe(0);
    expect(p.spec.controlPlane.ambient.perProxy).toEqual({ cpu: 0, memoryMiB: 0 });
    expect(p.spec.waypoint.scaling.zoneSpread).toBe(true);
    expect(p.spec.cni.inSidecarMode).toBe(false);
  });

  it('refuses a scale term on one side only, and a memory request under 1 MiB', () => {
    expect(() => profile({ sidecar: { usage: { memoryMiB: { perKPods: 5 } } } })).toThrow(/sidecar and ztunnel scale terms together or not at all/);
    expect(() => profile({ controlPlane: { ambient: { perProxy: { cpu: 0.001 } } } })).toThrow(/perProxy terms together or not at all/);
    expect(() => profile({ sidecar: { requests: { memory: 128 } } })).toThrow(/at least 1Mi/);
    // 1 MiB exactly is a (tiny) request; 0 is a component left out
    expect(profile({ sidecar: { requests: { memory: 2 ** 20 } } }).spec.sidecar.requests.memory).toBe(1);
    expect(profile({ sidecar: { requests: { memory: 0 } } }).spec.sidecar.requests.memory).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { node, placement, prices, profile, workload } from '../builders.js';
import { capacityOf, group } from './run.js';

/** n nodes named prefix-0…, of one instance type */
function nodes(n: number, prefix: string, over: Parameters<typeof node>[1] = {}) {
  return Array.from({ length: n }, (_, i) => node(`${prefix}-${i}`, { instanceType: 'm5.xlarge', ...over }));
}

const noAgents = { ztunnel: { requests: { cpu: 0, memory: 0 } }, cni: { requests: { cpu: 0, memory: 0 } } };
const sidecarOf = (cpu: string, memory = '0') => profile({ sidecar: { requests: { cpu, memory } }, ...noAgents });

describe('capacity: first-fit decreasing per node group', () => {
  // ten pods of 1.5 vCPU (100 MiB) on 4-vCPU / 16-GiB nodes; memory never binds
  const ten = [workload('web', { replicas: 10, podRequests: { cpu: 1.5, memoryMiB: 100 } })];

  it('ten 1.5-vCPU pods need 5 nodes alone: 2 × 1.5 = 3 ≤ 4, a third would make 4.5', () => {
    const g = group(capacityOf(nodes(10, 'n'), ten, sidecarOf('0')).capacity!.groups, 'm5.xlarge');
    expect(g.nodesNeeded).toEqual({ sidecar: 5, ambient: 5 });
    expect(g.nodesFreed).toBe(0);
  });

  it('…and 5 with a 0.5-vCPU sidecar each: 2 × 2.0 = 4 fits exactly', () => {
    const g = group(capacityOf(nodes(10, 'n'), ten, sidecarOf('500m')).capacity!.groups, 'm5.xlarge');
    expect(g.nodesNeeded).toEqual({ sidecar: 5, ambient: 5 });
  });

  it('…but 10 with a 0.6-vCPU sidecar: 2 × 2.1 = 4.2 > 4, one pod per node; the 5 freed nodes priced', () => {
    const c = capacityOf(nodes(10, 'n'), ten, sidecarOf('600m')).capacity!;
    const g = group(c.groups, 'm5.xlarge');
    expect(g).toMatchObject({ nodesToday: 10, nodesNeeded: { sidecar: 10, ambient: 5 }, nodesFreed: 5 });
    // fluid bound: 10 × 2.1 / 4 = 5.25 with sidecars, 10 × 1.5 / 4 = 3.75 alone
    expect(g.fluidBound.sidecar).toBeCloseTo(5.25, 12);
    expect(g.fluidBound.ambient).toBeCloseTo(3.75, 12);
    // a node at the sheet's rates: (4 × 0.04 + 16 × 0.005) × 730 = 175.20; 5 × 175.20 = 876.00
    expect(g.monthlyCostFreed).toBe(876);
    expect(c.monthlyCostFreed).toBe(876);
    expect(c.packTarget).toBe(1);
  });

  it('--pack-target 0.8 leaves 3.2 vCPU per node: 1.5-vCPU pods go 2 per node (3.0), 2.0-vCPU ones 1 per node', () => {
    const g = group(capacityOf(nodes(10, 'n'), ten, sidecarOf('500m'), prices(), 0.8).capacity!.groups, 'm5.xlarge');
    expect(g.nodesNeeded).toEqual({ sidecar: 10, ambient: 5 });
  });

  it('a memory-bound group: 3-GiB pods with a 1.5-GiB sidecar go one per 8-GiB node, alone two per node', () => {
    const eight = nodes(6, 'm', { vcpu: 4, memoryGiB: 8 });
    const six = [workload('cache', { replicas: 6, podRequests: { cpu: 0.1, memoryMiB: 3072 } })];
    const g = group(capacityOf(eight, six, sidecarOf('100m', '1536Mi')).capacity!.groups, 'm5.xlarge');
    // sidecar: 3072 + 1536 = 4608 MiB, 2 × 4608 = 9216 > 8192 → 6 nodes; cpu 2 × 0.2 would fit
    // ambient: 2 × 3072 = 6144 ≤ 8192, 3 × 3072 = 9216 > 8192 → 3 nodes
    expect(g.nodesNeeded).toEqual({ sidecar: 6, ambient: 3 });
    // fluid bound, memory the larger share: 6 × 4608 / 8192 = 3.375; 6 × 3072 / 8192 = 2.25
    expect(g.fluidBound.sidecar).toBeCloseTo(3.375, 12);
    expect(g.fluidBound.ambient).toBeCloseTo(2.25, 12);
  });

  it("takes DaemonSets' requests (with their sidecar in sidecar mode) and ztunnel + istio-cni (ambient) off every node", () => {
    const four = nodes(6, 'n');
    const agentWith = (ztunnelCpu: string) =>
      profile({ sidecar: { requests: { cpu: '500m', memory: 0 } }, ztunnel: { requests: { cpu: ztunnelCpu, memory: 0 } }, cni: { requests: { cpu: '100m', memory: 0 } } });
    const workloads = [
      workload('app', { replicas: 6, sidecarsToday: 6, podRequests: { cpu: 1.5, memoryMiB: 100 } }),
      // a DaemonSet of 0.5 vCPU that runs istio-proxy today, on every node (both namespaces are the mesh today)
      workload('agent', { namespace: 'logging', kind: 'DaemonSet', replicas: 6, sidecarsToday: 6, podRequests: { cpu: 0.5, memoryMiB: 50 }, placement: placement(Object.fromEntries(four.map((n) => [n.name, 1]))) }),
    ];
    // sidecar: room 4 − 0.5 − 0.5 = 3.0, pods 1.5 + 0.5 = 2.0 → one per node → 6
    // ambient, ztunnel 0.2 + cni 0.1: room 4 − 0.5 − 0.3 = 3.2, pods 1.5 → two per node → 3
    expect(group(capacityOf(four, workloads, agentWith('200m')).capacity!.groups, 'm5.xlarge').nodesNeeded).toEqual({ sidecar: 6, ambient: 3 });
    // ambient, ztunnel 0.5 + cni 0.1: room 4 − 0.5 − 0.6 = 2.9 < 3.0 → one per node → 6
    expect(group(capacityOf(four, workloads, agentWith('500m')).capacity!.groups, 'm5.xlarge').nodesNeeded).toEqual({ sidecar: 6, ambient: 6 });
  });

  it('packs a spot group apart; pods without placement go to the on-demand group, though the spot one has more nodes', () => {
    const onDemand = nodes(3, 'od');
    const spot = nodes(5, 'sp', { capacityType: 'spot' });
    const workloads = [
      // 4 pods on spot nodes: with a 0.6 sidecar 2.1 vCPU each → 4 nodes; alone 1.5 → 2 per node → 2 nodes
      workload('batch', { replicas: 4, podRequests: { cpu: 1.5, memoryMiB: 100 }, placement: placement({ 'sp-0': 2, 'sp-1': 2 }) }),
      // 2 pods without placement → the on-demand group: 2 nodes with sidecars, 1 alone
      workload('api', { replicas: 2, podRequests: { cpu: 1.5, memoryMiB: 100 } }),
    ];
    const sheet = prices({ instanceTypes: { 'm5.xlarge': { onDemand: 0.192, spot: 0.07 } } });
    const c = capacityOf([...onDemand, ...spot], workloads, sidecarOf('600m'), sheet).capacity!;
    const sp = group(c.groups, 'm5.xlarge', 'spot');
    const od = group(c.groups, 'm5.xlarge', 'on-demand');
    expect(sp).toMatchObject({ nodesToday: 5, nodesNeeded: { sidecar: 4, ambient: 2 }, nodesFreed: 2 });
    expect(od).toMatchObject({ nodesToday: 3, nodesNeeded: { sidecar: 2, ambient: 1 }, nodesFreed: 1 });
    // at the nodes' own hourly prices: spot 2 × 0.07 × 730 = 102.20; on-demand 1 × 0.192 × 730 = 140.16
    expect(sp.monthlyCostFreed).toBe(102.2);
    expect(od.monthlyCostFreed).toBe(140.16);
    expect(c.monthlyCostFreed).toBe(242.36);
  });

  it("puts the cluster's waypoint replicas (ambient) in its largest on-demand group: most nodes, not most vCPU", () => {
    const big = Array.from({ length: 3 }, (_, i) => node(`big-${i}`, { instanceType: 'm5.2xlarge', vcpu: 8, memoryGiB: 32 }));
    const small = nodes(5, 'small');
    const spot = nodes(10, 'spot', { instanceType: 'c5.xlarge', capacityType: 'spot' });
    const prof = profile({
      ...noAgents,
      waypoint: { requests: { cpu: 1, memory: '1Gi' }, scaling: { rpmPerReplica: 50000, headroom: 0, minReplicas: 3 } },
    });
    // one L7 workload, its pod on a spot node; idle, so the waypoint keeps its 3 minimum replicas
    const api = workload('api', { waypoint: true, podRequests: { cpu: 0.1, memoryMiB: 64 }, placement: placement({ 'spot-0': 1 }) });
    const c = capacityOf([...big, ...small, ...spot], [api], prof).capacity!;
    // 3 replicas × 1 vCPU on a 4-vCPU node: one node in ambient, none with sidecars (no pods there)
    expect(group(c.groups, 'm5.xlarge').nodesNeeded).toEqual({ sidecar: 0, ambient: 1 });
    expect(group(c.groups, 'm5.xlarge').nodesFreed).toBe(-1);
    expect(group(c.groups, 'm5.2xlarge').nodesNeeded).toEqual({ sidecar: 0, ambient: 0 });
    expect(group(c.groups, 'c5.xlarge', 'spot').nodesNeeded).toEqual({ sidecar: 1, ambient: 1 });
  });

  it('groups untyped nodes by their allocatable shape', () => {
    const untyped = [node('a', { vcpu: 4, memoryGiB: 16 }), node('b', { vcpu: 4, memoryGiB: 16 }), node('c', { vcpu: 8, memoryGiB: 32 })];
    const c = capacityOf(untyped, [workload('w', { podRequests: { cpu: 1, memoryMiB: 1 } })], sidecarOf('0')).capacity!;
    expect(c.groups.map((g) => [g.instanceType, g.shape, g.nodesToday])).toEqual([
      [null, { vcpu: 4, memoryGiB: 16 }, 2],
      [null, { vcpu: 8, memoryGiB: 32 }, 1],
    ]);
  });

  it('counts a pod larger than a node in a warning: it takes a node of its own', () => {
    const r = capacityOf(nodes(2, 'n'), [workload('huge', { replicas: 2, podRequests: { cpu: 6, memoryMiB: 100 } })], sidecarOf('0'));
    expect(group(r.capacity!.groups, 'm5.xlarge').nodesNeeded).toEqual({ sidecar: 2, ambient: 2 });
    expect(r.warnings.find((w) => w.code === 'capacity-pod-larger-than-node')?.count).toBe(2);
  });

  it('counts pods without requests as 0, and says how many there were', () => {
    const r = capacityOf(nodes(4, 'n'), [
      workload('known', { replicas: 4, podRequests: { cpu: 1.5, memoryMiB: 100 }, podsWithoutRequests: 2 }),
      workload('unknown', { replicas: 3 }),
    ], sidecarOf('0'));
    // known: 2 pods at 1.5 → 1 node; its 2 others and unknown's 3 weigh nothing and join that node
    expect(group(r.capacity!.groups, 'm5.xlarge').nodesNeeded).toEqual({ sidecar: 1, ambient: 1 });
    expect(r.warnings.find((w) => w.code === 'capacity-pods-without-requests')?.count).toBe(5);
  });

  it("never needs more nodes in ambient than the sidecar layout it could reuse (first-fit's two-resource anomaly)", () => {
    // nodes of 5 vCPU / 10000 MiB, no DaemonSets, no node agents; sidecar 0.4 vCPU / 0 MiB
    //   a: 2 pods of 2.2 vCPU / 1280 MiB; b: 9 pods of 0 vCPU / 2560 MiB
    // sidecar mode: a (2.6 vCPU, share 0.52) goes first, two do not fit one node (5.2 > 5): one a per node,
    //   each leaving 8720 MiB → 3 b each (7680); the last 3 b open node 3 → 3 nodes
    // ambient by first fit: both a (2.2 + 2.2 = 4.4) share node 1, leaving 7440 MiB → only 2 b; then 3, 3, 1
    //   → 4 nodes. The sidecar layout with each pod less its sidecar is a valid ambient one: 3 nodes
    const shape = { vcpu: 5, memoryGiB: 10000 / 1024 };
    const workloads = [
      workload('a', { replicas: 2, podRequests: { cpu: 2.2, memoryMiB: 1280 } }),
      workload('b', { replicas: 9, podRequests: { cpu: 0, memoryMiB: 2560 } }),
    ];
    const g = group(capacityOf(nodes(4, 'n', shape), workloads, sidecarOf('400m')).capacity!.groups, 'm5.xlarge');
    expect(g.nodesNeeded).toEqual({ sidecar: 3, ambient: 3 });
    // fluid bound, memory the larger share: (2·1280 + 9·2560) / 10000 = 2.56 ≤ 3
    expect(g.fluidBound.ambient).toBeCloseTo(2.56, 12);
  });

  it('is absent when no pod has requests of its own', () => {
    expect(capacityOf(nodes(2, 'n'), [workload('w', { replicas: 3 })], sidecarOf('0'))).toEqual({ warnings: [] });
  });
});

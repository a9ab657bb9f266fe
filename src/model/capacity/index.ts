/**
 * Capacity: the nodes the change frees (DESIGN section 3). Money leaves the bill when an
 * autoscaler removes nodes, not when requests shrink, so each node group is packed
 * twice — pods with their sidecars, pods alone beside ztunnel, istio-cni and the
 * waypoints — and the difference in nodes is priced at the group's node cost. Pure.
 */
import { Warnings, type Warning } from '../../inventory/types.js';
import { roundCents, sumCents } from '../lineItems.js';
import { monthlyCost, nodeRates } from '../rates.js';
import { demand, type Demand } from './demand.js';
import { nodeGroups, type NodeGroup } from './groups.js';
import { pack } from './pack.js';
import type { Capacity, CapacityGroup, CapacityInput } from './types.js';

export interface CapacityResult {
  /** absent when no pod's own requests are known: there is nothing to pack */
  capacity?: Capacity;
  warnings: Warning[];
}

export function capacity(input: CapacityInput): CapacityResult {
  if (!input.workloads.some((w) => w.podRequests)) return { warnings: [] };
  const warnings = new Warnings();
  const clusters = nodeGroups(input.nodes);
  const groups = [...clusters.values()].flatMap((c) => c.groups);
  const d = demand(input, clusters, groups.length, warnings);
  let oversized = 0;
  const rows: CapacityGroup[] = groups.map((g) => {
    const s = pack(g, d.sidecar.reserved[g.index]!, d.sidecar.runs[g.index]!, input.packTarget);
    const a = pack(g, d.ambient.reserved[g.index]!, d.ambient.runs[g.index]!, input.packTarget);
    oversized += Math.max(s.oversized, a.oversized);
    const nodesAmbient = sidecarLayoutServesAmbient(d, g.index) ? Math.min(a.nodes, s.nodes) : a.nodes;
    const nodesFreed = s.nodes - nodesAmbient;
    return {
      cluster: g.cluster,
      instanceType: g.instanceType,
      capacityType: g.capacityType,
      shape: { vcpu: g.vcpu, memoryGiB: g.memoryGiB },
      nodesToday: g.nodes.length,
      nodesNeeded: { sidecar: s.nodes, ambient: nodesAmbient },
      fluidBound: { sidecar: s.fluidBound, ambient: a.fluidBound },
      nodesFreed,
      monthlyCostFreed: roundCents(nodesFreed * meanNodeCost(g, input)),
    };
  });
  if (oversized > 0) {
    warnings.add(
      'capacity-pod-larger-than-node',
      '{count} {pod is|pods are} larger than a node of {its|their} group once DaemonSets (and, in ambient, ztunnel and istio-cni) are taken off: each takes a node of its own in the capacity figures',
      undefined,
      oversized,
    );
  }
  return {
    capacity: { packTarget: input.packTarget, groups: rows, monthlyCostFreed: sumCents(rows.map((r) => r.monthlyCostFreed)) },
    warnings: warnings.list(),
  };
}

/**
 * First-fit decreasing is a heuristic, and in two resources smaller pods can come out on
 * more nodes (cpu that kept two pods apart in sidecar mode left room for memory). Where
 * every ambient pod is its sidecar-mode self less the sidecar, and the nodes keep at least
 * as much room (ztunnel and istio-cni take no more than the DaemonSets' sidecars gave
 * back, no waypoint replicas added), the sidecar-mode layout is itself a valid ambient
 * one, so ambient never needs more nodes than it.
 */
function sidecarLayoutServesAmbient(d: Demand, group: number): boolean {
  const s = d.sidecar.reserved[group]!;
  const a = d.ambient.reserved[group]!;
  return !d.ambientOnly[group] && a.cpu <= s.cpu && a.memoryMiB <= s.memoryMiB;
}

/** A node's monthly price after discount: its rates times its own size (its hourly price when it has one). */
function meanNodeCost(g: NodeGroup, input: CapacityInput): number {
  const H = input.prices.hoursPerMonth;
  const total = g.nodes.reduce((s, n) => s + monthlyCost(n.vcpu, n.memoryGiB, nodeRates(n, input.prices, input.nodeScale), H), 0);
  return total / g.nodes.length;
}

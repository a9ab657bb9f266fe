/**
 * What each node group must hold in each mode: the room DaemonSets and node agents take
 * off every node, and the pods to pack, as runs of identical pods (one workload's pods in
 * one group share its requests), so the work grows with workloads × groups, not with pods.
 */
import type { InventoryWorkload } from '../../inventory/types.js';
import { Warnings } from '../../inventory/types.js';
import type { Footprint } from '../resources.js';
import type { ClusterGroups, NodeGroup } from './groups.js';
import type { CapacityInput } from './types.js';

/** Identical pods: `count` of them at these requests (vCPU, MiB). */
export interface Run {
  name: string;
  cpu: number;
  mem: number;
  count: number;
}

export interface ModeDemand {
  /** per group index: taken off every node of the group */
  reserved: Footprint[];
  /** per group index: the pods to pack */
  runs: Run[][];
}

export interface Demand {
  sidecar: ModeDemand;
  ambient: ModeDemand;
  /** per group index: ambient puts pods there that sidecar mode does not have (waypoint replicas) */
  ambientOnly: boolean[];
}

const ZERO: Footprint = { cpu: 0, memoryMiB: 0 };

function emptyMode(groups: number): ModeDemand {
  return {
    reserved: Array.from({ length: groups }, () => ({ cpu: 0, memoryMiB: 0 })),
    runs: Array.from({ length: groups }, () => []),
  };
}

function reserve(into: Footprint, add: Footprint, times = 1): void {
  into.cpu += add.cpu * times;
  into.memoryMiB += add.memoryMiB * times;
}

function push(runs: Run[], name: string, size: Footprint, extra: Footprint, count: number): void {
  if (count > 0) runs.push({ name, cpu: size.cpu + extra.cpu, mem: size.memoryMiB + extra.memoryMiB, count });
}

export function demand(input: CapacityInput, clusters: Map<string, ClusterGroups>, groupCount: number, warnings: Warnings): Demand {
  const d: Demand = { sidecar: emptyMode(groupCount), ambient: emptyMode(groupCount), ambientOnly: new Array<boolean>(groupCount).fill(false) };
  const meshedClusters = new Set<string>();
  for (const w of input.workloads) {
    const c = clusters.get(w.cluster);
    if (!c || w.replicas === 0) continue;
    if (input.isMeshed(w)) meshedClusters.add(w.cluster);
    if (!w.podRequests || (w.podsWithoutRequests ?? 0) > 0) {
      const n = w.podRequests ? Math.min(w.replicas, w.podsWithoutRequests ?? 0) : w.replicas;
      warnings.add('capacity-pods-without-requests', '{count} {pod declares|pods declare} no requests of {its|their} own: {it counts|they count} 0 in the capacity figures', `${w.namespace}/${w.name}`, n);
    }
    if (w.kind === 'DaemonSet') addDaemonSet(d, input, c, w);
    else addPods(d, input, c, w);
  }
  // ambient: ztunnel and istio-cni on every node of a meshed cluster that can run them
  for (const name of meshedClusters) {
    for (const g of clusters.get(name)!.groups) {
      if (g.nodes.some((n) => !n.noZtunnel)) reserve(d.ambient.reserved[g.index]!, input.nodeAgentRequests);
    }
  }
  for (const wp of input.waypoints) {
    const c = clusters.get(wp.cluster);
    if (!c || wp.replicas === 0 || (wp.requests.cpu === 0 && wp.requests.memoryMiB === 0)) continue;
    push(d.ambient.runs[c.largest.index]!, `${wp.namespace}/waypoint`, wp.requests, ZERO, wp.replicas);
    d.ambientOnly[c.largest.index] = true;
  }
  return d;
}

/**
 * A DaemonSet's pod sits on every node of the groups it runs in (every group of its
 * cluster when its placement is unknown), with its sidecar in sidecar mode when it runs one.
 */
function addDaemonSet(d: Demand, input: CapacityInput, c: ClusterGroups, w: InventoryWorkload): void {
  const own = w.podRequests ?? ZERO;
  const sidecar = input.isMeshed(w) ? input.sidecarRequests(w) : ZERO;
  const groups = new Set<NodeGroup>();
  for (const node of w.placement?.keys() ?? []) {
    const g = c.groupOfNode.get(node);
    if (g) groups.add(g);
  }
  for (const g of groups.size > 0 ? groups : c.groups) {
    reserve(d.sidecar.reserved[g.index]!, own);
    reserve(d.sidecar.reserved[g.index]!, sidecar);
    reserve(d.ambient.reserved[g.index]!, own);
  }
}

/**
 * A workload's pods per group: placed ones in their node's group, the rest in the
 * cluster's largest on-demand group. Its pods without requests are taken from the
 * unplaced ones first (they are the ones the inventory knows least about), then from the
 * groups in order.
 */
function addPods(d: Demand, input: CapacityInput, c: ClusterGroups, w: InventoryWorkload): void {
  const perGroup = new Map<NodeGroup, number>();
  let placed = 0;
  for (const [node, pods] of w.placement ?? []) {
    const g = c.groupOfNode.get(node);
    if (!g) continue;
    perGroup.set(g, (perGroup.get(g) ?? 0) + pods);
    placed += pods;
  }
  const unplaced = Math.max(0, w.replicas - placed);
  const buckets: [NodeGroup, number][] = unplaced > 0 ? [[c.largest, unplaced], ...perGroup] : [...perGroup];
  let zero = w.podRequests ? Math.min(w.replicas, w.podsWithoutRequests ?? 0) : w.replicas;
  const own = w.podRequests ?? ZERO;
  const sidecar = input.isMeshed(w) ? input.sidecarRequests(w) : ZERO;
  const name = `${w.namespace}/${w.name}`;
  for (const [g, pods] of buckets) {
    const z = Math.min(zero, pods);
    zero -= z;
    push(d.sidecar.runs[g.index]!, name, own, sidecar, pods - z);
    push(d.sidecar.runs[g.index]!, name, ZERO, sidecar, z);
    push(d.ambient.runs[g.index]!, name, own, ZERO, pods - z);
    push(d.ambient.runs[g.index]!, name, ZERO, ZERO, z);
  }
}

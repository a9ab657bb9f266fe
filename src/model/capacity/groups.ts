/**
 * Node groups (DESIGN section 3, "Capacity"): cluster × instance type × capacity type, the
 * unit an autoscaler adds and removes nodes in. Nodes without a type group by their
 * allocatable shape. A group packs onto its smallest node, so the figures never count on
 * room that only some of its nodes have.
 */
import type { CapacityType, InventoryNode } from '../../inventory/types.js';

export interface NodeGroup {
  /** position in the sorted list; pods refer to groups by it */
  index: number;
  cluster: string;
  instanceType: string | null;
  capacityType: CapacityType;
  nodes: InventoryNode[];
  /** smallest vcpu and memory (GiB) among the nodes */
  vcpu: number;
  memoryGiB: number;
}

export interface ClusterGroups {
  groups: NodeGroup[];
  /** node name → its group */
  groupOfNode: Map<string, NodeGroup>;
  /** where pods without placement and waypoint replicas go */
  largest: NodeGroup;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function nodeGroups(nodes: readonly InventoryNode[]): Map<string, ClusterGroups> {
  const byKey = new Map<string, NodeGroup>();
  for (const n of nodes) {
    const type = n.instanceType ?? null;
    const key = `${n.cluster}\u0000${type ?? `\u0001${n.vcpu}/${n.memoryGiB}`}\u0000${n.capacityType}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { index: 0, cluster: n.cluster, instanceType: type, capacityType: n.capacityType, nodes: [], vcpu: n.vcpu, memoryGiB: n.memoryGiB }));
    g.nodes.push(n);
    g.vcpu = Math.min(g.vcpu, n.vcpu);
    g.memoryGiB = Math.min(g.memoryGiB, n.memoryGiB);
  }
  const sorted = [...byKey.values()].sort(
    (a, b) =>
      compare(a.cluster, b.cluster) ||
      compare(a.instanceType ?? '', b.instanceType ?? '') ||
      a.vcpu - b.vcpu ||
      a.memoryGiB - b.memoryGiB ||
      compare(a.capacityType, b.capacityType),
  );
  const out = new Map<string, ClusterGroups>();
  sorted.forEach((g, i) => {
    g.index = i;
    let c = out.get(g.cluster);
    if (!c) out.set(g.cluster, (c = { groups: [], groupOfNode: new Map(), largest: g }));
    c.groups.push(g);
    for (const n of g.nodes) c.groupOfNode.set(n.name, g);
  });
  for (const c of out.values()) c.largest = largestGroup(c.groups);
  return out;
}

/** The largest on-demand group: most nodes, then more vcpu, then name; the largest of all when none is on-demand. */
function largestGroup(groups: readonly NodeGroup[]): NodeGroup {
  const onDemand = groups.filter((g) => g.capacityType === 'on-demand');
  const pool = onDemand.length > 0 ? onDemand : groups;
  return pool.reduce((best, g) =>
    g.nodes.length > best.nodes.length ||
    (g.nodes.length === best.nodes.length && (g.vcpu > best.vcpu || (g.vcpu === best.vcpu && compare(groupName(g), groupName(best)) < 0)))
      ? g
      : best,
  );
}

export function groupName(g: NodeGroup): string {
  return g.instanceType ?? `${g.vcpu} vCPU / ${g.memoryGiB} GiB`;
}

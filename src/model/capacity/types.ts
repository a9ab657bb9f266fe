/** What the capacity figures (DESIGN section 3, "Capacity") take and give. */
import type { CapacityType, InventoryNode, InventoryWorkload } from '../../inventory/types.js';
import type { PriceSheet } from '../../profiles/schema.js';
import type { Footprint } from '../resources.js';

export interface CapacityInput {
  nodes: readonly InventoryNode[];
  workloads: readonly InventoryWorkload[];
  /** who carries a sidecar in sidecar mode: the model's own rule */
  isMeshed: (w: InventoryWorkload) => boolean;
  /** one sidecar's requests (vCPU, MiB) for a workload, as the model priced them */
  sidecarRequests: (w: InventoryWorkload) => Footprint;
  /** what ambient puts on every node of a meshed cluster: ztunnel + istio-cni requests */
  nodeAgentRequests: Footprint;
  /** the plan's waypoints: k replicas each, at these requests */
  waypoints: readonly { cluster: string; namespace: string; replicas: number; requests: Footprint }[];
  prices: PriceSheet['spec'];
  /** prices.nodeScale: every node's hourly price scaled, as the estimate priced it */
  nodeScale: number;
  /** fraction of a node's allocatable that packing may fill */
  packTarget: number;
}

export interface ByMode {
  sidecar: number;
  ambient: number;
}

export interface CapacityGroup {
  cluster: string;
  /** null for nodes without an instance type, grouped by their allocatable shape */
  instanceType: string | null;
  capacityType: CapacityType;
  /** the group's node shape: the smallest vcpu and memory (GiB) among its nodes */
  shape: { vcpu: number; memoryGiB: number };
  nodesToday: number;
  nodesNeeded: ByMode;
  /** Σ requests / room per node, per resource, the larger; pods too big for a node count one each */
  fluidBound: ByMode;
  /** nodesNeeded.sidecar − nodesNeeded.ambient */
  nodesFreed: number;
  monthlyCostFreed: number;
}

export interface Capacity {
  packTarget: number;
  groups: CapacityGroup[];
  monthlyCostFreed: number;
}

export const DEFAULT_PACK_TARGET = 1;

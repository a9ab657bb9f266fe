/**
 * The capacity's inputs taken from the run the estimate priced: the model's own meshed
 * workloads (scope and exclusions decided once, in prepareModel), the same sidecar
 * requests (the workload's own where it runs one), the plan's waypoint replicas k.
 * Nothing here sizes a proxy again.
 */
import type { Inventory, InventoryWorkload } from '../../inventory/types.js';
import type { WhatIf } from '../../profiles/overrides.js';
import type { ModelInput } from '../modelInput.js';
import { proxyFootprint } from '../resources.js';
import type { Plan } from '../types.js';
import type { CapacityInput } from './types.js';

export function capacityInput(inventory: Inventory, model: ModelInput, plan: Plan, run: WhatIf, packTarget: number): CapacityInput {
  const spec = run.profile.spec;
  // the model keeps each meshed workload's inventory record: the same objects, no names to join
  const meshed = new Set<InventoryWorkload>();
  for (const c of model.clusters) for (const w of c.workloads) if (w.pods > 0) meshed.add(w.workload);
  return {
    nodes: inventory.nodes,
    workloads: inventory.workloads,
    isMeshed: (w) => meshed.has(w),
    // the requests basis of the function that priced the sidecar: its requests, the running ones first
    sidecarRequests: (w) => proxyFootprint(spec.sidecar, 0, 'requests', w.sidecarRequests),
    nodeAgentRequests: {
      cpu: spec.ztunnel.requests.cpu + spec.cni.requests.cpu,
      memoryMiB: spec.ztunnel.requests.memory + spec.cni.requests.memory,
    },
    waypoints: plan.waypoints.map((wp) => ({ cluster: wp.cluster, namespace: wp.namespace, replicas: wp.replicas, requests: wp.requests })),
    prices: run.prices.spec,
    nodeScale: run.scales.nodeScale,
    packTarget,
  };
}

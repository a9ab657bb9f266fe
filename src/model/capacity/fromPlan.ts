/**
 * The capacity's inputs taken from the run the estimate priced: the same meshed rule,
 * the same sidecar requests (the workload's own where it runs one), the plan's waypoint
 * replicas. Nothing here sizes a proxy again.
 */
import type { EstimateInput } from '../estimate.js';
import { isMeshed } from '../meshed.js';
import { proxyFootprint } from '../resources.js';
import type { Plan } from '../types.js';
import type { CapacityInput } from './types.js';

export function capacityInput(run: Omit<EstimateInput, 'generatedAt'>, plan: Plan, packTarget: number): CapacityInput {
  const spec = run.profile.spec;
  const excluded = new Set(run.options.excludedNamespaces);
  return {
    nodes: run.inventory.nodes,
    workloads: run.inventory.workloads,
    isMeshed: (w) => isMeshed(w, excluded),
    // the requests basis of the function that priced the sidecar: its requests, the running ones first
    sidecarRequests: (w) => proxyFootprint(spec.sidecar, 0, 'requests', w.sidecarRequests),
    nodeAgentRequests: {
      cpu: spec.ztunnel.requests.cpu + spec.cni.requests.cpu,
      memoryMiB: spec.ztunnel.requests.memory + spec.cni.requests.memory,
    },
    waypoints: plan.waypoints.map((wp) => ({ cluster: wp.cluster, namespace: wp.namespace, replicas: wp.replicas, requests: wp.requests })),
    prices: run.prices.spec,
    packTarget,
  };
}

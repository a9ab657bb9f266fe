/**
 * Who is meshed (DESIGN section 3): workloads in the scope, outside the excluded
 * namespaces, not DaemonSets and not on the host network (node agents and host-network
 * pods get no sidecar in practice) unless their pods run istio-proxy today (that cost is
 * real), with replicas > 0. Mesh infrastructure never reaches here: readers report it apart.
 */
import type { InventoryWorkload } from '../inventory/types.js';

/** A workload the mesh would carry, scope aside. */
export function isMeshed(w: InventoryWorkload, excluded: ReadonlySet<string>): boolean {
  if (excluded.has(w.namespace) || w.replicas === 0) return false;
  return !isNodeAgent(w) || (w.sidecarsToday ?? 0) > 0;
}

/** DaemonSets and host-network pods: meshed only where they run istio-proxy today. */
export function isNodeAgent(w: InventoryWorkload): boolean {
  return w.kind === 'DaemonSet' || w.hostNetwork;
}

/** Jobs are meshed but flagged: their sidecars live only as long as the job. */
export function isJob(w: InventoryWorkload): boolean {
  return w.kind === 'Job' || w.kind === 'CronJob';
}

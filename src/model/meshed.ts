/**
 * Who is meshed (DESIGN section 3): workloads outside the excluded namespaces that
 * are not DaemonSets and not on the host network. Node agents and host-network pods
 * get no sidecar in practice, and the excluded namespaces hold the mesh itself.
 */
import type { InventoryWorkload } from '../inventory/types.js';

export function isMeshed(w: InventoryWorkload, excluded: ReadonlySet<string>): boolean {
  return !excluded.has(w.namespace) && w.kind !== 'DaemonSet' && !w.hostNetwork;
}

/** Jobs are meshed but flagged: their sidecars live only as long as the job. */
export function isJob(w: InventoryWorkload): boolean {
  return w.kind === 'Job' || w.kind === 'CronJob';
}

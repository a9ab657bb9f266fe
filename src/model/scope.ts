/**
 * Which workloads are "the mesh" (DESIGN section 2, "Scope"). When the inventory says
 * what is meshed today (namespace labels, pods running istio-proxy), the mesh is those
 * namespaces minus the pods opted out; otherwise every namespace outside the excluded
 * ones. `--scope mesh|all` forces one reading. Pure: the inventory and the flag in, a
 * decision and its reason out.
 */
import type { DataPlane, Inventory, InventoryWorkload } from '../inventory/types.js';
import type { ScopeFlag, ScopeMode } from './types.js';

export interface Scope {
  mode: ScopeMode;
  reason: string;
  /** today's data plane of a (cluster, namespace), from its labels */
  dataPlaneOf(cluster: string, namespace: string): DataPlane | undefined;
  /** pods of a workload the scope holds, before the model's own rules (kind, replicas, exclusions) */
  podsInScope(w: InventoryWorkload): number;
}

const key = (cluster: string, namespace: string) => `${cluster}\u0000${namespace}`;

export function decideScope(inventory: Inventory, flag: ScopeFlag = 'auto'): Scope {
  const dataPlanes = new Map<string, DataPlane>();
  for (const ns of inventory.namespaces ?? []) if (ns.dataPlane) dataPlanes.set(key(ns.cluster, ns.name), ns.dataPlane);
  let podsWithProxy = 0;
  for (const w of inventory.workloads) podsWithProxy += w.sidecarsToday ?? 0;
  const shown = dataPlanes.size > 0 || podsWithProxy > 0;
  const mode: ScopeMode = flag === 'auto' ? (shown ? 'mesh' : 'all') : flag;
  // most inventories carry no labels: no key to build for each of their workloads
  const dataPlaneOf = (cluster: string, namespace: string) => (dataPlanes.size === 0 ? undefined : dataPlanes.get(key(cluster, namespace)));
  const today = `${dataPlanes.size} namespace${dataPlanes.size === 1 ? '' : 's'} labelled for the mesh, ${podsWithProxy} pod${podsWithProxy === 1 ? '' : 's'} running istio-proxy`;
  const reason =
    flag === 'mesh'
      ? `--scope mesh: the mesh as the inventory shows it today (${today}), less the pods opted out`
      : flag === 'all'
        ? '--scope all: every namespace outside the excluded ones'
        : shown
          ? `the inventory shows the mesh today (${today}): those namespaces, less the pods opted out`
          : 'the inventory does not show what is meshed today (no namespace labels, no istio-proxy pods): every namespace outside the excluded ones';
  const podsInScope = (w: InventoryWorkload): number => {
    if (mode === 'all') return w.replicas;
    // a labelled namespace holds all its pods but those opted out; elsewhere only the
    // pods injected one by one (they run istio-proxy today) are in
    const pods = dataPlaneOf(w.cluster, w.namespace) ? w.replicas - (w.optedOut ?? 0) : (w.sidecarsToday ?? 0);
    return Math.max(0, Math.min(w.replicas, pods));
  };
  return { mode, reason, dataPlaneOf, podsInScope };
}

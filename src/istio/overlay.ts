/**
 * The findings laid over the inventory before the model runs: every workload behind a
 * Service that needs L7 gets waypoint = true, so `estimate` prices and `manifests`
 * deploys the waypoints the cluster's configuration really needs. A waypoint flag the
 * inventory already set (workloads.csv) is kept.
 */
import type { Inventory } from '../inventory/types.js';
import type { IstioFindings } from './findings.js';

export function overlayWaypoints(inventory: Inventory, findings: IstioFindings): Inventory {
  const l7 = new Set(findings.services.flatMap((s) => s.workloads.map((w) => `${s.namespace}\u0000${w}`)));
  return {
    ...inventory,
    workloads: inventory.workloads.map((w) =>
      !w.waypoint && w.cluster === findings.cluster && l7.has(`${w.namespace}\u0000${w.name}`) ? { ...w, waypoint: true } : w,
    ),
  };
}

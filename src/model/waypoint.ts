/**
 * Waypoint sizing (DESIGN section 3): enough replicas for the namespace's peak
 * requests per minute plus headroom, never fewer than the profile's minimum.
 */
import type { WaypointProfile } from '../profiles/schema.js';

export interface WaypointSize {
  /** replicas the load alone needs */
  replicasForLoad: number;
  replicas: number;
  /** rps each replica carries */
  loadPerReplica: number;
}

export function sizeWaypoint(rps: number, scaling: WaypointProfile['scaling']): WaypointSize {
  const rpm = 60 * rps * (1 + scaling.headroom);
  // 1e-9 keeps a float like 27.000000000000004 from asking for a 28th replica
  const replicasForLoad = Math.max(0, Math.ceil(rpm / scaling.rpmPerReplica - 1e-9));
  const replicas = Math.max(scaling.minReplicas, replicasForLoad);
  return { replicasForLoad, replicas, loadPerReplica: rps / replicas };
}

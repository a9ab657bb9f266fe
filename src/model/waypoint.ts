/**
 * Waypoint sizing (DESIGN section 3): one number k that the estimate prices and the
 * manifests deploy, and its floor f, the HPA's minimum. Enough replicas for the
 * namespace's requests per minute plus headroom, never fewer than the profile's minimum
 * nor (with zoneSpread) than one per zone, so that every zone keeps a local waypoint.
 */
import type { WaypointProfile } from '../profiles/schema.js';

export interface WaypointSize {
  /** replicas the load alone needs: ceil(60·R·(1 + headroom)/rpmPerReplica) */
  replicasForLoad: number;
  /** f = max(minReplicas, zoneSpread ? Z : 1) */
  floor: number;
  /** k = max(f, replicasForLoad) */
  replicas: number;
  /** rps each replica carries */
  loadPerReplica: number;
}

export function sizeWaypoint(rps: number, scaling: WaypointProfile['scaling'], zones: number): WaypointSize {
  const rpm = 60 * rps * (1 + scaling.headroom);
  // 1e-9 keeps a float like 27.000000000000004 from asking for a 28th replica
  const replicasForLoad = Math.max(0, Math.ceil(rpm / scaling.rpmPerReplica - 1e-9));
  const floor = Math.max(scaling.minReplicas, scaling.zoneSpread ? zones : 1);
  const replicas = Math.max(floor, replicasForLoad);
  return { replicasForLoad, floor, replicas, loadPerReplica: rps / replicas };
}

/**
 * k replicas over Z zones as evenly as possible, the zones in name order taking the
 * remainder first: 5 over 3 → [2, 2, 1]. What a topology spread with maxSkew 1 gives.
 */
export function spreadReplicas(k: number, zones: number): number[] {
  if (zones === 0) return [];
  const each = Math.floor(k / zones);
  const rest = k - each * zones;
  return Array.from({ length: zones }, (_, i) => each + (i < rest ? 1 : 0));
}

/**
 * Extra cross-zone transfer caused by the waypoint hop (DESIGN section 3). With
 * sidecars a request goes client pod → server pod; through a waypoint it goes
 * client → waypoint → server, and the extra hop crosses a zone boundary with the
 * probability that two pods picked by zone share land in different zones.
 */
import { GIB } from '../quantity.js';
import type { Locality } from './types.js';

/** p = 1 − Σ s_z²: the chance that two independent picks land in different zones. */
export function crossZoneProbability(podsPerZone: Iterable<number>): number {
  let total = 0;
  let squares = 0;
  const counts = [...podsPerZone];
  for (const c of counts) total += c;
  if (total === 0) return 0;
  for (const c of counts) squares += (c / total) ** 2;
  return Math.max(0, 1 - squares);
}

/** Monthly bytes a workload serves: R · b · 3600 · H. */
export function monthlyBytes(rps: number, bytesPerRequest: number, hoursPerMonth: number): number {
  return rps * bytesPerRequest * 3600 * hoursPerMonth;
}

/**
 * Extra GiB per month that cross a zone.
 * preferClose keeps traffic in-zone when the waypoint has a replica there; with k
 * replicas spread over Z zones, min(k, Z)/Z of the zones have one.
 */
export function extraCrossZoneGiB(
  bytes: number,
  probability: number,
  locality: Locality,
  waypointReplicas: number,
  zones: number,
): number {
  const base = (bytes * probability) / GIB;
  if (locality === 'none' || zones === 0) return base;
  return base * Math.max(0, 1 - Math.min(waypointReplicas, zones) / zones);
}

export function crossZoneCost(gib: number, pricePerGiB: number, billBothDirections: boolean): number {
  return gib * pricePerGiB * (billBothDirections ? 2 : 1);
}

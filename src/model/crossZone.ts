/**
 * Extra cross-zone transfer caused by the waypoint hop (DESIGN section 3). Through a
 * waypoint a request goes client → waypoint → server instead of client → server; the
 * extra is the waypoint path's crossings less the direct path's, under the same
 * locality. Inputs are per-zone weights in the same zone order: clients c, waypoint
 * replicas v, servers s (counts, or counts plus an even spread of unplaced pods). A
 * zone's presence is tested on its weight being 0, never on a normalised float share.
 */
import { GIB } from '../quantity.js';

/** weights → shares; undefined when there is nothing to share (no pods, no zones) */
function shares(weights: ArrayLike<number>): number[] | undefined {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  return total > 0 ? Array.from(weights, (w) => w / total) : undefined;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Locality `none`, random endpoints on every hop: (1 − Σc·v) + (1 − Σv·s) − (1 − Σc·s).
 * ≥ 0 (a direct crossing implies one on the waypoint path); the clamp only takes off float noise.
 */
export function extraShareNone(clients: ArrayLike<number>, waypoints: ArrayLike<number>, servers: ArrayLike<number>): number {
  const c = shares(clients);
  const v = shares(waypoints);
  const s = shares(servers);
  if (!c || !v || !s) return 0;
  return Math.max(0, 1 - dot(c, v) + (1 - dot(v, s)) - (1 - dot(c, s)));
}

/**
 * Locality `preferClose`, the same zone whenever it has an endpoint: hop1 = Σ c_z·[v_z = 0];
 * the waypoint zone used is q_y = c_y·[v_y > 0] + hop1·v_y; hop2 = Σ q_y·[s_y = 0];
 * direct = Σ c_z·[s_z = 0]; extra = hop1 + hop2 − direct. 0 with a replica in every zone.
 */
export function extraSharePreferClose(clients: ArrayLike<number>, waypoints: ArrayLike<number>, servers: ArrayLike<number>): number {
  const c = shares(clients);
  const v = shares(waypoints);
  if (!c || !v || !shares(servers)) return 0;
  let hop1 = 0;
  let direct = 0;
  for (let z = 0; z < c.length; z++) {
    if (waypoints[z] === 0) hop1 += c[z]!;
    if (servers[z] === 0) direct += c[z]!;
  }
  let hop2 = 0;
  for (let y = 0; y < c.length; y++) {
    if (servers[y] !== 0) continue;
    hop2 += (waypoints[y] === 0 ? 0 : c[y]!) + hop1 * v[y]!;
  }
  return Math.max(0, hop1 + hop2 - direct);
}

/** Monthly bytes a workload serves: R · b · 3600 · H. */
export function monthlyBytes(rps: number, bytesPerRequest: number, hoursPerMonth: number): number {
  return rps * bytesPerRequest * 3600 * hoursPerMonth;
}

export function bytesToGiB(bytes: number): number {
  return bytes / GIB;
}

export function crossZoneCost(gib: number, pricePerGiB: number, billBothDirections: boolean): number {
  return gib * pricePerGiB * (billBothDirections ? 2 : 1);
}

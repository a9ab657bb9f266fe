/**
 * One group in one mode: first-fit decreasing onto nodes of the group's shape less what
 * every node already holds, with the fluid bound beside it (DESIGN section 3).
 */
import type { Footprint } from '../resources.js';
import type { Run } from './demand.js';
import { FirstFit } from './firstFit.js';

export interface Packed {
  nodes: number;
  fluidBound: number;
  /** pods larger than a whole (reduced) node: each took a node of its own */
  oversized: number;
}

const MIB_PER_GIB = 1024;

const share = (x: number, room: number) => (room > 0 ? x / room : x > 0 ? Infinity : 0);

/**
 * Largest first by the larger of the two shares of the node; ties by cpu, then memory,
 * then name, so equal inputs pack the same way whatever order they were read in. The
 * share is worked out once per run, not once per comparison.
 */
function decreasing(runs: readonly Run[], room: { cpu: number; mem: number }): Run[] {
  const keyed = runs.map((r) => ({ r, size: Math.max(share(r.cpu, room.cpu), share(r.mem, room.mem)) }));
  keyed.sort(
    (a, b) =>
      b.size - a.size ||
      b.r.cpu - a.r.cpu ||
      b.r.mem - a.r.mem ||
      (a.r.name < b.r.name ? -1 : a.r.name > b.r.name ? 1 : 0),
  );
  return keyed.map((k) => k.r);
}

export function pack(shape: { vcpu: number; memoryGiB: number }, reserved: Footprint, runs: readonly Run[], packTarget: number): Packed {
  const room = {
    cpu: Math.max(0, packTarget * shape.vcpu - reserved.cpu),
    mem: Math.max(0, packTarget * shape.memoryGiB * MIB_PER_GIB - reserved.memoryMiB),
  };
  const ff = new FirstFit(room.cpu, room.mem);
  let oversized = 0;
  let cpu = 0;
  let mem = 0;
  for (const r of decreasing(runs, room)) {
    // a pod that requests nothing counts 0 (DESIGN): it rides on any node and opens none
    if (r.cpu === 0 && r.mem === 0) continue;
    if (!ff.fitsEmpty(r.cpu, r.mem)) {
      oversized += r.count;
      continue;
    }
    cpu += r.cpu * r.count;
    mem += r.mem * r.count;
    ff.place(r.cpu, r.mem, r.count);
  }
  // a pod too big for a node takes one whole node: counted as one in the bound, as in the packing
  const fluidBound = oversized + Math.max(room.cpu > 0 ? cpu / room.cpu : 0, room.mem > 0 ? mem / room.mem : 0);
  return { nodes: ff.opened + oversized, fluidBound, oversized };
}

/**
 * The resources one proxy is charged for at a load (DESIGN section 3): usage grows
 * linearly with requests/s, and memory with the meshed pods of its cluster (each proxy
 * holds the mesh's endpoint configuration); requests are fixed; the basis picks which
 * one counts.
 */
import type { ComponentProfile, ControlPlaneProfile } from '../profiles/schema.js';
import type { Basis } from './types.js';

export interface Footprint {
  /** vCPU */
  cpu: number;
  /** MiB */
  memoryMiB: number;
}

/** cpu = base + per1kRps·L/1000; memory = base + per1kRps·L/1000 + perKPods·P/1000 */
export function usageAt(component: ComponentProfile, loadRps: number, meshedPods = 0): Footprint {
  const k = loadRps / 1000;
  const m = component.usage.memoryMiB;
  return {
    cpu: component.usage.cpu.base + component.usage.cpu.per1kRps * k,
    memoryMiB: m.base + m.per1kRps * k + m.perKPods * (meshedPods / 1000),
  };
}

/** `max` is OpenCost's convention: a pod costs what it reserves or what it uses, whichever is more, per resource. */
export function byBasis(usage: Footprint, requests: Footprint, basis: Basis): Footprint {
  if (basis === 'requests') return requests;
  if (basis === 'usage') return usage;
  return { cpu: Math.max(usage.cpu, requests.cpu), memoryMiB: Math.max(usage.memoryMiB, requests.memoryMiB) };
}

/** One proxy's footprint at load L in a cluster of P meshed pods. */
export function proxyFootprint(
  component: ComponentProfile,
  loadRps: number,
  basis: Basis,
  requestsOverride?: { cpu?: number; memoryMiB?: number },
  meshedPods = 0,
): Footprint {
  const requests: Footprint = {
    cpu: requestsOverride?.cpu ?? component.requests.cpu,
    memoryMiB: requestsOverride?.memoryMiB ?? component.requests.memory,
  };
  return byBasis(basis === 'requests' ? requests : usageAt(component, loadRps, meshedPods), requests, basis);
}

/** istiod: usage = requests + perProxy·N for N connected proxies; the basis applies as for proxies. */
export function controlPlaneFootprint(cp: ControlPlaneProfile, proxies: number, basis: Basis): Footprint {
  const requests: Footprint = { cpu: cp.cpu, memoryMiB: cp.memory };
  const usage: Footprint = { cpu: cp.cpu + cp.perProxy.cpu * proxies, memoryMiB: cp.memory + cp.perProxy.memoryMiB * proxies };
  return byBasis(usage, requests, basis);
}

/**
 * The resources one proxy is charged for at a load (DESIGN section 3): usage grows
 * linearly with requests/s; requests are fixed; the basis picks which one counts.
 */
import type { ComponentProfile } from '../profiles/schema.js';
import type { Basis } from './types.js';

export interface Footprint {
  /** vCPU */
  cpu: number;
  /** MiB */
  memoryMiB: number;
}

export function usageAt(component: ComponentProfile, loadRps: number): Footprint {
  const k = loadRps / 1000;
  return {
    cpu: component.usage.cpu.base + component.usage.cpu.per1kRps * k,
    memoryMiB: component.usage.memoryMiB.base + component.usage.memoryMiB.per1kRps * k,
  };
}

/**
 * One proxy's footprint. `max` is OpenCost's convention: a pod costs what it reserves
 * or what it uses, whichever is more, per resource.
 */
export function proxyFootprint(
  component: ComponentProfile,
  loadRps: number,
  basis: Basis,
  requestsOverride?: { cpu?: number; memoryMiB?: number },
): Footprint {
  const requests: Footprint = {
    cpu: requestsOverride?.cpu ?? component.requests.cpu,
    memoryMiB: requestsOverride?.memoryMiB ?? component.requests.memory,
  };
  if (basis === 'requests') return requests;
  const usage = usageAt(component, loadRps);
  if (basis === 'usage') return usage;
  return { cpu: Math.max(usage.cpu, requests.cpu), memoryMiB: Math.max(usage.memoryMiB, requests.memoryMiB) };
}

/**
 * An observed proxy profile: the usage that monitoring measured, on top of a base
 * profile that keeps everything a measurement cannot tell (requests, waypoint
 * scaling, the control plane, and the usage of proxy kinds nobody runs yet).
 * Pure: any source of samples (New Relic, a usage CSV) can feed it.
 */
import type { ProxyProfile } from './schema.js';

export const STATS = ['avg', 'p50', 'p95', 'p99', 'max'] as const;
export type Stat = (typeof STATS)[number];

export const OBSERVED_KINDS = ['sidecar', 'ztunnel', 'waypoint'] as const;
export type ObservedKind = (typeof OBSERVED_KINDS)[number];

/** One proxy's usage at the chosen statistic; the load is already in it. */
export interface ObservedUsage {
  /** vCPU */
  cpu: number;
  memoryMiB: number;
}

export interface ObservedProfileInput {
  base: ProxyProfile;
  name: string;
  description: string;
  /** where the observations come from; the base profile's sources are appended */
  sources: string[];
  usage: Partial<Record<ObservedKind, ObservedUsage>>;
  /** recorded as metadata.observed, so a reader of the profile can judge it */
  provenance: Record<string, unknown>;
}

export function observedProfile(input: ObservedProfileInput): ProxyProfile {
  const { base } = input;
  const spec = structuredClone(base.spec);
  for (const [kind, u] of Object.entries(input.usage) as [ObservedKind, ObservedUsage][]) {
    // a measured figure already includes the load it ran under, so it does not grow with rps
    spec[kind].usage = { cpu: { base: u.cpu, per1kRps: 0 }, memoryMiB: { base: u.memoryMiB, per1kRps: 0 } };
  }
  const observed = Object.keys(input.usage);
  const kept = OBSERVED_KINDS.filter((k) => !(k in input.usage));
  return {
    apiVersion: base.apiVersion,
    kind: base.kind,
    metadata: {
      name: input.name,
      description: input.description,
      sources: [
        ...input.sources,
        `usage of ${observed.length > 0 ? observed.join(', ') : 'no proxy kind'}: observed; ` +
          `${kept.length > 0 ? `usage of ${kept.join(', ')}, ` : ''}requests, waypoint scaling and control plane: base profile ${base.metadata.name}`,
        ...base.metadata.sources,
      ],
      observed: { baseProfile: base.metadata.name, ...input.provenance },
    },
    spec,
  };
}

/**
 * Observed proxy usage as readers hand it over (DESIGN section 1): plain data that
 * New Relic, Prometheus and usage.csv produce and src/profiles/fit turns into a
 * profile. Its own module, so that readers never import profiles and profiles never
 * import a reader.
 */

export const PROXY_KINDS = ['sidecar', 'ztunnel', 'waypoint'] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];

/** One sample of one proxy (usage.csv's rows). */
export interface UsageSample {
  /** identifies the pod across samples, e.g. `cluster/namespace/pod` */
  pod: string;
  /** vCPU */
  cpu: number;
  memoryMiB: number;
  /** requests/s through the proxy at that sample */
  rps?: number;
  /** ms since the epoch */
  time?: number;
}

/** One proxy pod's means over a window, as the source aggregated them. */
export interface ProxyPodUsage {
  /** cluster/namespace/pod */
  pod: string;
  /** mean vCPU and bytes */
  cpu: number;
  memoryBytes: number;
  /** mean requests/s through the proxy, when the source knows it per pod */
  rps?: number;
  /** the samples behind the means, when the source counts them */
  samples?: number;
  /** epoch ms of the first and last sample, when the source has them */
  firstSeen?: number;
  lastSeen?: number;
}

/** Each kind's pods; a kind with no pod reporting is absent. */
export type ObservedPods = Partial<Record<ProxyKind, ProxyPodUsage[]>>;

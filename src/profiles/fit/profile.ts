/**
 * An observed ProxyProfile: usage from the samples, everything else (requests, waypoint
 * scaling, istio-cni, control plane) from a base profile, and in `metadata.observed`
 * the provenance a reader needs to judge it: source, statistic, counts, time window
 * and fit quality per proxy kind. Pure: the caller names the source.
 */
import type { ProxyProfile } from '../schema.js';
import { RELATIVE_ACCURACY } from './sketch.js';
import type { Statistic } from './statistic.js';
import { PROXY_KINDS, type ObservedKind, type ObservedResource, type ObservedUsage } from './usage.js';

export interface ObservedSource {
  /** where the samples came from, as the user knows it: a file path, a New Relic account */
  source: string;
  name: string;
}

/** `observed-usage-p95` for usage.csv: a name that says where the profile came from */
export function observedProfileName(file: string, stat: Statistic): string {
  const stem = (file.split(/[/\\]/).pop() ?? file).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  return `observed-${stem || 'usage'}-${stat}`;
}

const STAT_TEXT: Record<Statistic, string> = {
  avg: 'average',
  p50: 'median',
  p95: '95th percentile',
  p99: '99th percentile',
  max: 'maximum',
};

export function observedProfile(base: ProxyProfile, observed: ObservedUsage, from: ObservedSource): ProxyProfile {
  const spec = structuredClone(base.spec);
  const fromBase: string[] = [];
  for (const kind of PROXY_KINDS) {
    const k = observed.kinds[kind];
    if (!k) {
      fromBase.push(kind);
      continue;
    }
    spec[kind].usage = {
      cpu: { base: k.cpu.base, per1kRps: k.cpu.per1kRps },
      // observed in this mesh, at its size: a perKPods term would count that memory twice
      memoryMiB: { base: k.memoryMiB.base, per1kRps: k.memoryMiB.per1kRps, perKPods: 0 },
    };
  }
  fromBase.push('cni');
  const baseName = base.metadata.name;
  const provenance: Record<string, unknown> = {
    source: from.source,
    statistic: observed.statistic,
    baseProfile: baseName,
    usageFromBase: fromBase,
  };
  for (const kind of PROXY_KINDS) {
    const k = observed.kinds[kind];
    if (k) provenance[kind] = kindProvenance(k);
  }
  return {
    apiVersion: base.apiVersion,
    kind: base.kind,
    metadata: {
      name: from.name,
      description: `Proxy usage observed in ${from.source} (${STAT_TEXT[observed.statistic]}); requests, waypoint scaling, istio-cni and control plane from ${baseName}.`,
      sources: [
        `[observed] ${from.source}, ${observed.statistic}: usage of ${PROXY_KINDS.filter((k) => observed.kinds[k]).join(', ') || 'no proxy kind'} (details in metadata.observed)`,
        ...base.metadata.sources.map((s) => `[${baseName}] ${s}`),
      ],
      observed: provenance,
    },
    spec,
  };
}

function kindProvenance(k: ObservedKind): Record<string, unknown> {
  return {
    samples: k.samples,
    pods: k.pods,
    ...(k.samplesWithoutRps > 0 ? { samplesWithoutRps: k.samplesWithoutRps } : {}),
    ...(k.window ? { window: { from: new Date(k.window.from).toISOString(), to: new Date(k.window.to).toISOString() } } : {}),
    ...(k.quantiles ? { quantiles: k.quantiles === 'exact' ? 'exact' : `DDSketch, within ${RELATIVE_ACCURACY * 100}% of the exact value` } : {}),
    cpu: resourceProvenance(k.cpu),
    memoryMiB: resourceProvenance(k.memoryMiB),
  };
}

function resourceProvenance(r: ObservedResource): Record<string, unknown> {
  if (r.model === 'per-pod') {
    return { model: 'per-pod mean', base: r.base, podMin: r.pods.min, podMax: r.pods.max, podStdDev: r.pods.stdDev };
  }
  const f = r.fit;
  return {
    model: 'least-squares line',
    base: r.base,
    per1kRps: r.per1kRps,
    fittedBase: f.base,
    r2: f.r2,
    residualRms: f.residualRms,
    ...(f.clamped ? { clampedAtZero: f.clamped } : {}),
    ...(f.constantLoad ? { constantLoad: true } : {}),
  };
}

/**
 * Observed usage samples → an observed ProxyProfile: every sample added to the fit, and
 * when a quantile needs them twice, replayed from the source. The samples come from
 * whatever reads them (usage.csv today): this module reads nothing itself.
 */
import { PROXY_KINDS, type ProxyKind, type UsageSample } from '../../observedUsage.js';
import type { Warnings } from '../../inventory/types.js';
import type { ProxyProfile } from '../schema.js';
import { observedProfile } from './profile.js';
import type { Statistic } from './statistic.js';
import { UsageFit, type ObservedUsage } from './usage.js';

/** Calls `onSample` for every sample; `again` on the second pass. */
export type SampleSource = (onSample: (kind: ProxyKind, sample: UsageSample) => void, again: boolean) => Promise<void>;

export interface UsageFitResult {
  profile: ProxyProfile;
  observed: ObservedUsage;
}

export interface SampleFitOptions {
  statistic: Statistic;
  /** the profile that supplies requests, waypoint scaling, istio-cni and control plane */
  base: ProxyProfile;
  /** see UsageFitOptions.exactLimit */
  exactLimit?: number;
  /** where the samples came from, as the user knows it (a file), and the profile's name */
  source: string;
  name: string;
  /** what warnings call the input (`<stdin>` for -) */
  input: string;
}

export async function fitSamples(read: SampleSource, options: SampleFitOptions, warnings: Warnings): Promise<UsageFitResult> {
  const fit = new UsageFit({ statistic: options.statistic, ...(options.exactLimit ? { exactLimit: options.exactLimit } : {}) });
  await read((kind, sample) => fit.add(kind, sample), false);
  if (fit.needsReplay()) await read((kind, sample) => fit.replay(kind, sample), true);
  const observed = fit.result();
  warnAboutFit(options.input, observed, warnings);
  return { observed, profile: observedProfile(options.base, observed, { source: options.source, name: options.name }) };
}

/** What a reader of the profile should know before trusting a line. */
function warnAboutFit(file: string, observed: ObservedUsage, warnings: Warnings): void {
  for (const kind of PROXY_KINDS) {
    const k = observed.kinds[kind];
    if (!k) continue;
    if (k.samplesWithoutRps > 0) {
      warnings.add(
        `usage-rps-missing:${kind}`,
        `${file}: {count} of ${k.samples.toLocaleString('en-US')} ${kind} samples {has|have} no rps while others have: {it is|they are} left out of the ${kind} line`,
        undefined,
        k.samplesWithoutRps,
      );
    }
    if (k.cpu.model === 'line' && k.cpu.fit.constantLoad) {
      warnings.add(
        `usage-constant-load:${kind}`,
        `${file}: every ${kind} sample has the same rps, so usage cannot be split into base and per-1k-rps: ${kind} usage is taken as flat`,
      );
    }
  }
}

/** usage.csv → an observed profile: the CSV reader's samples, fitted by src/profiles/fit. */
import { readUsageSamples } from '../inventory/csv/usage.js';
import { inputName } from '../inventory/csv/table.js';
import type { ReadContext } from '../inventory/types.js';
import { observedProfileName } from '../profiles/fit/profile.js';
import { fitSamples, type UsageFitResult } from '../profiles/fit/samples.js';
import type { Statistic } from '../profiles/fit/statistic.js';
import type { ProxyProfile } from '../profiles/schema.js';

export interface UsageFileOptions {
  statistic: Statistic;
  /** the profile that supplies requests, waypoint scaling, istio-cni and control plane */
  base: ProxyProfile;
  /** see UsageFitOptions.exactLimit */
  exactLimit?: number;
}

export function fitUsageFile(file: string, options: UsageFileOptions, ctx: ReadContext): Promise<UsageFitResult> {
  return fitSamples((onSample, again) => readUsageSamples(file, ctx, onSample, again), { ...options, source: file, input: inputName(file), name: observedProfileName(file, options.statistic) }, ctx.warnings);
}

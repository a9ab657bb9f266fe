/** `mesh-cost profiles fit`: usage.csv → an observed ProxyProfile (YAML), with a summary on stderr. */
import { Warnings } from '../inventory/types.js';
import type { ObservedResource, ObservedUsage } from '../profiles/fit/usage.js';
import { PROXY_KINDS } from '../profiles/fit/usage.js';
import type { Statistic } from '../profiles/fit/statistic.js';
import { loadProfile } from '../profiles/load.js';
import { fitUsageFile } from './usageFile.js';
import { profileYaml } from '../profiles/write.js';
import { writeResult } from './output.js';
import { DEFAULT_PROFILE } from '../profiles/defaultProfile.js';
import { progressOnStderr } from './progress.js';
import { note, warn } from './terminal.js';

export interface FitFlags {
  usage: string;
  stat: Statistic;
  baseProfile?: string;
  output?: string;
}

export async function fitProfileCommand(flags: FitFlags): Promise<void> {
  const baseName = flags.baseProfile ?? DEFAULT_PROFILE;
  const base = await loadProfile(baseName);
  const warnings = new Warnings();
  const progress = progressOnStderr();
  const { profile, observed } = await fitUsageFile(flags.usage, { statistic: flags.stat, base }, { warnings, progress: progress.report }).finally(progress.end);
  warn(warnings.list());
  for (const line of summary(observed)) note(line);
  const header = [
    `Observed proxy profile: mesh-cost profiles fit --usage ${flags.usage} --stat ${flags.stat} --base-profile ${baseName}`,
    'usage comes from the samples (how, and how well it fits: metadata.observed);',
    `requests, waypoint scaling, istio-cni and control plane come from ${base.metadata.name} (its sources: metadata.sources).`,
  ];
  await writeResult(profileYaml(profile, header), flags.output);
  if (flags.output) note(`wrote ${flags.output} (profile "${profile.metadata.name}"): use it with estimate -p ${flags.output}`);
}

const figure = (v: number) => Number(v.toPrecision(3)).toString();

function describe(r: ObservedResource, unit: string): string {
  if (r.model === 'per-pod') return `${figure(r.base)} ${unit}`;
  const r2 = r.fit.r2 === null ? '' : `, R² ${r.fit.r2.toFixed(2)}`;
  return `${figure(r.base)} ${unit} + ${figure(r.per1kRps)} per 1k rps${r2}`;
}

/** one line per proxy kind: what was seen and what it became */
function summary(observed: ObservedUsage): string[] {
  return PROXY_KINDS.flatMap((kind) => {
    const k = observed.kinds[kind];
    if (!k) return [];
    const how = k.cpu.model === 'per-pod' ? `${observed.statistic} of per-pod means` : `line, base at the ${observed.statistic} of samples`;
    return [`${kind}: ${k.samples} samples of ${k.pods} pods → cpu ${describe(k.cpu, 'vCPU')}, memory ${describe(k.memoryMiB, 'MiB')} (${how})`];
  });
}

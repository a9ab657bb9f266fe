/** The proxy usage New Relic observed, as a ProxyProfile over a base profile (src/profiles/observed.ts). */
import { MIB } from '../../quantity.js';
import { STATS, observedProfile, type ObservedKind, type ObservedUsage, type Stat } from '../../profiles/observed.js';
import type { ProxyProfile } from '../../profiles/schema.js';
import type { NewRelicSnapshot, Statistics } from './index.js';

export function newRelicProfile(snap: NewRelicSnapshot, base: ProxyProfile, stat: Stat, accountId: number): ProxyProfile {
  const since = new Date(snap.window.since).toISOString();
  const until = new Date(snap.window.until).toISOString();
  const usage: Partial<Record<ObservedKind, ObservedUsage>> = {};
  const proxies: Record<string, unknown> = {};
  const mib = (bytes: Statistics) => Object.fromEntries(STATS.map((s) => [s, bytes[s] / MIB])) as Statistics;
  for (const [kind, u] of Object.entries(snap.usage) as [ObservedKind, NonNullable<NewRelicSnapshot['usage'][ObservedKind]>][]) {
    usage[kind] = { cpu: u.cpu[stat], memoryMiB: u.memoryBytes[stat] / MIB };
    proxies[kind] = { samples: u.samples, pods: u.pods, cpu: u.cpu, memoryMiB: mib(u.memoryBytes) };
  }
  return observedProfile({
    base,
    name: `newrelic-observed-${stat}`,
    description: `istio-proxy usage observed in New Relic account ${accountId} (${stat}, ${since} to ${until}) over ${base.metadata.name}`,
    sources: [`New Relic account ${accountId}: K8sContainerSample, containerName = 'istio-proxy', ${since} to ${until}`],
    usage,
    provenance: { source: 'New Relic', account: accountId, since, until, statistic: stat, proxies },
  });
}

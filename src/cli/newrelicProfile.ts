/**
 * The proxy usage New Relic observed, as a ProxyProfile: each pod's average as NRDB
 * computed it, fitted by src/profiles/fit (podMeans.ts) — the statistic is taken
 * across pods, so `p95` is the proxy that 95% of proxies stay under on average.
 */
import type { NewRelicSnapshot } from '../inventory/newrelic/index.js';
import { podMeansProfile } from '../profiles/fit/podMeans.js';
import type { Statistic } from '../profiles/fit/statistic.js';
import type { ProxyProfile } from '../profiles/schema.js';

export function newRelicProfile(snap: NewRelicSnapshot, base: ProxyProfile, stat: Statistic, accountId: number): ProxyProfile {
  const since = new Date(snap.window.since).toISOString().slice(0, 10);
  const until = new Date(snap.window.until).toISOString().slice(0, 10);
  return podMeansProfile(snap.usage, base, stat, {
    source: `New Relic account ${accountId}, istio-proxy containers ${since} to ${until}`,
    name: `newrelic-observed-${stat}`,
  });
}

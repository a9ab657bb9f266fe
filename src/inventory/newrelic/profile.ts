/**
 * The proxy usage New Relic observed, as a ProxyProfile: the derivation `profiles fit`
 * uses for usage.csv (src/profiles/fit), fed with each pod's average as NRDB computed
 * it — the statistic is taken across pods, so `p95` is the proxy that 95% of proxies
 * stay under on average.
 */
import { observedProfile } from '../../profiles/fit/profile.js';
import type { Statistic } from '../../profiles/fit/statistic.js';
import { UsageFit, type ProxyKind } from '../../profiles/fit/usage.js';
import { proxyProfileSchema, type ProxyProfile } from '../../profiles/schema.js';
import { profileDocument } from '../../profiles/write.js';
import { MIB } from '../../quantity.js';
import type { NewRelicSnapshot } from './index.js';

export function newRelicProfile(snap: NewRelicSnapshot, base: ProxyProfile, stat: Statistic, accountId: number): ProxyProfile {
  const fit = new UsageFit({ statistic: stat });
  const pods = Object.entries(snap.usage) as [ProxyKind, NonNullable<NewRelicSnapshot['usage'][ProxyKind]>][];
  for (const [kind, list] of pods) for (const p of list) fit.add(kind, { pod: p.pod, cpu: p.cpu, memoryMiB: p.memoryBytes / MIB });
  const observed = fit.result();
  // one averaged row per pod went in: the samples and times behind them are NRDB's
  for (const [kind, list] of pods) {
    const k = observed.kinds[kind]!;
    k.samples = 0;
    let [from, to] = [Infinity, -Infinity];
    for (const p of list) {
      k.samples += p.samples;
      if (p.firstSeen !== undefined && p.lastSeen !== undefined) [from, to] = [Math.min(from, p.firstSeen), Math.max(to, p.lastSeen)];
    }
    if (from <= to) k.window = { from, to };
  }
  const since = new Date(snap.window.since).toISOString().slice(0, 10);
  const until = new Date(snap.window.until).toISOString().slice(0, 10);
  const profile = observedProfile(base, observed, {
    source: `New Relic account ${accountId}, istio-proxy containers ${since} to ${until}`,
    name: `newrelic-observed-${stat}`,
  });
  // as its YAML in a snapshot will read back, so that a live run and an offline run of its snapshot agree to the cent
  return proxyProfileSchema.parse(profileDocument(profile));
}

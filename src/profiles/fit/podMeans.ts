/**
 * An observed profile from per-pod aggregates (DESIGN section 2): one row per proxy pod,
 * its mean usage (and mean rps) over the window as the source computed it. The
 * statistic is taken across pods and, where pods carry rps, the load slope is fitted
 * across pods: `profiles fit` with one sample per pod. Used by every source that
 * aggregates server-side (New Relic, Prometheus); the caller names the source.
 */
import { PROXY_KINDS, type ObservedPods } from '../../observedUsage.js';
import { MIB } from '../../quantity.js';
import { proxyProfileSchema, type ProxyProfile } from '../schema.js';
import { profileDocument } from '../write.js';
import { observedProfile, type ObservedSource } from './profile.js';
import type { Statistic } from './statistic.js';
import { UsageFit } from './usage.js';

export function podMeansProfile(usage: ObservedPods, base: ProxyProfile, stat: Statistic, from: ObservedSource): ProxyProfile {
  const fit = new UsageFit({ statistic: stat });
  for (const kind of PROXY_KINDS) {
    for (const p of usage[kind] ?? []) fit.add(kind, { pod: p.pod, cpu: p.cpu, memoryMiB: p.memoryBytes / MIB, ...(p.rps !== undefined ? { rps: p.rps } : {}) });
  }
  const observed = fit.result();
  // one averaged row per pod went in: the samples and times behind them are the source's, where it counts them
  for (const kind of PROXY_KINDS) {
    const list = usage[kind];
    const k = observed.kinds[kind];
    if (!list || !k || !list.every((p) => p.samples !== undefined)) continue;
    k.samples = 0;
    let [first, last] = [Infinity, -Infinity];
    for (const p of list) {
      k.samples += p.samples!;
      if (p.firstSeen !== undefined && p.lastSeen !== undefined) [first, last] = [Math.min(first, p.firstSeen), Math.max(last, p.lastSeen)];
    }
    if (first <= last) k.window = { from: first, to: last };
  }
  // as its YAML in a snapshot will read back, so that a live run and an offline run of its snapshot agree to the cent
  return proxyProfileSchema.parse(profileDocument(observedProfile(base, observed, from)));
}

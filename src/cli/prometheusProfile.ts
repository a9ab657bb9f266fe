/** Prometheus' per-pod proxy usage → the run's observed profile (src/profiles/fit does the fitting). */
import type { PrometheusSnapshot } from '../inventory/prometheus/index.js';
import { podMeansProfile } from '../profiles/fit/podMeans.js';
import type { Statistic } from '../profiles/fit/statistic.js';
import type { ProxyProfile } from '../profiles/schema.js';

export function prometheusProfile(snap: PrometheusSnapshot, base: ProxyProfile, stat: Statistic, baseUrl: string): ProxyProfile {
  const since = new Date(snap.window.since).toISOString().slice(0, 10);
  const until = new Date(snap.window.until).toISOString().slice(0, 10);
  return podMeansProfile(snap.usage, base, stat, {
    source: `Prometheus ${baseUrl}, istio-proxy containers (per-pod means) ${since} to ${until}`,
    name: `prometheus-observed-${stat}`,
  });
}

/**
 * cAdvisor's istio-proxy series → each proxy pod's mean usage over the window, with
 * its mean rps where Istio's metrics carry the pod (pure). The kind is the pod's: a
 * ztunnel or waypoint pod by its labels, a sidecar when it runs istio-proxy beside its
 * own containers; gateways are neither and are left out. Only pods running at the
 * evaluation time have labels to tell their kind by.
 */
import type { ObservedPods, ProxyKind, ProxyPodUsage } from '../../observedUsage.js';
import type { Sample } from './client.js';
import type { Pod } from './pods.js';
import { byText, key, type Naming } from './series.js';

export interface UsageSeries {
  cpu: readonly Sample[];
  memory: readonly Sample[];
  rps: readonly Sample[];
}

function kindOf(p: Pod): ProxyKind | undefined {
  if (p.infrastructure === 'ztunnel' || p.infrastructure === 'waypoint') return p.infrastructure;
  return p.sidecar ? 'sidecar' : undefined;
}

export function toProxyUsage(pods: readonly Pod[], series: UsageSeries, naming: Naming): ObservedPods {
  const podKey = (s: Sample) => key(naming.cluster(s), s.metric.namespace ?? '', s.metric.pod ?? '');
  const byPod = (list: readonly Sample[]) => new Map(list.filter((s) => Number.isFinite(s.value)).map((s) => [podKey(s), s.value]));
  const [cpu, memory, rps] = [byPod(series.cpu), byPod(series.memory), byPod(series.rps)];
  const out: ObservedPods = {};
  for (const p of pods) {
    const kind = kindOf(p);
    const k = key(p.cluster, p.namespace, p.name);
    const [c, m] = [cpu.get(k), memory.get(k)];
    if (!kind || c === undefined || m === undefined) continue;
    const r = rps.get(k);
    const usage: ProxyPodUsage = { pod: `${p.cluster}/${p.namespace}/${p.name}`, cpu: c, memoryBytes: m, ...(r !== undefined ? { rps: r } : {}) };
    (out[kind] ??= []).push(usage);
  }
  for (const list of Object.values(out)) list.sort((a, b) => byText(a.pod, b.pod));
  return out;
}

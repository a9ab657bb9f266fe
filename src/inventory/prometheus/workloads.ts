/**
 * Running pods → workloads, with the traffic Istio measured (pure). rps is the mean
 * rate of istio_requests_total over the window, bytes per request the measured
 * request + response bytes over the request count; --workloads adds what metrics
 * cannot tell (waypoint, canary) and fills rps and bytes per request only where
 * Istio measured none. Each substitution is a counted warning, so the report says
 * which figure came from where.
 */
import type { InfrastructureSeen, InventoryWorkload, Warnings } from '../types.js';
import type { Sample } from './client.js';
import type { OverlayRow } from '../csv/overlay.js';
import type { Pod } from './pods.js';
import { byText, key, type Naming } from './series.js';

export interface Traffic {
  rps: readonly Sample[];
  bytesPerRequest: readonly Sample[];
}

interface Mean {
  mean: number;
  n: number;
}

function addTo(m: Mean, value: number): void {
  m.n++;
  m.mean += (value - m.mean) / m.n;
}

interface Fold {
  w: InventoryWorkload;
  cpu: Mean;
  memoryMiB: Mean;
  proxyCpu: Mean;
  proxyMemoryMiB: Mean;
}

export function toWorkloads(
  pods: readonly Pod[],
  traffic: Traffic,
  overlay: ReadonlyMap<string, OverlayRow>,
  naming: Naming,
  warnings: Warnings,
): InventoryWorkload[] {
  const measured = (series: readonly Sample[]) => {
    const out = new Map<string, number>();
    for (const s of series) {
      const { destination_workload_namespace: ns, destination_workload: name } = s.metric;
      if (!ns || !name || !Number.isFinite(s.value) || s.value < 0) continue;
      out.set(key(naming.cluster(s), ns, name), s.value);
    }
    return out;
  };
  const rpsOf = measured(traffic.rps);
  const bytesOf = new Map([...measured(traffic.bytesPerRequest)].filter(([, v]) => v > 0));
  const istio = rpsOf.size > 0;
  if (!istio) {
    warnings.add(
      'prometheus-no-istio',
      'Prometheus has no istio_requests_total{reporter="destination"} series in the window: is Istio\'s telemetry scraped? Traffic counts as 0 where --workloads gives no rps',
    );
  }

  const folds = new Map<string, Fold>();
  for (const p of pods) {
    if (p.infrastructure) continue;
    const k = key(p.cluster, p.namespace, p.ownerName);
    let f = folds.get(k);
    if (!f) {
      f = {
        w: {
          cluster: p.cluster,
          environment: naming.environment(p.cluster),
          namespace: p.namespace,
          name: p.ownerName,
          kind: p.ownerKind,
          replicas: 0,
          ...trafficOf(k, `${p.cluster}/${p.namespace}/${p.ownerName}`),
          hostNetwork: false,
          placement: new Map(),
          sidecarsToday: 0,
          podsWithoutRequests: 0,
        },
        cpu: { mean: 0, n: 0 },
        memoryMiB: { mean: 0, n: 0 },
        proxyCpu: { mean: 0, n: 0 },
        proxyMemoryMiB: { mean: 0, n: 0 },
      };
      folds.set(k, f);
    }
    const w = f.w;
    w.replicas++;
    w.hostNetwork ||= p.hostNetwork;
    if (p.node) w.placement!.set(p.node, (w.placement!.get(p.node) ?? 0) + 1);
    if (p.sidecar) w.sidecarsToday!++;
    if (p.optedOut) w.optedOut = (w.optedOut ?? 0) + 1;
    if (p.requests) {
      addTo(f.cpu, p.requests.cpu);
      addTo(f.memoryMiB, p.requests.memoryMiB);
    } else w.podsWithoutRequests!++;
    if (p.sidecarRequests?.cpu !== undefined) addTo(f.proxyCpu, p.sidecarRequests.cpu);
    if (p.sidecarRequests?.memoryMiB !== undefined) addTo(f.proxyMemoryMiB, p.sidecarRequests.memoryMiB);
  }
  for (const [k, row] of overlay) {
    if (!folds.has(k)) {
      warnings.add('prometheus-overlay-absent', '{count} {workload|workloads} in --workloads {is|are} not running according to Prometheus and {was|were} left out', `${row.origin}: ${row.cluster}/${row.namespace}/${row.workload}`);
    }
  }
  return [...folds.values()].map(({ w, cpu, memoryMiB, proxyCpu, proxyMemoryMiB }) => {
    if (cpu.n > 0) w.podRequests = { cpu: cpu.mean, memoryMiB: memoryMiB.mean };
    if (proxyCpu.n + proxyMemoryMiB.n > 0) {
      w.sidecarRequests = { ...(proxyCpu.n > 0 ? { cpu: proxyCpu.mean } : {}), ...(proxyMemoryMiB.n > 0 ? { memoryMiB: proxyMemoryMiB.mean } : {}) };
    }
    return w;
  });

  /** Measured traffic first; --workloads where Istio measured none; each choice counted. */
  function trafficOf(k: string, name: string): Pick<InventoryWorkload, 'rps' | 'bytesPerRequest' | 'waypoint' | 'canary'> {
    const extra = overlay.get(k);
    let rps = rpsOf.get(k);
    if (rps !== undefined && extra?.rps !== undefined && extra.rps !== rps) {
      warnings.add('prometheus-rps-measured', '{count} {workload has|workloads have} rps in --workloads and in Istio\'s metrics: the measured rps is used', `${name}: measured ${round(rps)}, --workloads ${extra.rps}`);
    }
    if (rps === undefined && extra?.rps !== undefined) {
      rps = extra.rps;
      warnings.add('prometheus-rps-overlay', '{count} {workload has|workloads have} no istio_requests_total in Prometheus: {its|their} rps comes from --workloads', name);
    }
    if (rps === undefined) {
      if (istio) warnings.add('prometheus-no-traffic', '{count} {workload has|workloads have} no istio_requests_total in Prometheus and no rps in --workloads: {its|their} traffic counts as 0', name);
      rps = 0;
    }
    let bytesPerRequest = bytesOf.get(k);
    if (bytesPerRequest !== undefined && extra?.bytesPerRequest !== undefined && extra.bytesPerRequest !== bytesPerRequest) {
      warnings.add('prometheus-bytes-measured', '{count} {workload has|workloads have} bytes_per_request in --workloads and measured by Istio: the measured bytes per request are used', `${name}: measured ${round(bytesPerRequest)}, --workloads ${extra.bytesPerRequest}`);
    }
    if (bytesPerRequest === undefined && extra?.bytesPerRequest !== undefined) {
      bytesPerRequest = extra.bytesPerRequest;
      if (istio) warnings.add('prometheus-bytes-overlay', '{count} {workload has|workloads have} no istio_request_bytes in Prometheus: {its|their} bytes per request {comes|come} from --workloads', name);
    }
    return { rps, ...(bytesPerRequest !== undefined ? { bytesPerRequest } : {}), waypoint: extra?.waypoint ?? false, canary: extra?.canary ?? false };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The mesh's own pods, per owning controller. */
export function toInfrastructure(pods: readonly Pod[]): InfrastructureSeen[] {
  const seen = new Map<string, InfrastructureSeen>();
  for (const p of pods) {
    if (!p.infrastructure) continue;
    const k = key(p.cluster, p.namespace, p.ownerName, p.infrastructure);
    const i = seen.get(k) ?? { cluster: p.cluster, namespace: p.namespace, name: p.ownerName, component: p.infrastructure, pods: 0 };
    i.pods++;
    seen.set(k, i);
  }
  return [...seen.values()].sort((a, b) => byText(a.cluster, b.cluster) || byText(a.namespace, b.namespace) || byText(a.name, b.name));
}

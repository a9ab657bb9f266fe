/**
 * What New Relic says about today's mesh, as far as its attributes allow (DESIGN
 * section 2, "Scope"): each pod's running containers (istio-proxy or not, and their
 * requests), and namespaces' mesh labels. Pure: NRQL rows in, facts out.
 */
import { MIB } from '../../quantity.js';
import { dataPlaneOf } from '../meshLabels.js';
import type { InventoryNamespace, PodRequests } from '../types.js';
import { NAMESPACE_LABELS, labelAlias } from './queries.js';
import { liveRows, num, str, type FacetRow } from './results.js';

const PROXY_CONTAINER = 'istio-proxy';

/** One pod's running containers, as K8sContainerSample reports them. */
export interface PodContainers {
  /** an istio-proxy container beside the application's: a sidecar today */
  sidecar: boolean;
  /** istio-proxy and nothing else: a gateway or a waypoint, not an application */
  onlyProxy: boolean;
  /** the containers' requests without istio-proxy; undefined when none declares any */
  requests?: PodRequests;
}

export const podKey = (cluster: string, namespace: string, pod: string) => `${cluster}\u0000${namespace}\u0000${pod}`;

/** Container rows (FACET clusterName, namespaceName, podName, containerName) folded per pod. */
export function toPodContainers(rows: readonly FacetRow[]): Map<string, PodContainers> {
  const acc = new Map<string, { names: Set<string>; cpu: number; bytes: number; declared: boolean }>();
  for (const { facets, values } of liveRows(rows)) {
    const [cluster, namespace, pod, container] = facets;
    if (cluster == null || namespace == null || pod == null || container == null) continue;
    const k = podKey(cluster, namespace, pod);
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { names: new Set(), cpu: 0, bytes: 0, declared: false }));
    a.names.add(container);
    if (container === PROXY_CONTAINER) continue;
    const cpu = num(values.cpu);
    const bytes = num(values.memoryBytes);
    if (cpu !== undefined || bytes !== undefined) a.declared = true;
    a.cpu += cpu ?? 0;
    a.bytes += bytes ?? 0;
  }
  const out = new Map<string, PodContainers>();
  for (const [k, a] of acc) {
    const proxy = a.names.has(PROXY_CONTAINER);
    out.set(k, {
      sidecar: proxy && a.names.size > 1,
      onlyProxy: proxy && a.names.size === 1,
      ...(a.declared ? { requests: { cpu: a.cpu, memoryMiB: a.bytes / MIB } } : {}),
    });
  }
  return out;
}

/**
 * Namespaces with today's data plane. Undefined when no namespace carries any of the
 * labels: kube-state-metrics then does not export them (its allowlist), and a list of
 * namespaces "without labels" would wrongly say that none is meshed.
 */
export function toNamespaces(rows: readonly FacetRow[]): InventoryNamespace[] | undefined {
  const list: InventoryNamespace[] = [];
  let labelled = false;
  for (const { facets, values } of liveRows(rows)) {
    const [cluster, name] = facets;
    if (cluster == null || name == null) continue;
    const labels = Object.fromEntries(NAMESPACE_LABELS.map((l) => [l, str(values[labelAlias(l)])]));
    if (Object.values(labels).some((v) => v !== undefined)) labelled = true;
    const today = dataPlaneOf(labels);
    list.push({ cluster, name, ...(today ? { dataPlane: today.dataPlane, label: today.label } : {}) });
  }
  return labelled ? list.sort((a, b) => (a.cluster + '\u0000' + a.name < b.cluster + '\u0000' + b.name ? -1 : 1)) : undefined;
}

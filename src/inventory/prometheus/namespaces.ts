/**
 * kube_namespace_labels → the namespaces and how each is meshed today (pure):
 * `istio-injection=enabled` or `istio.io/rev=…` is sidecar, `istio.io/dataplane-mode=ambient`
 * is ambient (sidecar injection wins where both are set: injected pods are not
 * captured by ztunnel).
 */
import type { InventoryNamespace, MeshObservation } from '../types.js';
import type { Sample } from './client.js';
import { promLabel } from './queries.js';
import { byText, type Naming } from './series.js';

export function toNamespaces(series: readonly Sample[], naming: Naming): { namespaces: InventoryNamespace[]; labelled: MeshObservation['labelledNamespaces'] } {
  const namespaces: InventoryNamespace[] = [];
  const labelled: MeshObservation['labelledNamespaces'] = [];
  for (const s of series) {
    const name = s.metric.namespace;
    if (!name) continue;
    const cluster = naming.cluster(s);
    const injection = s.metric[promLabel('istio-injection')];
    const rev = s.metric[promLabel('istio.io/rev')];
    const mode = s.metric[promLabel('istio.io/dataplane-mode')];
    const labels = [
      ...(injection === 'enabled' ? [`istio-injection=${injection}`] : []),
      ...(rev ? [`istio.io/rev=${rev}`] : []),
      ...(mode === 'ambient' ? [`istio.io/dataplane-mode=${mode}`] : []),
    ];
    for (const label of labels) labelled.push({ cluster, namespace: name, label });
    const sidecar = labels.find((l) => !l.startsWith('istio.io/dataplane-mode'));
    const ambient = labels.find((l) => l.startsWith('istio.io/dataplane-mode'));
    const label = sidecar ?? ambient;
    namespaces.push({ cluster, name, ...(label ? { dataPlane: sidecar ? 'sidecar' : 'ambient', label } : {}) });
  }
  const order = (a: { cluster: string; namespace?: string; name?: string }, b: typeof a) =>
    byText(a.cluster, b.cluster) || byText(a.namespace ?? a.name ?? '', b.namespace ?? b.name ?? '');
  return { namespaces: namespaces.sort(order), labelled: labelled.sort(order) };
}

/**
 * kube-state-metrics' pod series → running pods with their top-level controller (pure).
 * The owner is kube_pod_owner's controller, resolved ReplicaSet → Deployment by
 * kube_replicaset_owner and Job → CronJob by kube_job_owner. A pod's own requests are
 * Kubernetes' effective request without istio-proxy: the larger of its containers' sum
 * and its largest init container. Mesh infrastructure (ztunnel, istio-cni, istiod,
 * waypoints, gateways) is told apart by the labels DESIGN section 2 lists.
 */
import { MIB } from '../../quantity.js';
import type { InfrastructureComponent, Warnings } from '../types.js';
import type { Sample } from './client.js';
import { promLabel } from './queries.js';
import { byText, key, type Naming } from './series.js';

export interface PodSeries {
  pods: readonly Sample[];
  podOwners: readonly Sample[];
  replicaSetOwners: readonly Sample[];
  jobOwners: readonly Sample[];
  podRequests: readonly Sample[];
  podInitRequests: readonly Sample[];
  podLabels: readonly Sample[];
  sidecarPods: readonly Sample[];
  sidecarRequests: readonly Sample[];
  proxyOnlyPods: readonly Sample[];
}

export interface Pod {
  cluster: string;
  namespace: string;
  name: string;
  node: string;
  ownerKind: string;
  ownerName: string;
  hostNetwork: boolean;
  /** runs istio-proxy beside its own containers today */
  sidecar: boolean;
  /** istio-proxy's requests, when it runs one */
  sidecarRequests?: { cpu?: number; memoryMiB?: number };
  optedOut: boolean;
  /** Kubernetes' effective request of its own containers; absent when it declares none */
  requests?: { cpu: number; memoryMiB: number };
  /** set for the mesh's own pods, which are never workloads */
  infrastructure?: InfrastructureComponent;
}

type Labels = Readonly<Record<string, string | undefined>>;

const label = (labels: Labels, k: string): string | undefined => labels[promLabel(k)] || undefined;

/** The mesh component a pod is, from its labels; undefined for an application pod. */
export function infrastructureOf(labels: Labels, proxyOnly: boolean): InfrastructureComponent | undefined {
  const app = label(labels, 'app');
  if (app === 'ztunnel') return 'ztunnel';
  if (app === 'istio-cni-node') return 'istio-cni';
  if (app === 'istiod') return 'istiod';
  const managed = label(labels, 'gateway.istio.io/managed');
  if (managed === 'istio.io-mesh-controller') return 'waypoint';
  if (managed || label(labels, 'gateway.networking.k8s.io/gateway-name') || label(labels, 'istio.io/gateway-name')) return 'gateway';
  // the gateway chart sets `istio: <release>` on a pod that is nothing but the proxy
  if (proxyOnly && label(labels, 'istio')) return 'gateway';
  return undefined;
}

function optedOutOf(labels: Labels): boolean {
  return label(labels, 'sidecar.istio.io/inject') === 'false' || label(labels, 'istio.io/dataplane-mode') === 'none';
}

export function toPods(series: PodSeries, naming: Naming, warnings: Warnings): Pod[] {
  const podKey = (s: Sample) => key(naming.cluster(s), s.metric.namespace ?? '', s.metric.pod ?? '');
  const ownerOf = new Map(series.podOwners.map((s) => [podKey(s), { kind: s.metric.owner_kind ?? '', name: s.metric.owner_name ?? '' }]));
  const controllerOf = new Map<string, { kind: string; name: string }>();
  for (const s of series.replicaSetOwners) controllerOf.set(key(naming.cluster(s), s.metric.namespace ?? '', 'ReplicaSet', s.metric.replicaset ?? ''), { kind: s.metric.owner_kind ?? '', name: s.metric.owner_name ?? '' });
  for (const s of series.jobOwners) controllerOf.set(key(naming.cluster(s), s.metric.namespace ?? '', 'Job', s.metric.job_name ?? ''), { kind: s.metric.owner_kind ?? '', name: s.metric.owner_name ?? '' });
  const labelsOf = new Map(series.podLabels.map((s) => [podKey(s), s.metric]));
  const sidecars = new Set(series.sidecarPods.map(podKey));
  const proxyOnly = new Set(series.proxyOnlyPods.map(podKey));
  const requests = resourcesByPod(series.podRequests, podKey);
  const initRequests = resourcesByPod(series.podInitRequests, podKey);
  const proxyRequests = resourcesByPod(series.sidecarRequests, podKey);

  const pods: Pod[] = [];
  for (const s of series.pods) {
    const cluster = naming.cluster(s);
    const { namespace, pod: name, node } = s.metric;
    if (!namespace || !name) continue;
    const k = podKey(s);
    const direct = ownerOf.get(k);
    let owner = direct && direct.kind && direct.kind !== '<none>' && direct.kind !== 'Node' ? direct : { kind: 'Pod', name };
    const top = controllerOf.get(key(cluster, namespace, owner.kind, owner.name));
    if (top?.kind && top.name) owner = top;
    const labels = labelsOf.get(k) ?? {};
    const infrastructure = infrastructureOf(labels, proxyOnly.has(k));
    const sidecar = sidecars.has(k) && !infrastructure;
    const own = effective(requests.get(k), initRequests.get(k));
    const proxy = proxyRequests.get(k);
    if (!node) warnings.add('prometheus-pod-node', '{count} running {pod has|pods have} no node in kube_pod_info: {it is|they are} priced at the cluster average', `${cluster}/${namespace}/${name}`);
    pods.push({
      cluster,
      namespace,
      name,
      node: node ?? '',
      ownerKind: owner.kind,
      ownerName: owner.name,
      hostNetwork: s.metric.host_network === 'true',
      sidecar,
      ...(sidecar && proxy ? { sidecarRequests: { ...(proxy.cpu !== undefined ? { cpu: proxy.cpu } : {}), ...(proxy.memory !== undefined ? { memoryMiB: proxy.memory / MIB } : {}) } } : {}),
      optedOut: optedOutOf(labels),
      ...(own ? { requests: own } : {}),
      ...(infrastructure ? { infrastructure } : {}),
    });
  }
  return pods.sort((a, b) => byText(a.cluster, b.cluster) || byText(a.namespace, b.namespace) || byText(a.name, b.name));
}

/** Pods on nodes kube_node_info does not list (or lists without usable capacity) are priced at their cluster's average. */
export function warnUnknownNodes(pods: readonly Pod[], nodes: readonly { cluster: string; name: string }[], warnings: Warnings): void {
  const known = new Set(nodes.map((n) => key(n.cluster, n.name)));
  for (const p of pods) {
    if (p.infrastructure || !p.node || known.has(key(p.cluster, p.node))) continue;
    warnings.add('prometheus-unknown-node', '{count} running {pod is on a node|pods are on nodes} absent from kube_node_info: {it is|they are} priced at the cluster average', `${p.cluster}/${p.namespace}/${p.name} on ${p.node}`);
  }
}

interface Resources {
  cpu?: number;
  memory?: number;
}

function resourcesByPod(series: readonly Sample[], podKey: (s: Sample) => string): Map<string, Resources> {
  const out = new Map<string, Resources>();
  for (const s of series) {
    if (!Number.isFinite(s.value)) continue;
    const k = podKey(s);
    const r = out.get(k) ?? {};
    if (s.metric.resource === 'cpu') r.cpu = s.value;
    if (s.metric.resource === 'memory') r.memory = s.value;
    out.set(k, r);
  }
  return out;
}

/** Kubernetes' effective request per resource: max(sum of containers, largest init container). */
function effective(containers: Resources | undefined, inits: Resources | undefined): { cpu: number; memoryMiB: number } | undefined {
  if (!containers && !inits) return undefined;
  const cpu = Math.max(containers?.cpu ?? 0, inits?.cpu ?? 0);
  const memory = Math.max(containers?.memory ?? 0, inits?.memory ?? 0);
  return { cpu, memoryMiB: memory / MIB };
}

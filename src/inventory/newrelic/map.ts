/**
 * NRQL rows → the Inventory (pure). Nodes and pods come from the last few minutes of
 * samples; a node or pod whose newest sample is older than its cluster's newest by
 * more than LIVE_SLACK_MS has gone (a rollout's old pods, a scaled-in node) and is
 * left out, so replicas are the pods running now, not every pod the window saw.
 */
import { GIB } from '../../quantity.js';
import { infrastructureOf, isOptedOut } from '../meshLabels.js';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS, capacityTypeOf, firstLabel, noZtunnelOf } from '../nodeLabels.js';
import { MAX_NODE_MEMORY_BYTES, MAX_NODE_VCPU, UNKNOWN_ZONE } from '../types.js';
import type { ProxyPodUsage } from '../../observedUsage.js';
import type { PodRow } from '../csv/write.js';
import type { InfrastructureSeen, InventoryNode, InventoryWorkload, PodRequests, Warnings } from '../types.js';
import { NODE_LABELS, POD_LABELS, labelAlias } from './queries.js';
import { liveRows, num, str, type FacetRow } from './results.js';
import { podKey, type PodContainers } from './scope.js';

const key = (...parts: string[]) => parts.join('\u0000');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function toNodes(rows: readonly FacetRow[], warnings: Warnings): InventoryNode[] {
  const nodes: InventoryNode[] = [];
  for (const { facets, values: v } of liveRows(rows)) {
    const [cluster, name] = facets as [string | null, string | null];
    const vcpu = num(v.vcpu);
    const memoryBytes = num(v.memoryBytes);
    // the limits every reader applies, so a live run and its `newrelic export` snapshot agree
    const usable = (x: number | undefined, max: number): x is number => x !== undefined && x > 0 && x <= max;
    if (cluster === null || name === null || !usable(vcpu, MAX_NODE_VCPU) || !usable(memoryBytes, MAX_NODE_MEMORY_BYTES)) {
      warnings.add('newrelic-node-capacity', '{count} {node|nodes} in K8sNodeSample {has|have} no cluster, name or usable allocatable cpu/memory and {was|were} left out', `${cluster}/${name}`);
      continue;
    }
    const labels = Object.fromEntries(NODE_LABELS.map((label) => [label, str(v[labelAlias(label)])]));
    let zone = firstLabel(labels, ZONE_LABELS);
    if (zone === undefined) {
      warnings.add('newrelic-node-zone', `{count} {node has|nodes have} no ${ZONE_LABELS[0]} label: {it counts|they count} as zone "${UNKNOWN_ZONE}"`, `${cluster}/${name}`);
      zone = UNKNOWN_ZONE;
    }
    const instanceType = firstLabel(labels, INSTANCE_TYPE_LABELS);
    const noZtunnel = noZtunnelOf(labels);
    nodes.push({
      cluster,
      environment: cluster,
      name,
      zone,
      ...(instanceType ? { instanceType } : {}),
      capacityType: capacityTypeOf(labels),
      vcpu,
      memoryGiB: memoryBytes / GIB,
      ...(noZtunnel ? { noZtunnel } : {}),
    });
  }
  return nodes.sort((a, b) => byText(a.cluster, b.cluster) || byText(a.name, b.name));
}

/** A running pod with what New Relic tells about it beyond pods.csv's columns. */
export interface NrPod extends PodRow {
  /** its containers, when K8sContainerSample reported them */
  containers?: PodContainers;
  optedOut: boolean;
}

export interface Pods {
  pods: NrPod[];
  infrastructure: InfrastructureSeen[];
}

/**
 * Running pods with their top-level owner; mesh infrastructure (by the pod labels New
 * Relic carries, and istio-proxy as the only container) goes apart. A pod on a node with
 * no usable K8sNodeSample is kept (priced at its cluster's average, as with pods.csv and
 * kubectl); a pod of a cluster with no usable node at all cannot be priced and is left out.
 */
export function toPods(rows: readonly FacetRow[], nodes: readonly InventoryNode[], warnings: Warnings, containers: ReadonlyMap<string, PodContainers> = new Map()): Pods {
  const known = new Set(nodes.map((n) => key(n.cluster, n.name)));
  const clusters = new Set(nodes.map((n) => n.cluster));
  const pods: NrPod[] = [];
  const infra = new Map<string, InfrastructureSeen>();
  for (const { facets, values: v } of liveRows(rows)) {
    const [cluster, namespace, pod] = facets;
    if (cluster == null || namespace == null || pod == null) continue;
    const labels = Object.fromEntries(POD_LABELS.map((label) => [label, str(v[labelAlias(label)])]));
    const own = containers.get(podKey(cluster, namespace, pod));
    const owner = ownerOf(pod, v);
    const component = infrastructureOf({ labels, ...(own ? { onlyProxy: own.onlyProxy } : {}) });
    if (component) {
      const k = key(cluster, namespace, owner.ownerName, component);
      const seen = infra.get(k);
      if (seen) seen.pods++;
      else infra.set(k, { cluster, namespace, name: owner.ownerName, component, pods: 1 });
      continue;
    }
    const node = str(v.node) ?? '';
    if (!clusters.has(cluster)) {
      warnings.add('newrelic-pod-cluster', '{count} running {pod is|pods are} in clusters with no usable K8sNodeSample and {was|were} left out', `${cluster}/${namespace}/${pod}`);
      continue;
    }
    if (!known.has(key(cluster, node))) {
      warnings.add('newrelic-pod-node', '{count} running {pod is on a node|pods are on nodes} with no usable K8sNodeSample: {it is|they are} priced at the cluster average', `${cluster}/${namespace}/${pod} on "${node}"`);
    }
    pods.push({ cluster, namespace, pod, node, ...owner, ...(own ? { containers: own, sidecar: own.sidecar } : {}), optedOut: !own?.sidecar && isOptedOut(labels) });
  }
  return {
    pods: pods.sort((a, b) => byText(a.cluster, b.cluster) || byText(a.namespace, b.namespace) || byText(a.pod, b.pod)),
    infrastructure: [...infra.values()].sort((a, b) => byText(a.cluster, b.cluster) || byText(a.namespace, b.namespace) || byText(a.name, b.name)),
  };
}

/** The controller a user would name: the Deployment, not its ReplicaSet. */
function ownerOf(pod: string, v: Record<string, unknown>): { ownerKind: string; ownerName: string } {
  const deployment = str(v.deployment);
  if (deployment) return { ownerKind: 'Deployment', ownerName: deployment };
  const statefulset = str(v.statefulset);
  if (statefulset) return { ownerKind: 'StatefulSet', ownerName: statefulset };
  const daemonset = str(v.daemonset);
  if (daemonset) return { ownerKind: 'DaemonSet', ownerName: daemonset };
  const kind = str(v.createdKind);
  const name = str(v.createdBy);
  if (kind && name) return { ownerKind: kind, ownerName: name };
  return { ownerKind: 'Pod', ownerName: pod };
}

export function toProxyUsage(rows: readonly FacetRow[]): ProxyPodUsage[] {
  const pods: ProxyPodUsage[] = [];
  for (const { facets, values: v } of rows) {
    const samples = num(v.samples);
    const cpu = num(v.cpu);
    const memoryBytes = num(v.memoryBytes);
    if (!samples || cpu === undefined || memoryBytes === undefined) continue;
    const [firstSeen, lastSeen] = [num(v.firstSeen), num(v.lastSeen)];
    pods.push({ pod: facets.join('/'), samples, cpu, memoryBytes, ...(firstSeen !== undefined && lastSeen !== undefined ? { firstSeen, lastSeen } : {}) });
  }
  return pods.sort((a, b) => byText(a.pod, b.pod));
}

export interface WorkloadSources {
  pods: readonly NrPod[];
  /** requests served over the usage window, by (cluster, namespace, workload) */
  traffic: readonly FacetRow[];
  windowSeconds: number;
  /** workloads from --workloads: their rps (when New Relic has none), bytes per request, waypoint and canary flags apply */
  overlay: readonly InventoryWorkload[];
}

export function toWorkloads(src: WorkloadSources, warnings: Warnings): InventoryWorkload[] {
  const rpsOf = new Map<string, number>();
  for (const { facets, values } of src.traffic) {
    const [cluster, namespace, name] = facets;
    const requests = num(values.requests);
    if (cluster == null || namespace == null || name == null || requests === undefined) continue;
    const k = key(cluster, namespace, name);
    rpsOf.set(k, (rpsOf.get(k) ?? 0) + requests / src.windowSeconds);
  }
  const overlay = new Map(src.overlay.map((w) => [key(w.cluster, w.namespace, w.name), w]));
  const workloads = new Map<string, InventoryWorkload>();
  const requestSums = new Map<InventoryWorkload, PodRequests & { n: number }>();
  for (const p of src.pods) {
    const k = key(p.cluster, p.namespace, p.ownerName);
    let w = workloads.get(k);
    if (!w) {
      const extra = overlay.get(k);
      let rps = rpsOf.get(k) ?? extra?.rps;
      if (rps === undefined) {
        warnings.add('newrelic-no-traffic', '{count} {workload has|workloads have} no istio_requests_total in New Relic and no rps in --workloads: {its|their} traffic counts as 0', `${p.cluster}/${p.namespace}/${p.ownerName}`);
        rps = 0;
      }
      w = {
        cluster: p.cluster,
        environment: extra?.environment ?? p.cluster,
        namespace: p.namespace,
        name: p.ownerName,
        kind: p.ownerKind,
        replicas: 0,
        rps,
        ...(extra?.bytesPerRequest !== undefined ? { bytesPerRequest: extra.bytesPerRequest } : {}),
        waypoint: extra?.waypoint ?? false,
        canary: extra?.canary ?? false,
        hostNetwork: extra?.hostNetwork ?? false,
        placement: new Map(),
      };
      workloads.set(k, w);
    }
    w.replicas++;
    w.placement!.set(p.node, (w.placement!.get(p.node) ?? 0) + 1);
    addScopeFacts(w, p, requestSums);
  }
  for (const [w, sum] of requestSums) if (sum.n > 0) w.podRequests = { cpu: sum.cpu / sum.n, memoryMiB: sum.memoryMiB / sum.n };
  for (const [k, w] of overlay) {
    if (!workloads.has(k)) {
      warnings.add('newrelic-overlay-absent', '{count} {workload|workloads} in --workloads {is|are} not running according to New Relic and {was|were} left out', `${w.cluster}/${w.namespace}/${w.name}`);
    }
  }
  return [...workloads.values()];
}

/**
 * Sidecars today, opt-outs and own requests of one more pod. A workload none of whose
 * pods reported containers leaves sidecarsToday and the requests unset: New Relic could
 * not tell.
 */
function addScopeFacts(w: InventoryWorkload, p: NrPod, sums: Map<InventoryWorkload, PodRequests & { n: number }>): void {
  if (p.optedOut) w.optedOut = (w.optedOut ?? 0) + 1;
  else w.optedOut ??= 0;
  const c = p.containers;
  if (!c) return;
  w.sidecarsToday = (w.sidecarsToday ?? 0) + (c.sidecar ? 1 : 0);
  let sum = sums.get(w);
  if (!sum) sums.set(w, (sum = { cpu: 0, memoryMiB: 0, n: 0 }));
  if (c.requests) {
    sum.cpu += c.requests.cpu;
    sum.memoryMiB += c.requests.memoryMiB;
    sum.n++;
    w.podsWithoutRequests ??= 0;
  } else w.podsWithoutRequests = (w.podsWithoutRequests ?? 0) + 1;
}

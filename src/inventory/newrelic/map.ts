/**
 * NRQL rows → the Inventory (pure). Nodes and pods come from the last few minutes of
 * samples; a node or pod whose newest sample is older than its cluster's newest by
 * more than LIVE_SLACK_MS has gone (a rollout's old pods, a scaled-in node) and is
 * left out, so replicas are the pods running now, not every pod the window saw.
 */
import { GIB } from '../../quantity.js';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS, capacityTypeOf, firstLabel } from '../nodeLabels.js';
import { MAX_NODE_MEMORY_BYTES, MAX_NODE_VCPU, UNKNOWN_ZONE } from '../types.js';
import type { PodRow } from '../csv/write.js';
import type { InventoryNode, InventoryWorkload, Warnings } from '../types.js';
import { NODE_LABELS, isMeshInfrastructure, labelAlias } from './queries.js';
import { num, str, type FacetRow } from './results.js';

export const LIVE_SLACK_MS = 2 * 60_000;

const key = (...parts: string[]) => parts.join('\u0000');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows (faceted by cluster first) still reporting at the end of the window. */
export function liveRows(rows: readonly FacetRow[]): FacetRow[] {
  const newest = new Map<string | null, number>();
  for (const r of rows) {
    const seen = num(r.values.lastSeen);
    if (seen !== undefined) newest.set(r.facets[0]!, Math.max(newest.get(r.facets[0]!) ?? seen, seen));
  }
  return rows.filter((r) => {
    const seen = num(r.values.lastSeen);
    return seen === undefined || seen >= newest.get(r.facets[0]!)! - LIVE_SLACK_MS;
  });
}

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
    nodes.push({
      cluster,
      environment: cluster,
      name,
      zone,
      ...(instanceType ? { instanceType } : {}),
      capacityType: capacityTypeOf(labels),
      vcpu,
      memoryGiB: memoryBytes / GIB,
    });
  }
  return nodes.sort((a, b) => byText(a.cluster, b.cluster) || byText(a.name, b.name));
}

/**
 * Running application pods with their top-level owner; the mesh's own pods are left
 * out. A pod must run on a known node (as in pods.csv), else its proxy has no price.
 */
export function toPods(rows: readonly FacetRow[], nodes: readonly InventoryNode[], warnings: Warnings): PodRow[] {
  const known = new Set(nodes.map((n) => key(n.cluster, n.name)));
  const pods: PodRow[] = [];
  for (const { facets, values: v } of liveRows(rows)) {
    const [cluster, namespace, pod] = facets;
    if (cluster == null || namespace == null || pod == null) continue;
    if (isMeshInfrastructure({ app: str(v.app), istio: str(v.istio), gatewayManaged: str(v.gatewayManaged) })) continue;
    const node = str(v.node) ?? '';
    if (!known.has(key(cluster, node))) {
      warnings.add('newrelic-pod-node', '{count} running {pod is on a node|pods are on nodes} with no usable K8sNodeSample and {was|were} left out', `${cluster}/${namespace}/${pod} on "${node}"`);
      continue;
    }
    pods.push({ cluster, namespace, pod, node, ...ownerOf(pod, v) });
  }
  return pods.sort((a, b) => byText(a.cluster, b.cluster) || byText(a.namespace, b.namespace) || byText(a.pod, b.pod));
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

export interface ProxyPodUsage {
  /** cluster/namespace/pod */
  pod: string;
  samples: number;
  /** averages over the pod's samples: vCPU and bytes */
  cpu: number;
  memoryBytes: number;
  /** epoch ms of its first and last sample */
  firstSeen?: number;
  lastSeen?: number;
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
  pods: readonly PodRow[];
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
  }
  for (const [k, w] of overlay) {
    if (!workloads.has(k)) {
      warnings.add('newrelic-overlay-absent', '{count} {workload|workloads} in --workloads {is|are} not running according to New Relic and {was|were} left out', `${w.cluster}/${w.namespace}/${w.name}`);
    }
  }
  return [...workloads.values()];
}

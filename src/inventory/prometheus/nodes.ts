/**
 * kube-state-metrics' node series → InventoryNode (pure): the nodes of kube_node_info,
 * their allocatable cpu and memory, and the labels that place and price them, read by
 * the same rules as kubectl's node labels (../nodeLabels.ts). kube-state-metrics v2
 * exports only the labels named in its --metric-labels-allowlist: when none of the
 * nodes carries a zone, the warning gives the flag value that exports them.
 */
import { GIB } from '../../quantity.js';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS, capacityTypeOf, firstLabel } from '../nodeLabels.js';
import { MAX_NODE_MEMORY_BYTES, MAX_NODE_VCPU, UNKNOWN_ZONE, type InventoryNode, type NoZtunnelReason, type Warnings } from '../types.js';
import type { Sample } from './client.js';
import { NODE_LABEL_KEYS, NO_ZTUNNEL_LABELS, labelsAllowlist, promLabel } from './queries.js';
import { byText, key, type Naming } from './series.js';

export interface NodeSeries {
  nodes: readonly Sample[];
  allocatable: readonly Sample[];
  labels: readonly Sample[];
}

export function toNodes(series: NodeSeries, naming: Naming, warnings: Warnings): InventoryNode[] {
  const capacity = new Map<string, { cpu?: number; memory?: number }>();
  for (const s of series.allocatable) {
    const k = key(naming.cluster(s), s.metric.node ?? '');
    const c = capacity.get(k) ?? {};
    if (s.metric.resource === 'cpu') c.cpu = s.value;
    if (s.metric.resource === 'memory') c.memory = s.value;
    capacity.set(k, c);
  }
  const labelsOf = new Map<string, Record<string, string>>();
  for (const s of series.labels) {
    labelsOf.set(key(naming.cluster(s), s.metric.node ?? ''), Object.fromEntries(NODE_LABEL_KEYS.map((label) => [label, s.metric[promLabel(label)] ?? ''])));
  }
  const nodes: InventoryNode[] = [];
  let zoneless = 0;
  for (const s of series.nodes) {
    const cluster = naming.cluster(s);
    const name = s.metric.node;
    if (!name) continue;
    const { cpu, memory } = capacity.get(key(cluster, name)) ?? {};
    const usable = (x: number | undefined, max: number): x is number => x !== undefined && Number.isFinite(x) && x > 0 && x <= max;
    if (!usable(cpu, MAX_NODE_VCPU) || !usable(memory, MAX_NODE_MEMORY_BYTES)) {
      warnings.add('prometheus-node-capacity', '{count} {node|nodes} in kube_node_info {has|have} no usable kube_node_status_allocatable cpu and memory and {was|were} left out', `${cluster}/${name}`);
      continue;
    }
    const labels = labelsOf.get(key(cluster, name)) ?? {};
    let zone = firstLabel(labels, ZONE_LABELS);
    if (zone === undefined) {
      zoneless++;
      zone = UNKNOWN_ZONE;
    }
    const instanceType = firstLabel(labels, INSTANCE_TYPE_LABELS);
    const noZtunnel = noZtunnelOf(labels);
    nodes.push({
      cluster,
      environment: naming.environment(cluster),
      name,
      zone,
      ...(instanceType ? { instanceType } : {}),
      capacityType: capacityTypeOf(labels),
      vcpu: cpu,
      memoryGiB: memory / GIB,
      ...(noZtunnel ? { noZtunnel } : {}),
    });
  }
  if (zoneless > 0) {
    const none = zoneless === nodes.length;
    warnings.add(
      'prometheus-node-zone',
      none
        ? `no node in kube_node_labels has a ${promLabel(ZONE_LABELS[0]!)} label: every node counts as zone "${UNKNOWN_ZONE}" (no cross-zone traffic). kube-state-metrics exports node labels only when asked: run it with --metric-labels-allowlist=${labelsAllowlist()}`
        : `{count} {node has|nodes have} no ${promLabel(ZONE_LABELS[0]!)} label in kube_node_labels: {it counts|they count} as zone "${UNKNOWN_ZONE}"`,
      undefined,
      zoneless,
    );
  }
  return nodes.sort((a, b) => byText(a.cluster, b.cluster) || byText(a.name, b.name));
}

function noZtunnelOf(labels: Readonly<Record<string, string>>): NoZtunnelReason | undefined {
  for (const [label, value] of Object.entries(NO_ZTUNNEL_LABELS)) if (labels[label] === value) return value;
  return undefined;
}

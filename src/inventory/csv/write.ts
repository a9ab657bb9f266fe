/**
 * An inventory as nodes.csv, workloads.csv and pods.csv (DESIGN section 2) that the
 * CSV reader reads back to the same numbers: a snapshot of a live source (New Relic)
 * that later runs use offline. Numbers are written in full (memory in bytes), never
 * rounded.
 */
import { GIB, MIB } from '../../quantity.js';
import type { InventoryNode, InventoryWorkload } from '../types.js';

export interface PodRow {
  cluster: string;
  namespace: string;
  pod: string;
  node: string;
  ownerKind: string;
  ownerName: string;
  /** runs istio-proxy today, when the source can tell (a scope fact: not a pods.csv column) */
  sidecar?: boolean;
  /** opted out of the mesh at pod level (a scope fact: not a pods.csv column) */
  optedOut?: boolean;
}

/** RFC 4180: quote a cell holding a separator, a quote, a line break or edge spaces. */
function cell(value: string | number | boolean | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function table(header: readonly string[], rows: Iterable<readonly (string | number | boolean | undefined)[]>): string {
  let out = header.join(',') + '\n';
  for (const r of rows) out += r.map(cell).join(',') + '\n';
  return out;
}

export function nodesCsv(nodes: readonly InventoryNode[]): string {
  return table(
    ['cluster', 'environment', 'node', 'zone', 'instance_type', 'capacity_type', 'vcpu', 'memory', 'hourly_price'],
    nodes.map((n) => [n.cluster, n.environment, n.name, n.zone, n.instanceType, n.capacityType, n.vcpu, n.memoryGiB * GIB, n.hourlyPrice]),
  );
}

export function workloadsCsv(workloads: readonly InventoryWorkload[]): string {
  return table(
    ['cluster', 'environment', 'namespace', 'workload', 'kind', 'replicas', 'rps', 'bytes_per_request', 'waypoint', 'canary', 'host_network', 'cpu_request', 'memory_request'],
    // one pod's own requests (their mean over the pods): the reader takes a plain memory number as bytes
    workloads.map((w) => [
      w.cluster, w.environment, w.namespace, w.name, w.kind, w.replicas, w.rps, w.bytesPerRequest, w.waypoint, w.canary, w.hostNetwork,
      w.podRequests?.cpu, w.podRequests ? w.podRequests.memoryMiB * MIB : undefined,
    ]),
  );
}

export function podsCsv(pods: readonly PodRow[]): string {
  return table(
    ['cluster', 'namespace', 'pod', 'node', 'owner_kind', 'owner_name'],
    pods.map((p) => [p.cluster, p.namespace, p.pod, p.node, p.ownerKind, p.ownerName]),
  );
}

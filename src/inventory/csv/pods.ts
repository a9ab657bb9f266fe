/**
 * pods.csv folded into one group per owner as rows stream by: a million pods become
 * a few thousand counters and pods-per-node maps, never a million objects.
 */
import { bool, kind, required } from './cells.js';
import type { NodeIndex } from './nodes.js';
import { inputName, readTable, type CsvRun } from './table.js';
import { requestsOf, workloadKey } from './workloads.js';

const COLUMNS = {
  known: ['cluster', 'namespace', 'pod', 'node', 'owner_kind', 'owner_name', 'host_network', 'cpu_request', 'memory_request'],
  required: ['cluster', 'namespace', 'pod', 'node', 'owner_kind', 'owner_name'],
} as const;

/** The pods of one owner (cluster, namespace, owner_name). */
export interface PodGroup {
  cluster: string;
  namespace: string;
  owner: string;
  kind: string;
  pods: number;
  /** node name → pods of this owner on it */
  placement: Map<string, number>;
  hostNetwork: boolean;
  /** sums of the own requests of the pods that give them (cpu_request, memory_request), and their count */
  requests: { cpu: number; memoryMiB: number; n: number };
  /** first pod row, to point at */
  line: number;
}

export interface Pods {
  /** by workloadKey, in order of first appearance */
  groups: Map<string, PodGroup>;
  rows: number;
}

export async function readPods(file: string, nodesFile: string, nodes: NodeIndex, run: CsvRun): Promise<Pods> {
  const groups = new Map<string, PodGroup>();
  /** one copy of each unlisted node's name, however many pods point at it */
  const unknownNodes = new Map<string, string>();
  // Pod lists come sorted (kubectl sorts by namespace and name), so a pod's owner is
  // nearly always the previous pod's: comparing three strings is cheaper than joining
  // them into a key and hashing it, for each of a million rows.
  let last: PodGroup | undefined;
  const rows = await readTable(file, COLUMNS, run, (row) => {
    const cluster = required(row, 'cluster');
    const namespace = required(row, 'namespace');
    const pod = required(row, 'pod');
    const nodeName = required(row, 'node');
    const hostNetwork = bool(row, 'host_network');
    // a pod without an owner (a bare or static pod) is its own workload
    const bare = row.text('owner_name') === '' && row.text('owner_kind') === '';
    const owner = bare ? pod : required(row, 'owner_name');
    const ownerKind = bare ? 'Pod' : required(row, 'owner_kind');
    const own = requestsOf(row);
    const clusterNodes = cluster !== undefined ? nodes.byCluster.get(cluster) : undefined;
    if (cluster !== undefined && !clusterNodes) row.bad('cluster', `a cluster with nodes in ${inputName(nodesFile)}`);
    if (row.failed) return;
    // a node absent from nodes.csv (gone between the two exports): the pod still ran, and is
    // priced at its cluster's average, as --kube and --newrelic do
    let nodeKey = clusterNodes!.get(nodeName!)?.name;
    if (nodeKey === undefined) {
      run.ctx.warnings.add(
        `csv-unknown-node:${file}`,
        `{count} {pod|pods} of ${inputName(file)} {runs on a node|run on nodes} absent from ${inputName(nodesFile)}: {it is|they are} priced at the cluster average`,
        `${inputName(file)}:${row.line}: ${cluster}/${nodeName}`,
      );
      nodeKey = unknownNodes.get(nodeName!) ?? nodeName!;
      unknownNodes.set(nodeKey, nodeKey);
    }

    let group = last;
    if (!group || group.owner !== owner || group.namespace !== namespace || group.cluster !== cluster) {
      const key = workloadKey(cluster!, namespace!, owner!);
      group = groups.get(key);
      if (!group) {
        group = { cluster: cluster!, namespace: namespace!, owner: owner!, kind: kind(ownerKind!), pods: 0, placement: new Map(), hostNetwork: false, requests: { cpu: 0, memoryMiB: 0, n: 0 }, line: row.line };
        groups.set(key, group);
      }
      last = group;
    }
    group.pods++;
    // the node's own string as key: one copy per node, however many pods point at it
    group.placement.set(nodeKey, (group.placement.get(nodeKey) ?? 0) + 1);
    if (hostNetwork) group.hostNetwork = true;
    if (own) {
      group.requests.cpu += own.cpu;
      group.requests.memoryMiB += own.memoryMiB;
      group.requests.n++;
    }
  });
  if (rows === 0) run.ctx.warnings.add(`csv-no-rows:${file}`, `${inputName(file)}: no pods below the header`);
  return { groups, rows };
}

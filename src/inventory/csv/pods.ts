/**
 * pods.csv folded into one group per owner as rows stream by: a million pods become
 * a few thousand counters and pods-per-node maps, never a million objects.
 */
import { bool, kind, required } from './cells.js';
import type { NodeIndex } from './nodes.js';
import { inputName, readTable, type CsvRun } from './table.js';
import { workloadKey } from './workloads.js';

const COLUMNS = {
  known: ['cluster', 'namespace', 'pod', 'node', 'owner_kind', 'owner_name', 'host_network'],
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
    const node = cluster !== undefined && nodeName !== undefined ? nodes.byCluster.get(cluster)?.get(nodeName) : undefined;
    if (nodeName !== undefined && cluster !== undefined && !node) row.bad('node', `a node of cluster ${JSON.stringify(cluster)} listed in ${inputName(nodesFile)}`);
    if (row.failed) return;

    let group = last;
    if (!group || group.owner !== owner || group.namespace !== namespace || group.cluster !== cluster) {
      const key = workloadKey(cluster!, namespace!, owner!);
      group = groups.get(key);
      if (!group) {
        group = { cluster: cluster!, namespace: namespace!, owner: owner!, kind: kind(ownerKind!), pods: 0, placement: new Map(), hostNetwork: false, line: row.line };
        groups.set(key, group);
      }
      last = group;
    }
    group.pods++;
    // the node's own string as key: one copy per node, however many pods point at it
    group.placement.set(node!.name, (group.placement.get(node!.name) ?? 0) + 1);
    if (hostNetwork) group.hostNetwork = true;
  });
  if (rows === 0) run.ctx.warnings.add(`csv-no-rows:${file}`, `${inputName(file)}: no pods below the header`);
  return { groups, rows };
}

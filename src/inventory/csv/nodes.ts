/** nodes.csv → InventoryNode[], plus the lookups workloads.csv and pods.csv join against. */
import { GIB } from '../../quantity.js';
import { MAX_NODE_MEMORY_BYTES, MAX_NODE_VCPU, type CapacityType, type InventoryNode } from '../types.js';
import { quantity, required } from './cells.js';
import { inputName, readTable, type CsvRun, type Row } from './table.js';

const COLUMNS = {
  known: ['cluster', 'environment', 'node', 'zone', 'instance_type', 'capacity_type', 'vcpu', 'memory', 'hourly_price'],
  required: ['cluster', 'node', 'zone', 'vcpu', 'memory'],
} as const;
type Column = (typeof COLUMNS.known)[number];

export interface NodeIndex {
  nodes: InventoryNode[];
  /**
   * cluster → node → the node's name (one shared string for every pod placed on it)
   * and line. Nested, not keyed by a joined string: each of a million pod rows looks
   * its node up, and joining would build and hash a new key string per row.
   */
  byCluster: Map<string, Map<string, { name: string; line: number }>>;
  /** cluster → environment of its first node: the default environment of its workloads */
  environmentOf: Map<string, string>;
}

export async function readNodes(file: string, run: CsvRun): Promise<NodeIndex> {
  const index: NodeIndex = { nodes: [], byCluster: new Map(), environmentOf: new Map() };
  const rows = await readTable(file, COLUMNS, run, (row) => {
    const node = toNode(row, run);
    if (!node) return;
    index.nodes.push(node);
    if (!index.environmentOf.has(node.cluster)) index.environmentOf.set(node.cluster, node.environment);
  });
  if (rows === 0) run.problems.fatal('expected at least one node below the header, found only the header', { file: inputName(file) });
  return index;

  function toNode(row: Row<Column>, run: CsvRun): InventoryNode | undefined {
    const cluster = required(row, 'cluster');
    const name = required(row, 'node');
    // registered before the other cells are judged: a node with a bad vcpu must not
    // also make every pod on it "a node absent from nodes.csv"
    if (cluster !== undefined && name !== undefined) {
      let inCluster = index.byCluster.get(cluster);
      if (!inCluster) index.byCluster.set(cluster, (inCluster = new Map()));
      const first = inCluster.get(name);
      if (first) return void row.report(`duplicate node: cluster ${JSON.stringify(cluster)}, node ${JSON.stringify(name)} is also on line ${first.line}`);
      inCluster.set(name, { name, line: row.line });
    }
    const zone = required(row, 'zone');
    const capacityType = capacity(row);
    const vcpu = quantity(row, 'vcpu', { what: 'a positive cpu quantity up to 10000 (e.g. 4 or 3920m)', positive: true, max: MAX_NODE_VCPU });
    const bytes = quantity(row, 'memory', { what: 'a positive memory quantity up to 1Pi (e.g. 16Gi)', positive: true, max: MAX_NODE_MEMORY_BYTES });
    const hourlyPrice = row.text('hourly_price') === '' ? undefined : quantity(row, 'hourly_price', { what: 'a price per hour, 0 to 10000 (e.g. 0.192)', max: 1e4 });
    if (row.failed) return undefined;
    if (bytes! < GIB) {
      run.ctx.warnings.add(
        'csv-node-memory-below-1gi',
        '{count} {node has|nodes have} less than 1 GiB of memory; a bare number is bytes, as in Kubernetes: did you mean Gi (e.g. "16Gi")?',
        `${row.where('memory')}: memory ${JSON.stringify(row.text('memory'))}`,
      );
    }
    const instanceType = row.text('instance_type');
    return {
      cluster: cluster!,
      environment: row.text('environment') || cluster!,
      name: name!,
      zone: zone!,
      ...(instanceType ? { instanceType } : {}),
      capacityType: capacityType!,
      vcpu: vcpu!,
      memoryGiB: bytes! / GIB,
      ...(hourlyPrice === undefined ? {} : { hourlyPrice }),
    };
  }
}

/**
 * on-demand | spot, however the cloud console spelt it (ON_DEMAND, OnDemand, Spot,
 * empty); GKE's older preemptible VMs are spot too, as its node label
 * cloud.google.com/gke-preemptible is for --kube.
 */
function capacity(row: Row<Column>): CapacityType | undefined {
  const v = row.text('capacity_type').toLowerCase().replace(/[-_\s]/g, '');
  if (v === '' || v === 'ondemand') return 'on-demand';
  if (v === 'spot' || v === 'preemptible') return 'spot';
  return row.bad('capacity_type', 'on-demand, spot or preemptible');
}

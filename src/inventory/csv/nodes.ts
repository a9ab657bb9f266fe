/** nodes.csv → InventoryNode[], plus the lookups workloads.csv and pods.csv join against. */
import { GIB } from '../../quantity.js';
import type { CapacityType, InventoryNode } from '../types.js';
import { quantity, required } from './cells.js';
import { readTable, type CsvRun, type Row } from './table.js';

const COLUMNS = {
  known: ['cluster', 'environment', 'node', 'zone', 'instance_type', 'capacity_type', 'vcpu', 'memory', 'hourly_price'],
  required: ['cluster', 'node', 'zone', 'vcpu', 'memory'],
} as const;
type Column = (typeof COLUMNS.known)[number];

export interface NodeIndex {
  nodes: InventoryNode[];
  /** `cluster \0 node` → the node's name (one shared string for every pod placed on it) and line */
  byKey: Map<string, { name: string; line: number }>;
  /** cluster → environment of its first node: the default environment of its workloads */
  environmentOf: Map<string, string>;
}

export const nodeKey = (cluster: string, node: string): string => `${cluster}\0${node}`;

export async function readNodes(file: string, run: CsvRun): Promise<NodeIndex> {
  const index: NodeIndex = { nodes: [], byKey: new Map(), environmentOf: new Map() };
  const rows = await readTable(file, COLUMNS, run, (row) => {
    const node = toNode(row, run);
    if (!node) return;
    index.nodes.push(node);
    if (!index.environmentOf.has(node.cluster)) index.environmentOf.set(node.cluster, node.environment);
  });
  if (rows === 0) run.problems.fatal('no rows: expected at least one node below the header', { file });
  return index;

  function toNode(row: Row<Column>, run: CsvRun): InventoryNode | undefined {
    const cluster = required(row, 'cluster');
    const name = required(row, 'node');
    // registered before the other cells are judged: a node with a bad vcpu must not
    // also make every pod on it "a node absent from nodes.csv"
    if (cluster !== undefined && name !== undefined) {
      const key = nodeKey(cluster, name);
      const first = index.byKey.get(key);
      if (first) return void row.report(`duplicate node: cluster "${cluster}", node "${name}" is also on line ${first.line}`);
      index.byKey.set(key, { name, line: row.line });
    }
    const zone = required(row, 'zone');
    const capacityType = capacity(row);
    const vcpu = quantity(row, 'vcpu', { what: 'a positive cpu quantity up to 10000 (e.g. 4 or 3920m)', positive: true, max: 1e4 });
    const bytes = quantity(row, 'memory', { what: 'a positive memory quantity up to 1Pi (e.g. 16Gi)', positive: true, max: 2 ** 50 });
    const hourlyPrice = row.text('hourly_price') === '' ? undefined : quantity(row, 'hourly_price', { what: 'a price per hour, 0 to 10000 (e.g. 0.192)', max: 1e4 });
    if (row.failed) return undefined;
    if (bytes! < GIB) {
      run.ctx.warnings.add(
        'csv-node-memory-below-1gi',
        '{count} nodes have less than 1 GiB of memory; a bare number is bytes, as in Kubernetes: did you mean Gi (e.g. "16Gi")?',
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

/** on-demand | spot, however the cloud console spelt it (ON_DEMAND, OnDemand, Spot, empty) */
function capacity(row: Row<Column>): CapacityType | undefined {
  const v = row.text('capacity_type').toLowerCase().replace(/[-_\s]/g, '');
  if (v === '' || v === 'ondemand') return 'on-demand';
  if (v === 'spot') return 'spot';
  return row.bad('capacity_type', 'on-demand or spot');
}

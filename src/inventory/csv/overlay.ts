/**
 * --workloads beside a source that reads what runs (--kube, --prometheus): what it cannot
 * say (which workloads need a waypoint, which roll out as canaries) and rps or bytes per
 * request where it measured none. `cluster, namespace, workload` and any of the traffic
 * columns are enough (replicas, kind and host_network are accepted and ignored: pods say
 * them), so the same workloads.csv serves every way of running. Read with the CSV
 * reader's own parsers, before any query is sent, so a bad cell fails fast.
 */
import { required } from './cells.js';
import { Problems } from './problems.js';
import { inputName, readTable, type CsvRun } from './table.js';
import { COLUMNS, trafficOf, workloadKey } from './workloads.js';
import type { ReadContext } from '../types.js';

const OVERLAY_COLUMNS = { known: COLUMNS.known, required: ['cluster', 'namespace', 'workload'] } as const;

export interface OverlayRow {
  cluster: string;
  namespace: string;
  workload: string;
  /** file:line */
  origin: string;
  line: number;
  /** only when the cell is filled in */
  rps?: number;
  bytesPerRequest?: number;
  waypoint: boolean;
  canary: boolean;
}

/** Rows by workloadKey (cluster, namespace, workload), in file order. */
export async function readOverlay(file: string, ctx: ReadContext): Promise<Map<string, OverlayRow>> {
  const run: CsvRun = { ctx, problems: new Problems(), rows: 0 };
  const rows = new Map<string, OverlayRow>();
  await readTable(file, OVERLAY_COLUMNS, run, (row) => {
    const cluster = required(row, 'cluster');
    const namespace = required(row, 'namespace');
    const workload = required(row, 'workload');
    const traffic = trafficOf(row);
    if (row.failed) return;
    const k = workloadKey(cluster!, namespace!, workload!);
    const first = rows.get(k);
    if (first) return row.report(`duplicate workload: cluster "${cluster}", namespace "${namespace}", workload "${workload}" is also on line ${first.line}`);
    rows.set(k, {
      cluster: cluster!,
      namespace: namespace!,
      workload: workload!,
      origin: `${inputName(file)}:${row.line}`,
      line: row.line,
      ...(row.text('rps') !== '' ? { rps: traffic.rps } : {}),
      ...(traffic.bytesPerRequest !== undefined ? { bytesPerRequest: traffic.bytesPerRequest } : {}),
      waypoint: traffic.waypoint,
      canary: traffic.canary,
    });
  });
  run.problems.throwIfAny();
  return rows;
}

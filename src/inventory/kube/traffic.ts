/**
 * `--workloads FILE` with `--kube`: kubectl knows what runs but not how much traffic it
 * serves, so a workloads.csv adds rps, bytes_per_request, waypoint and canary to the
 * workloads read from the cluster, joined on (cluster, namespace, workload). Replicas,
 * kind and host_network come from the pods; those columns are accepted and ignored, so
 * the same workloads.csv serves both ways of running.
 */
import { Problems } from '../csv/problems.js';
import { readTable, type CsvRun } from '../csv/table.js';
import { COLUMNS, trafficOf, workloadKey } from '../csv/workloads.js';
import { required } from '../csv/cells.js';
import type { InventoryWorkload, ReadContext } from '../types.js';

const TRAFFIC_COLUMNS = { known: COLUMNS.known, required: ['cluster', 'namespace', 'workload'] } as const;

export async function addTraffic(file: string, workloads: readonly InventoryWorkload[], ctx: ReadContext): Promise<void> {
  const byKey = new Map<string, InventoryWorkload>();
  // a name shared by two kinds (a Deployment and a StatefulSet "web") joins the first seen
  for (const w of workloads) {
    const key = workloadKey(w.cluster, w.namespace, w.name);
    if (!byKey.has(key)) byKey.set(key, w);
  }
  const run: CsvRun = { ctx, problems: new Problems(), rows: 0 };
  const lineOf = new Map<string, number>();
  await readTable(file, TRAFFIC_COLUMNS, run, (row) => {
    const cluster = required(row, 'cluster');
    const namespace = required(row, 'namespace');
    const name = required(row, 'workload');
    const traffic = trafficOf(row);
    if (row.failed) return;
    const key = workloadKey(cluster!, namespace!, name!);
    const first = lineOf.get(key);
    if (first !== undefined) return row.report(`duplicate workload: cluster "${cluster}", namespace "${namespace}", workload "${name}" is also on line ${first}`);
    lineOf.set(key, row.line);
    const w = byKey.get(key);
    if (w) Object.assign(w, traffic);
    else {
      ctx.warnings.add(
        'kube-traffic-unjoined',
        `{count} {row|rows} of ${file} {joins|join} no workload of the kubectl input (on cluster, namespace, workload): {its|their} traffic is not counted`,
        `${file}:${row.line}: ${cluster}/${namespace}/${name}`,
      );
    }
  });
  run.problems.throwIfAny();
}

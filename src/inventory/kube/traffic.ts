/**
 * `--workloads FILE` with `--kube`: kubectl knows what runs but not how much traffic it
 * serves, so a workloads.csv adds rps, bytes_per_request, waypoint and canary to the
 * workloads read from the cluster, joined on (cluster, namespace, workload). Replicas,
 * kind and host_network come from the pods; those columns are accepted and ignored, so
 * the same workloads.csv serves both ways of running.
 */
import { readOverlay } from '../csv/overlay.js';
import { workloadKey } from '../csv/workloads.js';
import type { InventoryWorkload, ReadContext } from '../types.js';

export async function addTraffic(file: string, workloads: readonly InventoryWorkload[], ctx: ReadContext): Promise<void> {
  const byKey = new Map<string, InventoryWorkload>();
  // a name shared by two kinds (a Deployment and a StatefulSet "web") joins the first seen
  for (const w of workloads) {
    const key = workloadKey(w.cluster, w.namespace, w.name);
    if (!byKey.has(key)) byKey.set(key, w);
  }
  for (const [key, row] of await readOverlay(file, ctx)) {
    const w = byKey.get(key);
    if (w) {
      // an empty rps cell is 0 here: kubectl measured no traffic to keep
      Object.assign(w, { rps: row.rps ?? 0, ...(row.bytesPerRequest === undefined ? {} : { bytesPerRequest: row.bytesPerRequest }), waypoint: row.waypoint, canary: row.canary });
    } else {
      ctx.warnings.add(
        'kube-traffic-unjoined',
        `{count} {row|rows} of ${file} {joins|join} no workload of the kubectl input (on cluster, namespace, workload): {its|their} traffic is not counted`,
        `${file}:${row.line}: ${row.cluster}/${row.namespace}/${row.workload}`,
      );
    }
  }
}

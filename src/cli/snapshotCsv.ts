/**
 * The inventory files of an exported snapshot (`newrelic export`, `prometheus export`):
 * nodes.csv, workloads.csv and pods.csv in DESIGN section 2's formats, holding only the
 * workloads of the scope the live source showed, with their pods in it. CSV carries no
 * namespace labels and no istio-proxy facts, so an offline run cannot decide the scope
 * itself: it prices every namespace of what it reads, which is then the set the live run
 * priced, and the two estimate to the same figures. What CSV cannot carry (the `today`
 * mix, the infrastructure seen) stays with the live source.
 */
import { nodesCsv, podsCsv, workloadsCsv, type PodRow } from '../inventory/csv/write.js';
import type { Inventory } from '../inventory/types.js';
import { decideScope } from '../model/scope.js';
import type { ScopeMode } from '../model/types.js';
import type { GeneratedFile } from './outputDir.js';

export interface SnapshotCsv {
  files: GeneratedFile[];
  /** the scope's automatic reading, and what the files hold of it: its workloads and pods */
  scope: ScopeMode;
  workloads: number;
  pods: number;
}

export function snapshotCsv(inventory: Inventory, pods: readonly PodRow[]): SnapshotCsv {
  // the automatic reading, as a live run without --scope makes it
  const scope = decideScope(inventory);
  // a pod by the rule scope.podsInScope applies to its workload's counts: in a labelled
  // namespace unless opted out, elsewhere only when it runs istio-proxy today
  const inScope = (p: PodRow) => scope.mode === 'all' || (scope.dataPlaneOf(p.cluster, p.namespace) ? !p.optedOut : p.sidecar === true);
  const podRows = pods.filter(inScope);
  const workloads =
    scope.mode === 'all'
      ? inventory.workloads
      : inventory.workloads.flatMap((w) => {
          const replicas = scope.podsInScope(w);
          return replicas > 0 ? [{ ...w, replicas }] : [];
        });
  return {
    files: [
      { path: 'nodes.csv', text: nodesCsv(inventory.nodes) },
      { path: 'workloads.csv', text: workloadsCsv(workloads) },
      { path: 'pods.csv', text: podsCsv(podRows) },
    ],
    scope: scope.mode,
    workloads: workloads.length,
    pods: podRows.length,
  };
}

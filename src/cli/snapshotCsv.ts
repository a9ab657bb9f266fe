/**
 * The inventory files of an exported snapshot (`newrelic export`, `prometheus export`):
 * nodes.csv, workloads.csv and pods.csv in DESIGN section 2's formats, holding only the
 * workloads of the scope the live source shows (or `--scope` forces), with their pods in
 * it. CSV carries no namespace labels and no istio-proxy facts, so an offline run cannot
 * decide the scope itself: it prices every namespace of what it reads, which is then the
 * set the live run priced, and the two estimate to the same figures. What CSV cannot
 * carry (the `today` mix, the infrastructure seen) stays with the live source.
 */
import { nodesCsv, podsCsv, workloadsCsv, type PodRow } from '../inventory/csv/write.js';
import type { Inventory, Warnings } from '../inventory/types.js';
import { isNodeAgent } from '../model/meshed.js';
import { decideScope } from '../model/scope.js';
import type { ScopeFlag, ScopeMode } from '../model/types.js';
import type { GeneratedFile } from './outputDir.js';

export interface SnapshotCsv {
  files: GeneratedFile[];
  /** the scope's reading, and what the files hold of it: its workloads and pods */
  scope: ScopeMode;
  workloads: number;
  pods: number;
}

/**
 * `scope`: the reading, as `estimate --scope` takes it (auto: the one a run without the flag makes);
 * `profileRequests`: the exported profile's sidecar requests (cpu, MiB), which offline runs price
 */
export function snapshotCsv(inventory: Inventory, pods: readonly PodRow[], flag: ScopeFlag, profileRequests: { cpu: number; memory: number }, warnings: Warnings): SnapshotCsv {
  const scope = decideScope(inventory, flag);
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
  warnLost(inventory, workloads, profileRequests, warnings);
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

/** Facts of the live source that change figures and that DESIGN's CSV columns cannot hold: said, not silently lost. */
function warnLost(inventory: Inventory, workloads: Inventory['workloads'], profile: { cpu: number; memory: number }, warnings: Warnings): void {
  const name = (w: Inventory['workloads'][number]) => `${w.cluster}/${w.namespace}/${w.name}`;
  for (const w of workloads) {
    const own = w.sidecarRequests;
    if (own && ((own.cpu ?? profile.cpu) !== profile.cpu || (own.memoryMiB ?? profile.memory) !== profile.memory)) {
      warnings.add('snapshot-sidecar-requests', "{count} {workload runs|workloads run} istio-proxy with requests other than the profile's, which the CSV files cannot hold: offline runs price the profile's", name(w));
    }
    if (isNodeAgent(w) && (w.sidecarsToday ?? 0) > 0) {
      warnings.add('snapshot-meshed-node-agents', '{count} DaemonSet or host-network {workload runs|workloads run} istio-proxy today, which the CSV files cannot hold: offline runs leave {it|them} out as node agents', name(w));
    }
  }
  for (const n of inventory.nodes) {
    if (n.noZtunnel) {
      warnings.add('snapshot-no-ztunnel-nodes', '{count} {node|nodes} can run no ztunnel (Windows, Fargate, virtual-kubelet), which nodes.csv cannot hold: offline runs price ambient for {its|their} pods', `${n.cluster}/${n.name}: ${n.noZtunnel}`);
    }
  }
}

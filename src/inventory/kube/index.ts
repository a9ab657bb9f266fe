/**
 * The kubectl source (DESIGN section 2, "Kubernetes JSON"): `--kube FILE` (or `-` for
 * stdin, once), repeatable, each the JSON of `kubectl get nodes,pods -A -o json` or of
 * separate node, pod and namespace dumps, in any order. All of them describe one
 * cluster, named by `--cluster`; `--workloads` adds traffic.
 */
import { InputError } from '../../errors.js';
import type { InventoryReader } from '../reader.js';
import type { Inventory, ReadContext } from '../types.js';
import { ClusterDump } from './cluster.js';
import { inputName, STDIN } from '../csv/table.js';
import { readObjects } from './documents.js';
import { addTraffic } from './traffic.js';

export const DEFAULT_CLUSTER = 'default';

export interface KubeInputs {
  /** paths, or `-` for stdin */
  files: string[];
  /** the cluster's name in the report (default `default`) */
  cluster?: string;
  /** defaults to the cluster name */
  environment?: string;
  /** a workloads.csv whose traffic columns are joined onto the cluster's workloads */
  workloads?: string;
}

export const kubeReader: InventoryReader<KubeInputs> = {
  name: 'kube',
  read: (inputs, ctx) => readKubeInventory(inputs, ctx),
};

export async function readKubeInventory(inputs: KubeInputs, ctx: ReadContext): Promise<Inventory> {
  if (inputs.files.filter((f) => f === STDIN).length > 1) {
    throw new InputError('--kube - (stdin) can be given only once: stdin can be read only once');
  }
  const cluster = inputs.cluster || DEFAULT_CLUSTER;
  const dump = new ClusterDump(cluster, inputs.environment || cluster, ctx);
  for (const file of inputs.files) {
    await readObjects(file, (obj, place) => dump.add(obj, place));
  }
  const sources = inputs.files.map(inputName);
  const inventory = dump.finish(sources);
  if (inputs.workloads) {
    await addTraffic(inputs.workloads, inventory.workloads, ctx);
    inventory.sources.push(inputs.workloads);
  }
  return inventory;
}

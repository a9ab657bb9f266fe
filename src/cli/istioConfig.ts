/**
 * `--istio-config FILE|-`: reads the cluster's Istio configuration with the kube
 * reader's JSON machinery (Lists streamed one item at a time), finds what needs L7 and
 * what ambient does not carry over (src/istio), for the one cluster it belongs to.
 */
import { InputError } from '../errors.js';
import { readObjects } from '../inventory/kube/documents.js';
import type { Inventory } from '../inventory/types.js';
import { addIstioObject, emptyIstioConfig, findL7, type IstioFindings } from '../istio/index.js';

export const ISTIO_CONFIG_COMMAND = 'kubectl get services,virtualservices,destinationrules,authorizationpolicies,envoyfilters,requestauthentications,telemetries -A -o json';

export async function readIstioConfig(file: string, inventory: Inventory, cluster: string | undefined): Promise<IstioFindings> {
  const config = emptyIstioConfig();
  await readObjects(file, (obj, place) => void addIstioObject(config, obj, { file: place.file, ...(place.item ? { item: place.item } : {}) }), ISTIO_CONFIG_COMMAND);
  const clusters = [...new Set([...inventory.nodes.map((n) => n.cluster), ...inventory.workloads.map((w) => w.cluster)])].sort();
  const target = cluster ?? (clusters.length === 1 ? clusters[0] : undefined);
  if (target === undefined) {
    throw new InputError(`--istio-config: the inventory holds ${clusters.length} clusters (${clusters.join(', ')}): pass --cluster NAME to say which one the configuration belongs to`, { file });
  }
  if (!clusters.includes(target)) {
    throw new InputError(`--istio-config: --cluster "${target}" is not in the inventory: expected one of ${clusters.join(', ')}`, { file });
  }
  return findL7(config, target, inventory.workloads);
}

/**
 * The well-known node labels that place and price a node, for every reader that sees
 * node labels (kubectl JSON, New Relic's K8sNodeSample): zone and instance type, the
 * stable label first and its deprecated beta name second (k8s.io/api core/v1
 * well_known_labels.go), and each cloud's mark of spot or preemptible capacity.
 */
import type { CapacityType } from './types.js';

export const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
export const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];

/** label → the values that mean spot (or preemptible) capacity */
export const SPOT_LABELS: Readonly<Record<string, readonly string[]>> = {
  'eks.amazonaws.com/capacityType': ['SPOT'],
  'karpenter.sh/capacity-type': ['spot'],
  'cloud.google.com/gke-spot': ['true'],
  'cloud.google.com/gke-preemptible': ['true'],
  'kubernetes.azure.com/scalesetpriority': ['spot'],
};

export type NodeLabels = Readonly<Record<string, string | undefined>>;

export function capacityTypeOf(labels: NodeLabels): CapacityType {
  return Object.entries(SPOT_LABELS).some(([label, spot]) => spot.includes(labels[label] ?? '')) ? 'spot' : 'on-demand';
}

/** The value of the first of `keys` that is set and not empty. */
export function firstLabel(labels: NodeLabels, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = labels[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

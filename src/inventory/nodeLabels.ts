/**
 * The well-known node labels that place and price a node, for every reader that sees
 * node labels (kubectl JSON, New Relic's K8sNodeSample): zone and instance type, the
 * stable label first and its deprecated beta name second (k8s.io/api core/v1
 * well_known_labels.go), each cloud's mark of spot or preemptible capacity, and the
 * marks of nodes that cannot run a ztunnel.
 */
import type { CapacityType, NoZtunnelReason } from './types.js';

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

/**
 * Nodes no ztunnel (nor istio-cni) can serve, by the labels each platform sets:
 * `kubernetes.io/os: windows` (Istio's node agents are Linux-only: their charts select
 * `kubernetes.io/os: linux`), `eks.amazonaws.com/compute-type: fargate` (EKS Fargate
 * runs no DaemonSets), `type: virtual-kubelet` (Virtual Kubelet nodes, e.g. AKS virtual
 * nodes / ACI, run no DaemonSets either).
 */
export const NO_ZTUNNEL_LABELS: readonly { label: string; value: string; reason: NoZtunnelReason }[] = [
  { label: 'kubernetes.io/os', value: 'windows', reason: 'windows' },
  { label: 'eks.amazonaws.com/compute-type', value: 'fargate', reason: 'fargate' },
  { label: 'type', value: 'virtual-kubelet', reason: 'virtual-kubelet' },
];

export function noZtunnelOf(labels: NodeLabels): NoZtunnelReason | undefined {
  return NO_ZTUNNEL_LABELS.find(({ label, value }) => labels[label] === value)?.reason;
}

/**
 * A Pod object → the few facts a workload keeps: its direct owner, its node, whether it
 * is on the host network, and its istio-proxy sidecar. Pods that have finished
 * (Succeeded, Failed) run no proxy and are not counted.
 */
import { InputError } from '../../errors.js';
import { describeObject, type Place } from './documents.js';
import { controllerOf, type KubeObject } from './objects.js';
import type { Owner } from './owners.js';
import { sidecarOf, type Sidecar } from './sidecars.js';

const FINISHED = new Set(['Succeeded', 'Failed']);
const TEMPLATE_HASH = 'pod-template-hash';

export interface PodFacts {
  namespace: string;
  name: string;
  /** the controller named in ownerReferences; a pod without one is its own workload (kind Pod) */
  owner: Owner;
  /** the `pod-template-hash` label, which ends its ReplicaSet's name */
  templateHash?: string;
  /** undefined while the pod is not scheduled */
  node?: string;
  hostNetwork: boolean;
  sidecar?: Sidecar;
  /** the pod's labels: Services and Istio policies select workloads by them */
  labels?: Record<string, string>;
}

/** The labels Services and policies select by: without the template hash, which differs between a Deployment's ReplicaSets. */
function ownLabels(labels: Record<string, string> | undefined): { labels?: Record<string, string> } {
  if (!labels || typeof labels !== 'object') return {};
  const { [TEMPLATE_HASH]: _hash, ...own } = labels;
  return Object.keys(own).length > 0 ? { labels: own } : {};
}

/** The pod's facts, or undefined for a pod that has finished. */
export function readPod(obj: KubeObject, place: Place): PodFacts | undefined {
  const meta = obj.metadata;
  for (const field of ['name', 'namespace'] as const) {
    if (typeof meta?.[field] !== 'string' || meta[field] === '') {
      throw new InputError(`${describeObject(place, obj)}: expected metadata.${field}, found none`, { file: place.file });
    }
  }
  if (FINISHED.has(obj.status?.phase ?? '')) return undefined;
  const name = meta!.name!;
  const ref = controllerOf(obj);
  // a static pod's mirror is "owned" by its Node: it is still a workload of its own
  const owner = ref?.kind && ref.name && ref.kind !== 'Node' ? { kind: ref.kind, name: ref.name } : { kind: 'Pod', name };
  const templateHash = meta!.labels?.[TEMPLATE_HASH];
  const node = obj.spec?.nodeName;
  const sidecar = sidecarOf(obj);
  return {
    namespace: meta!.namespace!,
    name,
    owner,
    ...(templateHash ? { templateHash } : {}),
    ...(typeof node === 'string' && node !== '' ? { node } : {}),
    hostNetwork: obj.spec?.hostNetwork === true,
    ...(sidecar ? { sidecar } : {}),
    ...ownLabels(meta!.labels),
  };
}

/**
 * A Pod object → the few facts a workload keeps: its direct owner, its node, whether it
 * is on the host network, its istio-proxy sidecar, whether it opted out of the mesh, its
 * own requests, and whether it is mesh infrastructure (ztunnel, a gateway…). Pods that
 * have finished (Succeeded, Failed) run no proxy and are not counted.
 */
import { InputError } from '../../errors.js';
import { describeObject, type Place } from './documents.js';
import { controllerOf, type KubeObject } from './objects.js';
import type { Owner } from './owners.js';
import { infrastructureOf, isOptedOut } from '../meshLabels.js';
import type { InfrastructureComponent } from '../types.js';
import { ownRequestsOf, type OwnRequests } from './requests.js';
import { PROXY_CONTAINER, sidecarOf, type Sidecar } from './sidecars.js';

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
  /** opted out at pod level (and running no sidecar) */
  optedOut: boolean;
  own: OwnRequests;
  /** set for mesh infrastructure, which is never a workload */
  infrastructure?: InfrastructureComponent;
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
  const labels = meta!.labels ?? {};
  const annotations = meta!.annotations ?? {};
  const containers = Array.isArray(obj.spec?.containers) ? obj.spec.containers : [];
  const onlyProxy = containers.length === 1 && containers[0]?.name === PROXY_CONTAINER;
  const infrastructure = infrastructureOf({ labels, annotations, onlyProxy });
  return {
    namespace: meta!.namespace!,
    name,
    owner,
    ...(templateHash ? { templateHash } : {}),
    ...(typeof node === 'string' && node !== '' ? { node } : {}),
    hostNetwork: obj.spec?.hostNetwork === true,
    ...(sidecar ? { sidecar } : {}),
    optedOut: !sidecar && isOptedOut(labels, annotations),
    own: ownRequestsOf(obj),
    ...(infrastructure ? { infrastructure } : {}),
  };
}

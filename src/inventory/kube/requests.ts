/**
 * A pod's own requests, as the scheduler counts them (Kubernetes' "effective request",
 * KEP-753 for native sidecars), without Istio's proxy: per resource, the larger of
 * - the app containers plus every native sidecar (an init container with
 *   `restartPolicy: Always`, which keeps running beside them), and
 * - each ordinary init container plus the native sidecars started before it (they run
 *   while it does).
 * Istio's own containers are left out wherever they are: istio-proxy (a container or a
 * native sidecar), which the model prices from the profile or the requests really
 * running, and the init containers the injector adds (istio-init sets up iptables,
 * istio-validation checks istio-cni did): they exist because of the sidecar, so they are
 * not the application's, and ambient mode drops them.
 */
import { MIB, parseQuantity } from '../../quantity.js';
import type { PodRequests } from '../types.js';
import type { Container, KubeObject } from './objects.js';
import { PROXY_CONTAINER } from './sidecars.js';

/** Containers Istio's injector adds (pkg/kube/inject templates: istio-proxy, istio-init, istio-validation). */
const ISTIO_CONTAINERS = new Set([PROXY_CONTAINER, 'istio-init', 'istio-validation']);

export interface OwnRequests {
  /** undefined: no container but Istio's declares a cpu or memory request */
  requests?: PodRequests;
  /** request values that are not Kubernetes quantities (counted as 0) */
  malformed: string[];
}

export function ownRequestsOf(pod: KubeObject): OwnRequests {
  const sum: Sum = { cpu: 0, bytes: 0, declared: false, malformed: [] };
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const inits = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  for (const c of containers) add(sum, c);
  // native sidecars seen so far, and the largest ordinary init container with them beside it
  const side: Sum = { cpu: 0, bytes: 0, declared: false, malformed: sum.malformed };
  let [initCpu, initBytes] = [0, 0];
  for (const c of inits) {
    if (c?.restartPolicy === 'Always') {
      add(side, c);
      continue;
    }
    const one: Sum = { cpu: 0, bytes: 0, declared: false, malformed: sum.malformed };
    add(one, c);
    side.declared ||= one.declared;
    initCpu = Math.max(initCpu, side.cpu + one.cpu);
    initBytes = Math.max(initBytes, side.bytes + one.bytes);
  }
  if (!sum.declared && !side.declared) return { malformed: sum.malformed };
  return {
    requests: { cpu: Math.max(sum.cpu + side.cpu, initCpu), memoryMiB: Math.max(sum.bytes + side.bytes, initBytes) / MIB },
    malformed: sum.malformed,
  };
}

interface Sum {
  cpu: number;
  bytes: number;
  /** some container of the sum declares a cpu or memory request */
  declared: boolean;
  malformed: string[];
}

/** Adds one container's requests to `sum`; Istio's containers add nothing. */
function add(sum: Sum, c: Container | undefined): void {
  const r = c?.resources?.requests;
  if (!c || !r || typeof r !== 'object' || ISTIO_CONTAINERS.has(c.name ?? '')) return;
  if (r.cpu !== undefined) sum.cpu += quantityOf(sum, r.cpu);
  if (r.memory !== undefined) sum.bytes += quantityOf(sum, r.memory);
}

function quantityOf(sum: Sum, v: string | number): number {
  sum.declared = true;
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : (sum.malformed.push(String(v)), 0);
  const n = parseQuantity(v);
  if (n === undefined) sum.malformed.push(v);
  return n ?? 0;
}

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
  const malformed: string[] = [];
  let declared = false;
  const read = (c: Container | undefined): [number, number] => {
    const r = c?.resources?.requests;
    if (!c || ISTIO_CONTAINERS.has(c.name ?? '') || !r || typeof r !== 'object') return [0, 0];
    const value = (v: string | number | undefined): number => {
      if (v === undefined) return 0;
      declared = true;
      const n = parseQuantity(String(v));
      if (n === undefined) malformed.push(String(v));
      return n ?? 0;
    };
    return [value(r.cpu), value(r.memory)];
  };
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const inits = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];

  let [cpu, bytes] = [0, 0];
  for (const c of containers) {
    const [a, b] = read(c);
    cpu += a;
    bytes += b;
  }
  // sidecars seen so far, and the largest ordinary init container with them beside it
  let [sideCpu, sideBytes, initCpu, initBytes] = [0, 0, 0, 0];
  for (const c of inits) {
    const [a, b] = read(c);
    if (c?.restartPolicy === 'Always') {
      sideCpu += a;
      sideBytes += b;
    } else {
      initCpu = Math.max(initCpu, sideCpu + a);
      initBytes = Math.max(initBytes, sideBytes + b);
    }
  }
  if (!declared) return { malformed };
  return {
    requests: { cpu: Math.max(cpu + sideCpu, initCpu), memoryMiB: Math.max(bytes + sideBytes, initBytes) / MIB },
    malformed,
  };
}

/**
 * Istio sidecars already running: an `istio-proxy` container next to the application's
 * containers, or the native-sidecar form (an init container with `restartPolicy:
 * Always`). A pod whose only container is istio-proxy is a gateway or a waypoint, the
 * proxy itself rather than a sidecar, so it does not count.
 */
import { MIB, parseQuantity } from '../../quantity.js';
import type { Container, KubeObject } from './objects.js';

export const PROXY_CONTAINER = 'istio-proxy';
/** Istio's per-pod overrides: the injector writes them into the container, but they are the intent */
const CPU_ANNOTATION = 'sidecar.istio.io/proxyCPU';
const MEMORY_ANNOTATION = 'sidecar.istio.io/proxyMemory';

export interface SidecarRequests {
  cpu?: number;
  memoryMiB?: number;
}

export interface Sidecar {
  requests: SidecarRequests;
  /** request values that are not Kubernetes quantities (ignored) */
  malformed: string[];
}

export function sidecarOf(pod: KubeObject): Sidecar | undefined {
  const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const inits = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  const proxy =
    containers.find((c) => c?.name === PROXY_CONTAINER) ??
    inits.find((c) => c?.name === PROXY_CONTAINER && c.restartPolicy === 'Always');
  if (!proxy || !containers.some((c) => c?.name !== PROXY_CONTAINER)) return undefined;

  const annotations = pod.metadata?.annotations ?? {};
  const requests = requestsOf(proxy);
  const malformed: string[] = [];
  const cpu = firstValid([annotations[CPU_ANNOTATION], requests.cpu], parseQuantity, malformed);
  const bytes = firstValid([annotations[MEMORY_ANNOTATION], requests.memory], parseQuantity, malformed);
  return {
    requests: { ...(cpu !== undefined ? { cpu } : {}), ...(bytes !== undefined ? { memoryMiB: bytes / MIB } : {}) },
    malformed,
  };
}

function requestsOf(c: Container): Record<string, string | number> {
  const r = c.resources?.requests;
  return r && typeof r === 'object' ? r : {};
}

/** The annotation when it parses, else the container's request; what does not parse is noted. */
function firstValid(texts: (string | number | undefined)[], parse: (s: string) => number | undefined, malformed: string[]): number | undefined {
  for (const text of texts) {
    if (text === undefined) continue;
    const value = parse(String(text));
    if (value !== undefined) return value;
    malformed.push(String(text));
  }
  return undefined;
}

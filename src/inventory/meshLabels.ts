/**
 * What the labels of a namespace or a pod say about today's mesh (DESIGN section 2,
 * "Scope" and "Mesh infrastructure"), for every reader that sees labels (kubectl JSON,
 * New Relic). The names were checked against Istio's own charts and templates:
 * - gateway chart (manifests/charts/gateway/templates/_helpers.tpl): pods carry
 *   `app: <release>` and `istio: <release without "istio-">` (`istio: ingress` for a
 *   release named istio-ingress), and the `inject.istio.io/templates: gateway` annotation;
 * - waypoints and Gateway API gateways (istio-discovery/files/waypoint.yaml,
 *   kube-gateway.yaml): `gateway.networking.k8s.io/gateway-name`,
 *   `gateway.networking.k8s.io/gateway-class-name` (`istio-waypoint`) and
 *   `gateway.istio.io/managed` (`istio.io-mesh-controller` for a waypoint); Istio 1.18–1.21
 *   labelled them `istio.io/gateway-name`;
 * - ztunnel chart: `app: ztunnel`; istio-cni chart: `k8s-app: istio-cni-node` and
 *   `app.kubernetes.io/name: istio-cni`; istiod: `app: istiod` (`istio: pilot`).
 * Waypoints and ztunnel are labelled `sidecar.istio.io/inject: "false"` and
 * `istio.io/dataplane-mode: none` too: infrastructure is decided first, so they are
 * never mistaken for pods opted out of the mesh.
 */
import type { DataPlane, InfrastructureComponent } from './types.js';

export type Labels = Readonly<Record<string, string | undefined>>;

/** The namespace label that says how it is meshed today, or undefined when none does. */
export function dataPlaneOf(labels: Labels): { dataPlane: DataPlane; label: string } | undefined {
  // ambient wins: Istio's CNI enrols an ambient namespace and the injector then skips it
  if (labels['istio.io/dataplane-mode'] === 'ambient') return { dataPlane: 'ambient', label: 'istio.io/dataplane-mode=ambient' };
  const injection = labels['istio-injection'];
  // `istio-injection=disabled` wins over a revision label (Istio's injector webhook selectors)
  if (injection === 'disabled') return undefined;
  if (injection === 'enabled') return { dataPlane: 'sidecar', label: 'istio-injection=enabled' };
  const rev = labels['istio.io/rev'];
  if (rev) return { dataPlane: 'sidecar', label: `istio.io/rev=${rev}` };
  return undefined;
}

export const OPT_OUT_LABELS = { inject: 'sidecar.istio.io/inject', dataPlaneMode: 'istio.io/dataplane-mode' } as const;

/**
 * A pod opted out of the mesh at pod level: `sidecar.istio.io/inject: "false"` (a label,
 * or the older annotation) or `istio.io/dataplane-mode: none`.
 */
export function isOptedOut(labels: Labels, annotations: Labels = {}): boolean {
  return (
    labels[OPT_OUT_LABELS.inject] === 'false' ||
    annotations[OPT_OUT_LABELS.inject] === 'false' ||
    labels[OPT_OUT_LABELS.dataPlaneMode] === 'none'
  );
}

/** The pod labels the infrastructure rule reads (New Relic asks for exactly these). */
export const INFRASTRUCTURE_LABELS = [
  'app',
  'istio',
  'k8s-app',
  'app.kubernetes.io/name',
  'gateway.networking.k8s.io/gateway-name',
  'gateway.networking.k8s.io/gateway-class-name',
  'gateway.istio.io/managed',
  'istio.io/gateway-name',
] as const;

export const WAYPOINT_CONTROLLER = 'istio.io-mesh-controller';
export const WAYPOINT_CLASS = 'istio-waypoint';
const GATEWAY_TEMPLATE_ANNOTATION = 'inject.istio.io/templates';

export interface PodShape {
  labels: Labels;
  annotations?: Labels;
  /** the pod's only container is istio-proxy; undefined when the source cannot tell */
  onlyProxy?: boolean;
}

/** Which piece of mesh infrastructure a pod is, or undefined for an ordinary pod. */
export function infrastructureOf(pod: PodShape): InfrastructureComponent | undefined {
  const l = pod.labels;
  if (l.app === 'ztunnel') return 'ztunnel';
  if (l['k8s-app'] === 'istio-cni-node' || l['app.kubernetes.io/name'] === 'istio-cni') return 'istio-cni';
  if (l.app === 'istiod' || l.istio === 'pilot') return 'istiod';
  if (l['gateway.istio.io/managed'] === WAYPOINT_CONTROLLER || l['gateway.networking.k8s.io/gateway-class-name'] === WAYPOINT_CLASS) return 'waypoint';
  if (l['gateway.networking.k8s.io/gateway-name'] || l['gateway.istio.io/managed'] || l['istio.io/gateway-name']) return 'gateway';
  if (pod.annotations?.[GATEWAY_TEMPLATE_ANNOTATION] === 'gateway') return 'gateway';
  if (l.istio && pod.onlyProxy) return 'gateway';
  return undefined;
}

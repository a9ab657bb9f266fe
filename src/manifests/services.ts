/**
 * Step 4: which Services go through the waypoint. `istio.io/use-waypoint` goes on the
 * Namespace when every workload there needs L7, else on exactly the Services of the
 * workloads that do, as partial Service objects that patch the user's own Services.
 * With locality preferClose those Services also carry the traffic-distribution
 * annotation the estimate's cross-zone figure assumed.
 */
import type { Locality, WaypointPlan } from '../model/types.js';
import { formatVersion, sameZoneValue, type IstioVersion } from './istioVersion.js';
import type { KubeObject, ManifestFile } from './types.js';
import { WAYPOINT_NAME } from './waypoint.js';

export const USE_WAYPOINT = 'istio.io/use-waypoint';
/** Without it an Istio ingress gateway sends straight to the pods, past the waypoint and its HTTPRoutes. */
const INGRESS_USE_WAYPOINT = 'istio.io/ingress-use-waypoint';
const TRAFFIC_DISTRIBUTION = 'networking.istio.io/traffic-distribution';

/**
 * Partial objects for things the user already owns (their Namespaces and Services):
 * Argo CD must apply them server-side (they are patches, not whole objects) and must
 * never prune or delete them, which would delete the user's Service or Namespace.
 */
export const PATCH_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/sync-options': 'Delete=false,Prune=false,ServerSideApply=true',
};

/**
 * `services`: the Services of the L7 workloads, from the Istio configuration when it
 * was given, else assumed to be named like their workloads (`fromConfig` says which).
 * `throughIngress`: those of canary workloads that an Istio ingress gateway routes to
 * (the Istio configuration says so): their canary split must apply to that traffic too.
 */
export function servicePatchesFile(
  w: WaypointPlan,
  services: { names: readonly string[]; fromConfig: boolean },
  throughIngress: ReadonlySet<string>,
  namespaceWide: boolean,
  locality: Locality,
  version: IstioVersion,
): ManifestFile | undefined {
  const preferClose = locality === 'preferClose';
  if (namespaceWide && !preferClose && throughIngress.size === 0) return undefined;
  const names = [...new Set([...services.names, ...throughIngress])].sort();
  const sameZone = sameZoneValue(version);
  const objects: KubeObject[] = names.map((name) => {
    const labels = { ...(namespaceWide ? {} : { [USE_WAYPOINT]: WAYPOINT_NAME }), ...(throughIngress.has(name) ? { [INGRESS_USE_WAYPOINT]: 'true' } : {}) };
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace: w.namespace,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        annotations: { ...PATCH_ANNOTATIONS, ...(preferClose ? { [TRAFFIC_DISTRIBUTION]: sameZone } : {}) },
      },
    };
  });
  const comment = [
    services.fromConfig
      ? `Patches to the Services of the L7 workloads in ${w.namespace}, as the Istio configuration names them: ${names.join(', ')}.`
      : `Patches to the Services of the L7 workloads in ${w.namespace} (waypoint=true in the inventory), assumed to be named like their workloads: ${names.join(', ')}.`,
    namespaceWide
      ? `The Namespace carries ${USE_WAYPOINT}: ${WAYPOINT_NAME} (every workload in it needs L7), so these only add the locality annotation.`
      : `${USE_WAYPOINT}: ${WAYPOINT_NAME} sends their traffic through the namespace's waypoint; the other Services in ${w.namespace} stay on ztunnel (L4 only).`,
  ];
  if (preferClose) {
    comment.push(
      `${TRAFFIC_DISTRIBUTION}: ${sameZone} keeps the waypoint → Service hop in its zone where an endpoint exists (--locality preferClose, as the estimate's cross-zone cost assumed);` +
        ` Istio ${formatVersion(version)} ${sameZone === 'PreferSameZone' ? 'takes PreferSameZone (from 1.27; PreferClose is its deprecated alias)' : 'predates PreferSameZone (1.27): PreferClose is its name there'}. The annotation needs no Kubernetes feature gate.`,
    );
  }
  if (throughIngress.size > 0) {
    comment.push(
      `${INGRESS_USE_WAYPOINT}: "true" on ${[...throughIngress].sort().join(', ')}: an Istio ingress gateway routes to them (a VirtualService bound to it) and their canary split (6-canary) must apply to that traffic too, so the gateway sends it through the waypoint.`,
    );
  }
  comment.push('Partial objects: kubectl apply merges them into the existing Services; Argo CD applies them server-side and never deletes them.');
  return { kind: 'resources', step: '4-enrol', path: `${w.namespace}/service-patches.yaml`, comment, objects };
}

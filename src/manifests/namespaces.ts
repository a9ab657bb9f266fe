/**
 * Step 4: every namespace in the priced scope joins ambient with one label (no restart
 * needed for ambient itself). The Namespace objects are partial: they patch the user's
 * namespaces.
 */
import { count, plural } from './explain.js';
import { PATCH_ANNOTATIONS, USE_WAYPOINT } from './services.js';
import type { KubeObject, ManifestFile } from './types.js';
import { WAYPOINT_NAME } from './waypoint.js';

export interface MeshedNamespace {
  namespace: string;
  /** meshed workloads and their pods */
  workloads: number;
  pods: number;
  /** every workload in it needs L7: the Namespace itself carries istio.io/use-waypoint */
  allThroughWaypoint: boolean;
}

export function namespacesFile(
  cluster: { name: string; environment: string },
  namespaces: readonly MeshedNamespace[],
  excludedNamespaces: readonly string[],
): ManifestFile {
  const objects: KubeObject[] = namespaces.map((ns) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns.namespace,
      labels: {
        'istio.io/dataplane-mode': 'ambient',
        ...(ns.allThroughWaypoint ? { [USE_WAYPOINT]: WAYPOINT_NAME } : {}),
      },
      annotations: { ...PATCH_ANNOTATIONS },
    },
  }));
  const pods = namespaces.reduce((s, ns) => s + ns.pods, 0);
  const workloads = namespaces.reduce((s, ns) => s + ns.workloads, 0);
  const excluded = excludedNamespaces.length > 0 ? excludedNamespaces.join(', ') : 'none';
  return {
    kind: 'resources',
    step: '4-enrol',
    path: 'namespaces.yaml',
    comment: [
      `${plural(namespaces.length, 'meshed namespace')} in cluster ${cluster.name} (${cluster.environment}): ${plural(workloads, 'workload')}, ${count(pods)} pods (excluded namespaces: ${excluded}).`,
      ...namespaces.map(
        (ns) =>
          `  ${ns.namespace}: ${plural(ns.workloads, 'workload')}, ${plural(ns.pods, 'pod')}` +
          (ns.allThroughWaypoint ? `; all of them need L7, so the namespace carries ${USE_WAYPOINT}` : ''),
      ),
      'istio.io/dataplane-mode: ambient puts their pods behind the node ztunnel; a pod that still has its sidecar keeps it (and its cost) until step 5-remove-sidecars restarts it.',
      'Partial objects: kubectl apply merges the labels into the existing namespaces; Argo CD applies them server-side and never deletes them.',
    ],
    objects,
  };
}

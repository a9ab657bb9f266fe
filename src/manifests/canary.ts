/**
 * Canary releases through the mesh (DESIGN section 6): per canary workload a canary
 * Service, an HTTPRoute attached to the workload's Service (GAMMA: the waypoint
 * enforces it) with stable/canary weights the Argo Rollouts Gateway API plugin moves,
 * and a Rollout that takes its pod template from the existing Deployment.
 */
import { stringify } from 'yaml';
import { count, plural } from './explain.js';
import type { KubeObject, ManifestFile } from './types.js';

/**
 * What the inventory cannot say about a Service, assumed and written in each file's
 * comment: the Service is named like the workload, selects `app: <workload>` and
 * serves port 80 from the container port named `http`.
 */
const SELECTOR_LABEL = 'app';
const SERVICE_PORT = 80;
const TARGET_PORT = 'http';

const PLUGIN_NAME = 'argoproj-labs/gatewayAPI';
/** A pinned plugin release: the controller downloads it once at start-up. */
const PLUGIN_LOCATION =
  'https://github.com/argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi/releases/download/v0.17.0/gatewayapi-plugin-linux-amd64';

export interface CanaryWorkload {
  namespace: string;
  name: string;
  replicas: number;
  rps: number;
}

export function canaryServiceName(workload: string): string {
  return `${workload}-canary`;
}

export function canaryFile(w: CanaryWorkload): ManifestFile {
  const canary = canaryServiceName(w.name);
  const service: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: canary, namespace: w.namespace },
    spec: {
      // Argo Rollouts adds the canary ReplicaSet's pod-template hash to this selector
      selector: { [SELECTOR_LABEL]: w.name },
      ports: [{ name: 'http', port: SERVICE_PORT, targetPort: TARGET_PORT, protocol: 'TCP' }],
    },
  };
  const route: KubeObject = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: w.name, namespace: w.namespace },
    spec: {
      parentRefs: [{ group: '', kind: 'Service', name: w.name }],
      rules: [
        {
          backendRefs: [
            { name: w.name, port: SERVICE_PORT, weight: 100 },
            { name: canary, port: SERVICE_PORT, weight: 0 },
          ],
        },
      ],
    },
  };
  const rollout: KubeObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: w.name, namespace: w.namespace },
    spec: {
      replicas: w.replicas,
      // no selector and no template: both are read from the Deployment
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name, scaleDown: 'onsuccess' },
      strategy: {
        canary: {
          stableService: w.name,
          canaryService: canary,
          trafficRouting: { plugins: { [PLUGIN_NAME]: { httpRoute: w.name, namespace: w.namespace } } },
          steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '10m' } }],
        },
      },
    },
  };
  return {
    kind: 'resources',
    step: '6-canary',
    path: `${w.namespace}/canary-${w.name}.yaml`,
    comment: [
      `Canary releases for ${w.namespace}/${w.name} (canary=true in the inventory): ${plural(w.replicas, 'replica')}, ${count(w.rps)} rps.`,
      `The HTTPRoute attaches to Service ${w.name} and splits its traffic 100/0 between ${w.name} and ${canary}; the Rollout moves the weights (10% → pause for a manual promote → 50% → 10 minutes → 100%).`,
      `The Rollout runs ${plural(w.replicas, 'replica')} from Deployment ${w.name}'s pod template and scales the Deployment to 0 once it is healthy (workloadRef, scaleDown: onsuccess).`,
      `Assumed: Service ${w.name} exists, selects ${SELECTOR_LABEL}=${w.name} and serves port ${SERVICE_PORT} from the container port named ${TARGET_PORT}; edit ${canary} and the ports if yours differ.`,
    ],
    objects: [service, route, rollout],
  };
}

/** The plugin is registered once per cluster, in the controller's own ConfigMap. */
export function argoRolloutsConfigFile(canaries: number): ManifestFile {
  return {
    kind: 'resources',
    step: '6-canary',
    path: 'argo-rollouts/argo-rollouts-config.yaml',
    comment: [
      `Registers the ${PLUGIN_NAME} traffic-router plugin used by ${plural(canaries, 'canary Rollout')} (restart the argo-rollouts controller after applying).`,
      'Pinned to linux-amd64 nodes: change the file suffix to gatewayapi-plugin-linux-arm64 for arm64 nodes.',
      'The controller also needs RBAC to update HTTPRoutes (see the plugin installation guide).',
    ],
    objects: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'argo-rollouts-config', namespace: 'argo-rollouts' },
        data: { trafficRouterPlugins: stringify([{ name: PLUGIN_NAME, location: PLUGIN_LOCATION }], { lineWidth: 0 }) },
      },
    ],
  };
}

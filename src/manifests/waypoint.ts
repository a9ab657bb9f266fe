/**
 * One waypoint per namespace that holds L7 workloads (DESIGN section 6): a Gateway of
 * class istio-waypoint whose infrastructure.parametersRef names a ConfigMap. Istio
 * applies that ConfigMap's `deployment` and `horizontalPodAutoscaler` entries as
 * strategic-merge overlays onto the Deployment and HPA it generates for the Gateway,
 * so the sized requests and replica bounds live there.
 */
import { stringify } from 'yaml';
import type { WaypointPlan } from '../model/types.js';
import type { WaypointProfile } from '../profiles/schema.js';
import { formatCpu, formatMemoryMiB } from '../quantity.js';
import { compact, count, plural } from './explain.js';
import type { KubeObject, ManifestFile } from './types.js';

/** The name istioctl gives a namespace's waypoint; `istio.io/use-waypoint` points at it. */
export const WAYPOINT_NAME = 'waypoint';
const WAYPOINT_PARAMS_NAME = 'waypoint-params';
/** Istio labels the pods it generates for a Gateway with the Gateway's name. */
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const ZONE_KEY = 'topology.kubernetes.io/zone';

export interface WaypointReplicas {
  min: number;
  max: number;
}

/**
 * The plan's numbers, sized once by the model: minReplicas its floor f (the profile's
 * minimum, and one per zone with zoneSpread), maxReplicas the k the estimate priced.
 */
export function waypointReplicas(w: WaypointPlan): WaypointReplicas {
  return { min: w.floor, max: w.replicas };
}

export function waypointFile(w: WaypointPlan, scaling: WaypointProfile['scaling'], profileName: string): ManifestFile {
  const replicas = waypointReplicas(w);
  const gateway: KubeObject = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: WAYPOINT_NAME, namespace: w.namespace, labels: { 'istio.io/waypoint-for': 'service' } },
    spec: {
      gatewayClassName: 'istio-waypoint',
      infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: WAYPOINT_PARAMS_NAME } },
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
  };
  const params: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: WAYPOINT_PARAMS_NAME, namespace: w.namespace },
    data: {
      deployment: stringify(deploymentOverlay(w)),
      horizontalPodAutoscaler: stringify({ spec: { minReplicas: replicas.min, maxReplicas: replicas.max } }),
    },
  };
  return {
    kind: 'resources',
    path: `${w.namespace}/waypoint.yaml`,
    comment: sizingComment(w, scaling, replicas, profileName),
    objects: [gateway, params],
  };
}

function deploymentOverlay(w: WaypointPlan): Record<string, unknown> {
  const requests: Record<string, string> = {};
  if (w.requests.cpu > 0) requests.cpu = formatCpu(w.requests.cpu);
  if (w.requests.memoryMiB > 0) requests.memory = formatMemoryMiB(w.requests.memoryMiB);
  return {
    spec: {
      template: {
        spec: {
          // Istio merges containers by name: this touches only the proxy's requests
          containers: [{ name: 'istio-proxy', ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}) }],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: ZONE_KEY,
              // a full zone must not block a scale-up under load; the spread is a preference
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { [GATEWAY_NAME_LABEL]: WAYPOINT_NAME } },
            },
          ],
        },
      },
    },
  };
}

/** `7.99` for 7.99872: never shows a fraction that rounds up to the whole number it is below */
function truncated(n: number): string {
  return String(Math.floor(n * 100) / 100);
}

/** `1.6` for 60% headroom, without float noise */
function factor(headroom: number): string {
  return String(Number((1 + headroom).toPrecision(6)));
}

function sizingComment(w: WaypointPlan, scaling: WaypointProfile['scaling'], r: WaypointReplicas, profileName: string): string[] {
  const rpm = 60 * w.rps;
  const exact = (rpm * (1 + scaling.headroom)) / scaling.rpmPerReplica;
  const lines = [
    `Waypoint for namespace ${w.namespace} in cluster ${w.cluster} (${w.environment}): Gateway + its parameters ConfigMap.`,
    `L7 workloads: ${w.workloads.map((x) => `${x.name} ${count(x.rps)} rps`).join(', ')}.`,
    `${count(w.rps)} rps × 60 = ${compact(rpm)} rpm; ${compact(rpm)} rpm × ${factor(scaling.headroom)} / ${compact(scaling.rpmPerReplica)} rpm per replica → ${plural(w.replicasForLoad, 'replica')}` +
      (w.replicasForLoad > 0 && exact !== w.replicasForLoad ? ` (${truncated(exact)} rounded up)` : '') +
      '.',
  ];
  lines.push(
    w.zoneSpread
      ? `HPA minReplicas ${r.min} = max(profile minReplicas ${scaling.minReplicas}, ${plural(w.zones.length, 'zone')}${w.zones.length > 0 ? `: ${w.zones.join(', ')}` : ''}); replicas spread across zones.`
      : `HPA minReplicas ${r.min} = profile minReplicas ${scaling.minReplicas} (zoneSpread off); replicas spread across zones.`,
    r.max === w.replicasForLoad
      ? `HPA maxReplicas ${r.max} = the replicas the load needs; the estimate priced ${plural(w.replicas, 'replica')}.`
      : `HPA maxReplicas ${r.max} = minReplicas: the load needs fewer; the estimate priced ${plural(w.replicas, 'replica')}.`,
  );
  lines.push(
    `Each replica requests ${formatCpu(w.requests.cpu)} CPU / ${formatMemoryMiB(w.requests.memoryMiB)} (profile ${profileName}); the HPA scales on CPU at Kubernetes' default 80% target.`,
  );
  return lines;
}

/**
 * Step 2: one waypoint per namespace that holds L7 workloads (DESIGN section 6), a
 * Gateway of class istio-waypoint sized by the plan. From Istio 1.26 its
 * infrastructure.parametersRef names a ConfigMap whose `deployment` and
 * `horizontalPodAutoscaler` entries Istio merges into the Deployment and HPA it
 * generates; before 1.26 that reference is ignored, so the HPA is an object of its
 * own aimed at the Deployment Istio generates, and the requests come from the Helm
 * value global.waypoint.resources (step 1).
 */
import { stringify } from 'yaml';
import type { WaypointPlan } from '../model/types.js';
import { usageAt } from '../model/resources.js';
import type { ComponentProfile, WaypointProfile } from '../profiles/schema.js';
import { formatCpu, formatMemoryMiB } from '../quantity.js';
import { compact, count, plural } from './explain.js';
import { formatVersion, takesParametersRef, type IstioVersion } from './istioVersion.js';
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
  /** the HPA's CPU target: percent of the request, or (without a CPU request) the vCPU per replica */
  cpuTarget: { percent: number } | { vcpu: number };
  /** vCPU one replica uses at its sized load R_g/k (the model's usage function) */
  usage: number;
}

/**
 * minReplicas: the plan's floor f; maxReplicas: the plan's k (never below f: an HPA
 * rejects min > max). The CPU target is the utilisation a replica reaches at the load
 * it was sized for, so at today's load the HPA holds the k that was priced instead of
 * scaling out at Kubernetes' default 80% of a small request.
 */
export function waypointReplicas(w: WaypointPlan, waypoint: ComponentProfile): WaypointReplicas {
  const usage = usageAt(waypoint, w.rps / w.replicas).cpu;
  const request = w.requests.cpu;
  return {
    min: w.floor,
    max: w.replicas,
    cpuTarget: request > 0 ? { percent: Math.max(1, Math.round((100 * usage) / request)) } : { vcpu: usage },
    usage,
  };
}

/** Every zone holds a replica, as the price assumed; a full zone must not block a scale-up, so it is a preference. */
export function zoneSpread(): Record<string, unknown>[] {
  return [{ maxSkew: 1, topologyKey: ZONE_KEY, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { [GATEWAY_NAME_LABEL]: WAYPOINT_NAME } } }];
}

export function waypointFile(w: WaypointPlan, waypoint: ComponentProfile & { scaling: WaypointProfile['scaling'] }, profileName: string, version: IstioVersion): ManifestFile {
  const replicas = waypointReplicas(w, waypoint);
  const overlays = takesParametersRef(version);
  const gateway: KubeObject = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: WAYPOINT_NAME, namespace: w.namespace, labels: { 'istio.io/waypoint-for': 'service' } },
    spec: {
      gatewayClassName: 'istio-waypoint',
      ...(overlays ? { infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: WAYPOINT_PARAMS_NAME } } } : {}),
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
  };
  const hpaSpec = {
    minReplicas: replicas.min,
    maxReplicas: replicas.max,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: cpuTarget(replicas) } }],
  };
  const objects: KubeObject[] = overlays
    ? [
        gateway,
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: WAYPOINT_PARAMS_NAME, namespace: w.namespace },
          data: { deployment: stringify(deploymentOverlay(w)), horizontalPodAutoscaler: stringify({ spec: hpaSpec }) },
        },
      ]
    : [
        gateway,
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: WAYPOINT_NAME, namespace: w.namespace },
          // Istio names the Deployment it generates for a Gateway after the Gateway
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: WAYPOINT_NAME }, ...hpaSpec },
        },
      ];
  return {
    kind: 'resources',
    step: '2-waypoints',
    path: `${w.namespace}/waypoint.yaml`,
    comment: sizingComment(w, waypoint, replicas, profileName, version),
    objects,
  };
}

function cpuTarget(r: WaypointReplicas): Record<string, unknown> {
  return 'percent' in r.cpuTarget
    ? { type: 'Utilization', averageUtilization: r.cpuTarget.percent }
    : { type: 'AverageValue', averageValue: formatCpu(r.cpuTarget.vcpu) };
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
          topologySpreadConstraints: zoneSpread(),
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

function sizingComment(
  w: WaypointPlan,
  waypoint: { scaling: WaypointProfile['scaling'] },
  r: WaypointReplicas,
  profileName: string,
  version: IstioVersion,
): string[] {
  const { scaling } = waypoint;
  const rpm = 60 * w.rps;
  const exact = (rpm * (1 + scaling.headroom)) / scaling.rpmPerReplica;
  const lines = [
    `Waypoint for namespace ${w.namespace} in cluster ${w.cluster} (${w.environment}): ${takesParametersRef(version) ? 'Gateway + its parameters ConfigMap' : 'Gateway + an HPA for the Deployment Istio generates'}.`,
    `L7 workloads: ${w.workloads.map((x) => `${x.name} ${count(x.rps)} rps`).join(', ')}.`,
    `${count(w.rps)} rps × 60 = ${compact(rpm)} rpm; ${compact(rpm)} rpm × ${factor(scaling.headroom)} / ${compact(scaling.rpmPerReplica)} rpm per replica → ${plural(w.replicasForLoad, 'replica')}` +
      (w.replicasForLoad > 0 && exact !== w.replicasForLoad ? ` (${truncated(exact)} rounded up)` : '') +
      `; the estimate priced k = ${w.replicas}.`,
    w.zoneSpread
      ? `HPA minReplicas ${r.min} = f = max(profile minReplicas ${scaling.minReplicas}, ${plural(w.zones.length, 'zone')}${w.zones.length > 0 ? `: ${w.zones.join(', ')}` : ''}); replicas spread across zones (maxSkew 1).`
      : `HPA minReplicas ${r.min} = f = profile minReplicas ${scaling.minReplicas} (zoneSpread off); replicas spread across zones (maxSkew 1).`,
    `HPA maxReplicas ${r.max} = k.`,
    'percent' in r.cpuTarget
      ? `HPA CPU target ${r.cpuTarget.percent}% = 100 × ${count3(r.usage)} vCPU a replica uses at ${count(w.rps / w.replicas)} rps ÷ ${formatCpu(w.requests.cpu)} requested: at today's load the HPA holds ${w.replicas} replicas (Kubernetes' default 80% would scale out at ${count3(0.8 * w.requests.cpu)} vCPU).`
      : `HPA CPU target ${formatCpu(r.cpuTarget.vcpu)} per replica, what a replica uses at ${count(w.rps / w.replicas)} rps (the profile requests no CPU, so no utilisation target exists).`,
    `Each replica requests ${formatCpu(w.requests.cpu)} CPU / ${formatMemoryMiB(w.requests.memoryMiB)} (profile ${profileName}).`,
  ];
  if (!takesParametersRef(version)) {
    lines.push(
      `Istio ${formatVersion(version)} ignores a Gateway's parametersRef (its overlays apply from 1.26), and a patch of the Deployment it generates would be reconciled away:`,
      'so the HPA is its own object, and the requests and zone spread come from the Helm values global.waypoint.resources and global.waypoint.topologySpreadConstraints (step 1-ambient-install).',
    );
  }
  return lines;
}

/** `0.36`, `0.005`: vCPU with 3 significant digits */
function count3(n: number): string {
  return String(Number(n.toPrecision(3)));
}

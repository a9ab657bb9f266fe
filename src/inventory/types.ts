/**
 * The normalized inventory every reader produces (DESIGN section 2). Pods are
 * folded into workloads as they are read: a workload keeps its pod count per node
 * (placement), never the pods themselves, so a million pods cost a few maps.
 */

import { fillCount } from '../plural.js';
export type CapacityType = 'on-demand' | 'spot';

/**
 * The largest node any reader accepts: anything bigger is a unit mistake (bytes read as
 * Ki, a stray exponent), and would silently skew every cluster average it joins.
 */
export const MAX_NODE_VCPU = 1e4;
export const MAX_NODE_MEMORY_BYTES = 2 ** 50;

/** The zone of a node that has no zone label (kind, minikube): one zone, no cross-zone traffic. */
export const UNKNOWN_ZONE = 'unknown';

export interface InventoryNode {
  cluster: string;
  /** defaults to the cluster name */
  environment: string;
  name: string;
  zone: string;
  instanceType?: string;
  capacityType: CapacityType;
  /** allocatable vCPU */
  vcpu: number;
  /** allocatable memory, GiB (2^30 bytes) */
  memoryGiB: number;
  /** $/hour for the whole node, when the inventory knows it */
  hourlyPrice?: number;
  /**
   * Why no ztunnel or istio-cni can run here (DESIGN section 3, "Nodes a ztunnel cannot
   * serve"); absent on ordinary Linux nodes. Set by readers that see node labels.
   */
  noZtunnel?: NoZtunnelReason;
}

/** `kubernetes.io/os: windows`, `eks.amazonaws.com/compute-type: fargate`, `type: virtual-kubelet` */
export type NoZtunnelReason = 'windows' | 'fargate' | 'virtual-kubelet';

/** One pod's own requests (its containers without istio-proxy; Kubernetes' effective request). */
export interface PodRequests {
  cpu: number;
  memoryMiB: number;
}

/** Where a record came from, so later errors (e.g. an invalid DNS name) can name the input row. */
export interface Origin {
  file: string;
  line?: number;
}

export interface InventoryWorkload {
  cluster: string;
  environment: string;
  namespace: string;
  name: string;
  /** Deployment | StatefulSet | DaemonSet | Job | CronJob | ... */
  kind: string;
  replicas: number;
  /** requests/s the workload serves from meshed clients, all replicas together */
  rps: number;
  /** bytes per request (request + response); the model defaults it */
  bytesPerRequest?: number;
  /** needs L7 (a waypoint) in ambient mode */
  waypoint: boolean;
  canary: boolean;
  hostNetwork: boolean;
  /** pods per node name, when placement is known (pods.csv, kubectl) */
  placement?: Map<string, number>;
  /** sidecar requests really running in the cluster; override the profile's */
  sidecarRequests?: { cpu?: number; memoryMiB?: number };
  /** pods of this workload that run istio-proxy today (kubectl, New Relic, Prometheus); absent when the source cannot tell */
  sidecarsToday?: number;
  /**
   * pods opted out of the mesh at pod level (`sidecar.istio.io/inject: "false"`,
   * `istio.io/dataplane-mode: none`); they are outside the scope (DESIGN section 2)
   */
  optedOut?: number;
  /**
   * one pod's own requests (mean over the workload's pods that declare any; pods of one
   * controller share a template); absent when the source gives none
   */
  podRequests?: PodRequests;
  /** pods of this workload with no requests at all (they count 0 in the capacity figures) */
  podsWithoutRequests?: number;
  /** one pod's labels (kubectl): Services and Istio policies select workloads by them */
  labels?: Record<string, string>;
  origin?: Origin;
}

/** Today's data plane of a namespace, from its labels. */
export type DataPlane = 'sidecar' | 'ambient';

/** A namespace as the source saw it; only sources that see namespace labels list them. */
export interface InventoryNamespace {
  cluster: string;
  name: string;
  /**
   * `istio-injection=enabled` or `istio.io/rev=…` → sidecar; `istio.io/dataplane-mode=ambient`
   * → ambient; absent when neither label is set (or injection is disabled)
   */
  dataPlane?: DataPlane;
  /** the label that said so, e.g. `istio-injection=enabled` */
  label?: string;
}

/** Mesh infrastructure: never a workload, reported apart (DESIGN section 2). */
export type InfrastructureComponent = 'ztunnel' | 'istio-cni' | 'istiod' | 'waypoint' | 'gateway';

export interface InfrastructureSeen {
  cluster: string;
  namespace: string;
  /** the owning controller (Deployment, DaemonSet) */
  name: string;
  component: InfrastructureComponent;
  pods: number;
}

/** Facts about an existing mesh, seen in the inventory (kubectl, New Relic). */
export interface MeshObservation {
  sidecarsSeen: number;
  /** namespace labels that matter for the migration, e.g. `istio-injection=enabled` */
  labelledNamespaces: { cluster: string; namespace: string; label: string }[];
}

export interface Inventory {
  /** human-readable names of what was read, e.g. `fixtures/olx-india/nodes.csv` */
  sources: string[];
  nodes: InventoryNode[];
  workloads: InventoryWorkload[];
  /** pods seen (pods.csv or kubectl); when only workloads are known, the sum of replicas */
  pods: number;
  mesh?: MeshObservation;
  /** namespaces with their labels, when the source sees them (kubectl, New Relic, Prometheus) */
  namespaces?: InventoryNamespace[];
  /** mesh infrastructure seen and left out of the workloads */
  infrastructure?: InfrastructureSeen[];
}

/**
 * A warning is data that is still used but suspicious. Each kind (code) is reported
 * once with a count, e.g. "312 pods reference workloads absent from workloads.csv".
 */
export interface Warning {
  code: string;
  /** the message for the whole kind; `{count}` is replaced by the count */
  message: string;
  count: number;
  /** the first occurrence, to help find the rest */
  example?: string;
}

export class Warnings {
  private readonly byCode = new Map<string, Warning>();

  add(code: string, message: string, example?: string, n = 1): void {
    const w = this.byCode.get(code);
    if (w) w.count += n;
    else this.byCode.set(code, { code, message, count: n, ...(example ? { example } : {}) });
  }

  merge(other: readonly Warning[]): void {
    for (const w of other) this.add(w.code, w.message, w.example, w.count);
  }

  list(): Warning[] {
    return [...this.byCode.values()];
  }
}

/** One line: names from an inventory may hold line breaks (a quoted CSV cell), shown as \n. */
export function formatWarning(w: Warning): string {
  const text = fillCount(w.message, w.count);
  return (w.example ? `${text} (first: ${w.example})` : text).replace(/\r\n|\r|\n/g, '\\n');
}

/** What every reader gets besides its own options. */
export interface ReadContext {
  warnings: Warnings;
  /** progress on stderr when it is a terminal; readers call it, they never print */
  progress?: (done: number, total?: number, unit?: string) => void;
  signal?: AbortSignal;
}

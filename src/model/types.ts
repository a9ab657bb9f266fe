/**
 * What the model returns: the Plan (every proxy it sized, for the manifests) and the
 * Report (DESIGN section 4, for the renderers). Pure data, no classes.
 */
import type { InfrastructureComponent, MeshObservation, Warning } from '../inventory/types.js';
import type { Capacity } from './capacity/types.js';
import type { Sensitivity } from './sensitivity.js';

// tuples, so that flags (commander choices) and the config (z.enum) take them as they are
export const BASES = ['usage', 'requests', 'max'] as const;
export const LOCALITIES = ['none', 'preferClose'] as const;
/** `--scope`: auto reads the mesh from the inventory when it shows one (DESIGN section 2, "Scope") */
export const SCOPES = ['auto', 'mesh', 'all'] as const;
export type Basis = (typeof BASES)[number];
export type Locality = (typeof LOCALITIES)[number];
export type ScopeFlag = (typeof SCOPES)[number];
export type ScopeMode = Exclude<ScopeFlag, 'auto'>;
export type Mode = 'sidecar' | 'ambient';
export type Component = 'sidecar' | 'controlPlane' | 'ztunnel' | 'cni' | 'waypoint' | 'crossZone';


export const DEFAULT_EXCLUDED_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'istio-system',
];
export const DEFAULT_BYTES_PER_REQUEST = 2048;

export interface ModelOptions {
  basis: Basis;
  locality: Locality;
  excludedNamespaces: readonly string[];
  /** default auto */
  scope?: ScopeFlag;
}

/** Multipliers a sensitivity run changes (DESIGN section 3, "Sensitivity"); each defaults to 1. */
export interface Scales {
  /** every workload's rps (traffic.rpsScale) */
  rps?: number;
  /** every workload's bytes per request (traffic.bytesScale) */
  bytes?: number;
  /** every node's hourly price (prices.nodeScale) */
  nodePrice?: number;
}

/** What wrote the report; the CLI passes its package.json in, so the model stays pure. */
export interface Tool {
  name: string;
  version: string;
}

export interface LineItem {
  mode: Mode;
  component: Component;
  environment: string;
  cluster: string;
  /** the workload's namespace; istio-system for ztunnel, cni and istiod, where they run */
  namespace: string;
  /** proxies (or waypoint replicas, or control planes); for crossZone, the waypoint workloads */
  count: number;
  vcpu: number;
  memoryGiB: number;
  monthlyCost: number;
  /** crossZone items only: both locality variants of this item, whichever one monthlyCost counts */
  variants?: Record<Locality, CrossZoneFigures>;
}

export interface CrossZoneFigures {
  extraGiB: number;
  extraMonthlyCost: number;
}

export interface Report {
  schemaVersion: 'mesh-cost/v1';
  generatedAt: string;
  /** the mesh-cost that wrote the report: a pinned version keeps the model from moving the figures */
  tool: Tool;
  currency: string;
  hoursPerMonth: number;
  basis: Basis;
  inputs: {
    sources: string[];
    profile: string;
    prices: string;
    clusters: number;
    nodes: number;
    workloads: number;
    pods: number;
    meshedPods: number;
    /** which workloads were priced, and why */
    scope?: ScopeReport;
    /** mesh infrastructure seen and left out of the workloads, per component */
    infrastructure?: InfrastructureSummary[];
  };
  sidecar: { proxies: number; vcpu: number; memoryGiB: number; monthlyCost: number };
  ambient: {
    ztunnels: number;
    waypoints: number;
    waypointReplicas: number;
    vcpu: number;
    memoryGiB: number;
    monthlyCost: number;
    crossZoneMonthlyCost: number;
    /** meshed pods on nodes a ztunnel cannot serve: they keep their sidecar in ambient */
    sidecarsKept?: number;
  };
  crossZone: CrossZoneFigures & {
    locality: Locality;
    variants: Record<Locality, CrossZoneFigures>;
  };
  savings: { monthlyCost: number; percent: number | null };
  lineItems: LineItem[];
  /** every waypoint as sized: what the manifests deploy */
  waypoints?: WaypointReport[];
  /** today's data plane priced by the same model, when the inventory shows it */
  today?: TodayReport;
  /** the mesh already running, when the inventory shows it (kubectl: istio-proxy sidecars, namespace labels) */
  mesh?: MeshObservation;
  /** what ambient cannot carry over from the cluster's Istio configuration, when it was given */
  readiness?: ReadinessFinding[];
  /** `--set KEY=VALUE` what-ifs of this run, each with the value it replaced (as `--set` text) */
  overrides?: { key: string; value: string; was: string }[];
  /** the nodes the change frees, when pods' own requests are known (DESIGN section 3, "Capacity") */
  capacity?: Capacity;
  /** the tornado and break-evens, when asked for (--sensitivity) */
  sensitivity?: Sensitivity;
  warnings: Warning[];
}

export interface ScopeReport {
  mode: ScopeMode;
  reason: string;
  /** (cluster, namespace) pairs in the scope */
  namespaces: number;
}

export interface InfrastructureSummary {
  component: InfrastructureComponent;
  /** clusters it was seen in */
  clusters: number;
  pods: number;
}

export interface TodayReport {
  monthlyCost: number;
  /** pods running a sidecar today */
  sidecars: number;
  /** namespaces already ambient */
  ambientNamespaces: number;
  /** today − ambient */
  stillToSave: number;
}

export interface WaypointReport {
  cluster: string;
  namespace: string;
  rps: number;
  /** k: what the estimate prices and the HPA may scale to */
  replicas: number;
  /** f = max(minReplicas, zoneSpread ? zones : 1): the HPA's minReplicas */
  floor: number;
  zones: number;
}

/** One Istio object ambient does not carry over as it is (DESIGN section 6), and what to do about it. */
export interface ReadinessFinding {
  cluster: string;
  namespace: string;
  /** the Istio kind, e.g. `EnvoyFilter` */
  kind: string;
  name: string;
  finding: string;
}

/** One waypoint as sized by the model: what the manifests deploy. */
export interface WaypointPlan {
  cluster: string;
  environment: string;
  namespace: string;
  /** Σ rps of the workloads behind it */
  rps: number;
  /** k = max(minReplicas, zoneSpread ? Z : 1, replicasForLoad): priced, and the HPA's maxReplicas */
  replicas: number;
  /** f = max(minReplicas, zoneSpread ? Z : 1): the HPA's minReplicas */
  floor: number;
  /** replicas needed by load alone: ceil(60·R·(1 + headroom)/rpmPerReplica) */
  replicasForLoad: number;
  /** per-replica requests (vCPU, MiB) */
  requests: { cpu: number; memoryMiB: number };
  /** distinct zones in the cluster, in name order */
  zones: string[];
  /** replicas per zone (same order as zones): spread evenly, the first zones taking the remainder */
  spread: number[];
  /** whether the profile asks for a replica in every zone */
  zoneSpread: boolean;
  /** the workloads that need L7 */
  workloads: { name: string; rps: number }[];
}

export interface Plan {
  report: Report;
  waypoints: WaypointPlan[];
  /** the scope's namespaces per cluster, sorted: what the manifests enrol */
  meshedNamespaces: { cluster: string; environment: string; namespace: string }[];
  /** canary workloads (need an HTTPRoute and a Rollout) */
  canaries: { cluster: string; namespace: string; workload: string; kind: string }[];
}

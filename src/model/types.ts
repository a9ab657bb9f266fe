/**
 * What the model returns: the Plan (every proxy it sized, for the manifests) and the
 * Report (DESIGN section 4, for the renderers). Pure data, no classes.
 */
import type { MeshObservation, Warning } from '../inventory/types.js';
import type { Capacity } from './capacity/types.js';
import type { Sensitivity } from './sensitivity.js';

// tuples, so that flags (commander choices) and the config (z.enum) take them as they are
export const BASES = ['usage', 'requests', 'max'] as const;
export const LOCALITIES = ['none', 'preferClose'] as const;
export type Basis = (typeof BASES)[number];
export type Locality = (typeof LOCALITIES)[number];
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
}

export interface CrossZoneFigures {
  extraGiB: number;
  extraMonthlyCost: number;
}

export interface Report {
  schemaVersion: 'mesh-cost/v1';
  generatedAt: string;
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
  };
  crossZone: CrossZoneFigures & {
    locality: Locality;
    variants: Record<Locality, CrossZoneFigures>;
  };
  savings: { monthlyCost: number; percent: number | null };
  lineItems: LineItem[];
  /** the mesh already running, when the inventory shows it (kubectl: istio-proxy sidecars, namespace labels) */
  mesh?: MeshObservation;
  /** `--set KEY=VALUE` what-ifs of this run, each with the value it replaced (as `--set` text) */
  overrides?: { key: string; value: string; was: string }[];
  /** the nodes the change frees, when pods' own requests are known (DESIGN section 3, "Capacity") */
  capacity?: Capacity;
  /** the tornado and break-evens, when asked for (--sensitivity) */
  sensitivity?: Sensitivity;
  warnings: Warning[];
}

/** One waypoint as sized by the model: what the manifests deploy. */
export interface WaypointPlan {
  cluster: string;
  environment: string;
  namespace: string;
  /** Σ rps of the workloads behind it */
  rps: number;
  replicas: number;
  /** replicas needed by load alone, before minReplicas */
  replicasForLoad: number;
  /** per-replica requests (vCPU, MiB) */
  requests: { cpu: number; memoryMiB: number };
  /** distinct zones in the cluster */
  zones: string[];
  /** the workloads that need L7 */
  workloads: { name: string; rps: number }[];
}

export interface Plan {
  report: Report;
  waypoints: WaypointPlan[];
  /** meshed namespaces per cluster, sorted */
  meshedNamespaces: { cluster: string; environment: string; namespace: string }[];
  /** canary workloads (need an HTTPRoute and a Rollout) */
  canaries: { cluster: string; namespace: string; workload: string; kind: string }[];
}

/** Types of the NerdGraph stand-in (stub.mjs is plain JavaScript so it runs without a build). */
export type Event = Record<string, string | number | null>;
export type Events = Record<string, Event[]>;

export interface WorkloadSpec {
  name: string;
  kind?: string;
  replicas: number;
  rps?: number;
  /** pods of this workload that ended minutes ago */
  churn?: number;
  /** one pod's own requests (with containers: true) */
  requests?: { cpu?: number; memoryBytes?: number };
  /** pods labelled sidecar.istio.io/inject=false, no proxy */
  optOut?: boolean;
  /** a DaemonSet whose pods are injected all the same */
  sidecars?: boolean;
}

export interface ClusterSpec {
  name: string;
  nodes: number;
  zones?: string[];
  nodeCpu?: number;
  nodeMemoryBytes?: number;
  instanceType?: string;
  spotEvery?: number;
  /** the label that marks spot nodes, as Karpenter, an EKS managed node group, GKE or AKS sets it (default 'karpenter') */
  spotLabels?: 'karpenter' | 'eks' | 'gke' | 'aks';
  /** which New Relic integration sends the cluster's Istio metrics (default 'nri-prometheus'): it decides their cluster attribute */
  prometheus?: 'nri-prometheus' | 'agent';
  namespaces: { name: string; labels?: Record<string, string>; workloads: WorkloadSpec[] }[];
}

export interface UsageSamples {
  cpu: number[];
  memoryBytes: number[];
}

export const DEFAULT_USAGE: Record<'sidecar' | 'ztunnel' | 'waypoint', UsageSamples>;

export function generateAccount(spec: {
  now?: number;
  clusters: ClusterSpec[];
  usage?: Record<'sidecar' | 'ztunnel' | 'waypoint', UsageSamples>;
  ambient?: boolean;
  waypoints?: { cluster: string; namespace: string; replicas: number }[];
  sampleDays?: number;
  samplesPerProxy?: number;
  traffic?: boolean;
  containers?: boolean;
  gateways?: { cluster: string; namespace: string; name: string; replicas: number; istio: string }[];
}): Events;

export function demoAccount(pods?: number, now?: number): Events;

export interface StubRequest {
  n: number;
  nrql: string;
  apiKey: string | undefined;
  variables: Record<string, unknown>;
  query: string;
}

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { graphqlErrors: unknown[]; headers?: Record<string, string> }
  | { notices: unknown[] }
  | { delayMs: number }
  | { destroy: true }
  | undefined;

export interface NerdGraphStub {
  url: string;
  requests: StubRequest[];
  stats: { inFlight: number; maxInFlight: number };
  close(): Promise<void>;
}

export function startNerdGraphStub(options: {
  events: Events;
  apiKey: string;
  accountId: number;
  facetLimit?: number;
  fault?: (request: StubRequest) => Fault;
  badKey?: 'http' | 'graphql';
  port?: number;
}): Promise<NerdGraphStub>;

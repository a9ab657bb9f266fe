/** Types of the OpenMetrics generator (openmetrics.mjs is plain JavaScript so the bench runs it without a build). */
export interface PromNode {
  name: string;
  zone?: string;
  instanceType?: string;
  spot?: boolean;
  /** which label says spot or on-demand (default karpenter) */
  spotLabel?: 'karpenter' | 'eks';
  os?: 'linux' | 'windows';
  /** the node's Kubernetes labels as they are (then zone, instanceType, spot and os are not used) */
  labels?: Record<string, string>;
  cpu: number;
  memoryBytes: number;
}

export interface Resources {
  cpu: number;
  memoryBytes: number;
}

export interface PromWorkload {
  name: string;
  kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob' | 'Pod';
  /** ignored for a DaemonSet: one pod per node */
  replicas: number;
  /** pods of the workload not running yet (Pending, no node) */
  pending?: number;
  /** each pod's node in turn; else seeded at random */
  nodes?: string[];
  /** the Deployment's pod names, in order (else generated) */
  podNames?: string[];
  labels?: Record<string, string>;
  hostNetwork?: boolean;
  /** runs istio-proxy beside its app container */
  sidecar?: boolean;
  /** runs istio-proxy only (a gateway, a waypoint, a ztunnel) */
  proxyOnly?: boolean;
  /** the app container's requests */
  requests?: Resources;
  /** an init container's requests */
  init?: Resources;
  proxyRequests?: Resources;
  /** istio-proxy's usage, for cAdvisor */
  proxy?: Resources;
  /** requests/s served, all pods together */
  rps?: number;
  requestBytes?: number;
  responseBytes?: number;
}

export interface PromCluster {
  name: string;
  nodes: PromNode[];
  namespaces: { name: string; labels?: Record<string, string>; workloads: PromWorkload[] }[];
}

export interface MetricsSpec {
  clusters: PromCluster[];
  /** seconds since the epoch: the last sample */
  end: number;
  step?: number;
  steps?: number;
  /** the label naming the cluster; null: none (a single-cluster Prometheus) */
  clusterLabel?: string | null;
  /** kube-state-metrics run with a labels allowlist (kube_node_labels carry zone etc.) */
  nodeLabels?: boolean;
  istio?: boolean;
  cadvisor?: boolean;
  /** every phase of kube_pod_status_phase (0 or 1), as kube-state-metrics emits; false: only the pod's own */
  allPhases?: boolean;
  /** samples of each kube-state-metrics series, the last ones (default 2) */
  stateSamples?: number;
  /** the Istio reporters that emit istio_requests_total (default destination and source) */
  reporters?: ('destination' | 'source')[];
  /** the histograms' +Inf bucket beside _sum and _count (default true) */
  buckets?: boolean;
  /** kube-state-metrics replicas, each exporting every series (default 1) */
  ksmReplicas?: number;
  seed?: number;
}

export function writeOpenMetrics(spec: MetricsSpec, file: string): { series: number; samples: number; start: number; end: number };

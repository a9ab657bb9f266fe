/**
 * Every PromQL query the Prometheus reader sends, in one place, so that docs/prometheus.md
 * and `--debug` show exactly what runs. Each query is an instant query at the end of the
 * window; state (nodes, pods, labels, requests) is kube-state-metrics' series at that
 * instant, rates and averages are taken over the whole window by PromQL itself. Every
 * result is aggregated `by` the few labels the reader needs, so no sample and no label
 * it does not use crosses the network, and the number of queries is fixed: it grows only
 * when a result is too large and is split by cluster, then namespace (split.ts).
 */
import { INSTANCE_TYPE_LABELS, SPOT_LABELS, ZONE_LABELS } from '../nodeLabels.js';

/** Node labels that say no ztunnel can run on the node (DESIGN section 3). */
export const NO_ZTUNNEL_LABELS = { 'kubernetes.io/os': 'windows', 'eks.amazonaws.com/compute-type': 'fargate', type: 'virtual-kubelet' } as const;

/** The node labels the reader asks kube-state-metrics for. */
export const NODE_LABEL_KEYS = [...ZONE_LABELS, ...INSTANCE_TYPE_LABELS, ...Object.keys(SPOT_LABELS), ...Object.keys(NO_ZTUNNEL_LABELS)];

/** Pod labels that mark mesh infrastructure or a pod-level opt-out. */
export const POD_LABEL_KEYS = [
  'app',
  'istio',
  'gateway.networking.k8s.io/gateway-name',
  'gateway.istio.io/managed',
  'istio.io/gateway-name',
  'sidecar.istio.io/inject',
  'istio.io/dataplane-mode',
];

/** Namespace labels that say how a namespace is meshed today. */
export const NAMESPACE_LABEL_KEYS = ['istio-injection', 'istio.io/rev', 'istio.io/dataplane-mode'];

/** kube-state-metrics' name for a Kubernetes label: `label_` and every other character made `_`. */
export function promLabel(key: string): string {
  return `label_${key.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/** The `--metric-labels-allowlist` value kube-state-metrics needs for the labels above. */
export function labelsAllowlist(): string {
  return `nodes=[${NODE_LABEL_KEYS.join(',')}],pods=[${POD_LABEL_KEYS.join(',')}],namespaces=[${NAMESPACE_LABEL_KEYS.join(',')}]`;
}

/** What a query's selectors are narrowed to when a result has to be split. */
export interface Scope {
  /** the label that names the cluster (--prom-cluster-label); absent with --cluster */
  clusterLabel?: string;
  /** --clusters */
  clusters?: readonly string[];
  /** one cluster, once split */
  cluster?: string;
  /** one namespace, once split */
  namespace?: string;
}

export type QueryName = (typeof QUERY_NAMES)[number];

export const QUERY_NAMES = [
  'nodes',
  'nodeAllocatable',
  'nodeLabels',
  'pods',
  'podOwners',
  'replicaSetOwners',
  'jobOwners',
  'podRequests',
  'podInitRequests',
  'podLabels',
  'sidecarPods',
  'sidecarRequests',
  'proxyOnlyPods',
  'namespaces',
  'workloadRps',
  'workloadBytesPerRequest',
  'proxyCpu',
  'proxyMemory',
  'proxyPodRps',
] as const;

export interface QuerySpec {
  /** what the series are, for messages */
  what: string;
  /** the label that holds the namespace, where a result can be split by namespace */
  namespaceLabel?: string;
  /** the query, given the scope's selector text (may be empty) and the window (`7d`) */
  promql: (selector: (extra?: string) => string, window: string, by: (...labels: string[]) => string) => string;
}

const PROXY = 'container="istio-proxy"';
const SERVED = 'reporter=~"destination|waypoint"';
const WORKLOAD = ['destination_workload_namespace', 'destination_workload'];

export const QUERIES: Record<QueryName, QuerySpec> = {
  nodes: { what: 'nodes (kube_node_info)', promql: (s, _w, by) => `max by (${by('node')}) (kube_node_info${s()})` },
  nodeAllocatable: {
    what: 'node allocatable cpu and memory',
    promql: (s, _w, by) => `max by (${by('node', 'resource')}) (kube_node_status_allocatable${s('resource=~"cpu|memory"')})`,
  },
  nodeLabels: {
    what: 'node labels',
    promql: (s, _w, by) => `max by (${by('node', ...NODE_LABEL_KEYS.map(promLabel))}) (kube_node_labels${s()})`,
  },
  pods: {
    what: 'running pods',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) =>
      `max by (${by('namespace', 'pod', 'node', 'host_network')}) (kube_pod_info${s()} and on (${by('namespace', 'pod')}) (kube_pod_status_phase${s('phase="Running"')} == 1))`,
  },
  podOwners: {
    what: 'pod owners',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) => `max by (${by('namespace', 'pod', 'owner_kind', 'owner_name')}) (kube_pod_owner${s('owner_is_controller="true"')})`,
  },
  replicaSetOwners: {
    what: 'ReplicaSet owners',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) => `max by (${by('namespace', 'replicaset', 'owner_kind', 'owner_name')}) (kube_replicaset_owner${s('owner_kind!="<none>"')})`,
  },
  jobOwners: {
    what: 'Job owners',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) => `max by (${by('namespace', 'job_name', 'owner_kind', 'owner_name')}) (kube_job_owner${s('owner_kind!="<none>"')})`,
  },
  podRequests: {
    what: 'pod requests',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) =>
      // max per container first: two kube-state-metrics replicas (an HA install) export every series twice
      `sum by (${by('namespace', 'pod', 'resource')}) (max by (${by('namespace', 'pod', 'container', 'resource')}) (kube_pod_container_resource_requests${s(`container!="istio-proxy",resource=~"cpu|memory"`)}))`,
  },
  podInitRequests: {
    what: 'init container requests',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) =>
      `max by (${by('namespace', 'pod', 'resource')}) (kube_pod_init_container_resource_requests${s(`container!="istio-proxy",resource=~"cpu|memory"`)})`,
  },
  podLabels: {
    what: 'pod labels',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) => `max by (${by('namespace', 'pod', ...POD_LABEL_KEYS.map(promLabel))}) (kube_pod_labels${s()})`,
  },
  sidecarPods: {
    what: 'pods running istio-proxy beside their own containers',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) =>
      `(max by (${by('namespace', 'pod')}) (kube_pod_container_info${s(PROXY)}) or max by (${by('namespace', 'pod')}) (kube_pod_init_container_info${s(`${PROXY},restart_policy="Always"`)})) ` +
      `and on (${by('namespace', 'pod')}) count by (${by('namespace', 'pod')}) (kube_pod_container_info${s('container!="istio-proxy"')})`,
  },
  sidecarRequests: {
    what: 'istio-proxy requests',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) =>
      `max by (${by('namespace', 'pod', 'resource')}) (kube_pod_container_resource_requests${s(`${PROXY},resource=~"cpu|memory"`)} or kube_pod_init_container_resource_requests${s(`${PROXY},resource=~"cpu|memory"`)})`,
  },
  proxyOnlyPods: {
    what: 'pods whose only container is istio-proxy',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) =>
      `max by (${by('namespace', 'pod')}) (kube_pod_container_info${s(PROXY)}) unless on (${by('namespace', 'pod')}) count by (${by('namespace', 'pod')}) (kube_pod_container_info${s('container!="istio-proxy"')})`,
  },
  namespaces: {
    what: 'namespace labels',
    namespaceLabel: 'namespace',
    promql: (s, _w, by) => `max by (${by('namespace', ...NAMESPACE_LABEL_KEYS.map(promLabel))}) (kube_namespace_labels${s()})`,
  },
  workloadRps: {
    what: 'requests per second per workload',
    namespaceLabel: 'destination_workload_namespace',
    promql: (s, w, by) => `sum by (${by(...WORKLOAD)}) (rate(istio_requests_total${s(SERVED)}[${w}]))`,
  },
  workloadBytesPerRequest: {
    what: 'bytes per request per workload',
    namespaceLabel: 'destination_workload_namespace',
    promql: (s, w, by) =>
      `(sum by (${by(...WORKLOAD)}) (rate(istio_request_bytes_sum${s(SERVED)}[${w}])) + sum by (${by(...WORKLOAD)}) (rate(istio_response_bytes_sum${s(SERVED)}[${w}]))) ` +
      `/ sum by (${by(...WORKLOAD)}) (rate(istio_request_bytes_count${s(SERVED)}[${w}]))`,
  },
  proxyCpu: {
    what: 'istio-proxy cpu usage per pod',
    namespaceLabel: 'namespace',
    promql: (s, w, by) => `sum by (${by('namespace', 'pod')}) (rate(container_cpu_usage_seconds_total${s(PROXY)}[${w}]))`,
  },
  proxyMemory: {
    what: 'istio-proxy memory per pod',
    namespaceLabel: 'namespace',
    promql: (s, w, by) => `sum by (${by('namespace', 'pod')}) (avg_over_time(container_memory_working_set_bytes${s(PROXY)}[${w}]))`,
  },
  proxyPodRps: {
    what: 'requests per second per proxy pod',
    namespaceLabel: 'namespace',
    promql: (s, w, by) => `sum by (${by('namespace', 'pod')}) (rate(istio_requests_total${s(SERVED)}[${w}]))`,
  },
};

/** Clusters and namespaces to split by: small series, one per node or namespace. */
export const LISTS = {
  clusters: (label: string, selector: string) => `group by (${label}) (kube_node_info${selector})`,
  namespaces: (selector: string) => `group by (namespace) (kube_namespace_labels${selector})`,
} as const;

/** Label values are quoted as PromQL strings (JSON's escapes are PromQL's). */
const quote = (value: string) => JSON.stringify(value);
const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The matchers that narrow a query to the scope, before the query's own. */
export function scopeMatchers(scope: Scope, namespaceLabel?: string): string[] {
  const out: string[] = [];
  if (scope.clusterLabel) {
    if (scope.cluster !== undefined) out.push(`${scope.clusterLabel}=${quote(scope.cluster)}`);
    else if (scope.clusters?.length) out.push(`${scope.clusterLabel}=~${quote(scope.clusters.map(escapeRegex).join('|'))}`);
  }
  if (scope.namespace !== undefined && namespaceLabel) out.push(`${namespaceLabel}=${quote(scope.namespace)}`);
  return out;
}

export function selectorText(matchers: readonly string[]): string {
  return matchers.length ? `{${matchers.join(',')}}` : '';
}

/** The PromQL of one query in one scope. */
export function promql(name: QueryName, scope: Scope, window: string): string {
  const spec = QUERIES[name];
  const base = scopeMatchers(scope, spec.namespaceLabel);
  const selector = (extra?: string) => selectorText(extra ? [...base, extra] : base);
  const by = (...labels: string[]) => (scope.clusterLabel ? [scope.clusterLabel, ...labels] : labels).join(', ');
  return spec.promql(selector, window, by);
}

/** A window in milliseconds as a PromQL duration: whole days, hours, minutes or seconds. */
export function promDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (s % size === 0) return `${s / size}${unit}`;
  return `${s}s`;
}

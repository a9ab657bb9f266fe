/**
 * Every NRQL query mesh-cost sends (the README lists them verbatim). Aggregation is
 * pushed down into NRDB: one row per node, per pod, per workload, or one row per
 * proxy kind — never raw samples.
 */
import type { ProxyKind } from '../../profiles/fit/usage.js';
import { INFRASTRUCTURE_LABELS, OPT_OUT_LABELS, WAYPOINT_CONTROLLER } from '../meshLabels.js';
import { INSTANCE_TYPE_LABELS, NO_ZTUNNEL_LABELS, SPOT_LABELS, ZONE_LABELS } from '../nodeLabels.js';
import type { FacetQuery } from './complete.js';
import { attr, isIn, quote } from './nrql.js';
import { num, type FacetRow } from './results.js';

const later = (_: FacetRow, b: FacetRow) => b;

function clusterFilter(clusters: readonly string[], attribute = 'clusterName'): string[] {
  return clusters.length > 0 ? [isIn(attribute, clusters)] : [];
}

/** The node labels read: nri-kubernetes reports each as `label.<key>` on K8sNodeSample. */
export const NODE_LABELS = [...ZONE_LABELS, ...INSTANCE_TYPE_LABELS, ...Object.keys(SPOT_LABELS), ...new Set(NO_ZTUNNEL_LABELS.map((l) => l.label))];

/** A label's aggregate name: letters, digits and `_` only, as plain as an alias can be. */
export const labelAlias = (label: string) => label.replace(/[^A-Za-z0-9]/g, '_');

/** Nodes: allocatable capacity and the labels that place and price them, each label as an aggregate named after it. */
export function nodeQuery(clusters: readonly string[]): FacetQuery {
  return {
    name: 'nodes',
    select: [
      "latest(allocatableCpuCores) AS 'vcpu'",
      "latest(allocatableMemoryBytes) AS 'memoryBytes'",
      ...NODE_LABELS.map((label) => `latest(${attr(`label.${label}`)}) AS ${quote(labelAlias(label))}`),
      "max(timestamp) AS 'lastSeen'",
    ],
    from: 'K8sNodeSample',
    where: clusterFilter(clusters),
    facet: ['clusterName', 'nodeName'],
    splitBy: ['clusterName'],
    combine: later,
  };
}

/**
 * The pod labels read: nri-kubernetes copies a pod's labels from the kubelet as
 * `label.<key>` on K8sPodSample, key as written. Annotations are not reported, so
 * `inject.istio.io/templates: gateway` and the annotation form of
 * `sidecar.istio.io/inject` cannot be seen (the label forms can).
 */
export const POD_LABELS = [...INFRASTRUCTURE_LABELS, OPT_OUT_LABELS.inject, OPT_OUT_LABELS.dataPlaneMode];

/** Running pods with their node, their top-level owner and the labels that mark mesh infrastructure and opt-outs. */
export function podQuery(clusters: readonly string[]): FacetQuery {
  return {
    name: 'pods',
    select: [
      "latest(nodeName) AS 'node'",
      "latest(deploymentName) AS 'deployment'",
      "latest(statefulsetName) AS 'statefulset'",
      "latest(daemonsetName) AS 'daemonset'",
      "latest(createdKind) AS 'createdKind'",
      "latest(createdBy) AS 'createdBy'",
      ...POD_LABELS.map((label) => `latest(${attr(`label.${label}`)}) AS ${quote(labelAlias(label))}`),
      "max(timestamp) AS 'lastSeen'",
    ],
    from: 'K8sPodSample',
    where: ["status = 'Running'", ...clusterFilter(clusters)],
    facet: ['clusterName', 'namespaceName', 'podName'],
    splitBy: ['clusterName', 'namespaceName', 'nodeName'],
    combine: later,
  };
}

/**
 * The running containers of each pod with their requests (K8sContainerSample), which say
 * which pods run istio-proxy today, which are nothing but istio-proxy (a gateway), and
 * each pod's own requests. Init containers that have finished report no sample, so a
 * pod's own requests are the sum of its running containers (native sidecars included).
 */
export function containerQuery(clusters: readonly string[]): FacetQuery {
  return {
    name: 'containers',
    select: ["latest(cpuRequestedCores) AS 'cpu'", "latest(memoryRequestedBytes) AS 'memoryBytes'", "max(timestamp) AS 'lastSeen'"],
    from: 'K8sContainerSample',
    where: ["status = 'Running'", ...clusterFilter(clusters)],
    facet: ['clusterName', 'namespaceName', 'podName', 'containerName'],
    splitBy: ['clusterName', 'namespaceName', 'nodeName'],
    combine: later,
  };
}

/**
 * Namespace labels as K8sNamespaceSample carries them: copied from kube-state-metrics'
 * `kube_namespace_labels`, whose label names are sanitised (`istio.io/rev` becomes
 * `label_istio_io_rev`, so `label.istio_io_rev`), and only for labels kube-state-metrics
 * is told to export (`--metric-labels-allowlist`).
 */
export const NAMESPACE_LABELS = ['istio-injection', 'istio.io/rev', 'istio.io/dataplane-mode'] as const;
export const namespaceAttribute = (label: string) => `label.${label.replace(/[^A-Za-z0-9_]/g, '_')}`;

export function namespaceQuery(clusters: readonly string[]): FacetQuery {
  return {
    name: 'namespaces',
    select: [...NAMESPACE_LABELS.map((label) => `latest(${attr(namespaceAttribute(label))}) AS ${quote(labelAlias(label))}`), "max(timestamp) AS 'lastSeen'"],
    from: 'K8sNamespaceSample',
    where: clusterFilter(clusters),
    facet: ['clusterName', 'namespaceName'],
    splitBy: ['clusterName'],
    combine: later,
  };
}

/**
 * The attribute that names the cluster on Istio's metrics depends on how they reach
 * New Relic: nri-prometheus adds `clusterName` to every metric it scrapes, the
 * Prometheus agent (newrelic-prometheus-agent, remote_write) sends its external label
 * `cluster_name`. The K8s*Sample events always carry `clusterName` (nri-kubernetes).
 */
export const METRIC_CLUSTER_ATTRIBUTES = ['clusterName', 'cluster_name'] as const;

/**
 * Requests served per workload, counted once at the server side (`reporter =
 * 'destination'`): one query per cluster attribute, each taking only the data points
 * that no earlier one took, so that none is counted twice.
 */
export function trafficQueries(clusters: readonly string[]): FacetQuery[] {
  return METRIC_CLUSTER_ATTRIBUTES.map((cluster, i) => ({
    name: `workloads with traffic (${cluster})`,
    select: ["sum(istio_requests_total) AS 'requests'"],
    from: 'Metric',
    where: [
      "reporter = 'destination'",
      ...METRIC_CLUSTER_ATTRIBUTES.slice(0, i).map((taken) => `${attr(taken)} IS NULL`),
      `${attr(cluster)} IS NOT NULL`,
      ...clusterFilter(clusters, cluster),
    ],
    facet: [cluster, 'destination_workload_namespace', 'destination_workload'],
    splitBy: [cluster, 'destination_workload_namespace'],
    // adjacent windows do not overlap, so their counts add up
    combine: (a, b) => ({ facets: b.facets, values: { requests: (num(a.values.requests) ?? 0) + (num(b.values.requests) ?? 0) } }),
  }));
}

/**
 * Which istio-proxy containers are which, by the labels of meshLabels.ts. ztunnel pods
 * carry `app=ztunnel`; waypoints are Gateways managed by Istio's mesh controller;
 * gateways (Gateway API ones, and the gateway chart's, labelled `istio: <release>`) run
 * an istio-proxy container too but are the same in both modes, so they are left out.
 */
export const PROXY_KIND_CONDITION: Record<ProxyKind, string> = {
  ztunnel: "`label.app` = 'ztunnel'",
  waypoint: `\`label.gateway.istio.io/managed\` = '${WAYPOINT_CONTROLLER}'`,
  sidecar:
    "(`label.app` IS NULL OR `label.app` != 'ztunnel') AND `label.gateway.istio.io/managed` IS NULL AND " +
    '`label.gateway.networking.k8s.io/gateway-name` IS NULL AND `label.istio.io/gateway-name` IS NULL AND `label.istio` IS NULL',
};

/**
 * One row per proxy pod: its average usage over the window, as NRDB computes it (the
 * statistic across pods is taken by mesh-cost, as `profiles fit` does for usage.csv),
 * and how many samples and which times stand behind that average.
 */
export function usageQuery(kind: ProxyKind, clusters: readonly string[]): FacetQuery {
  return {
    name: `${kind} proxies`,
    select: [
      "count(*) AS 'samples'",
      "average(cpuUsedCores) AS 'cpu'",
      "average(memoryWorkingSetBytes) AS 'memoryBytes'",
      "min(timestamp) AS 'firstSeen'",
      "max(timestamp) AS 'lastSeen'",
    ],
    from: 'K8sContainerSample',
    where: ["containerName = 'istio-proxy'", PROXY_KIND_CONDITION[kind], ...clusterFilter(clusters)],
    facet: ['clusterName', 'namespaceName', 'podName'],
    splitBy: ['clusterName', 'namespaceName'],
    combine: (a, b) => {
      const [n, m] = [num(a.values.samples) ?? 0, num(b.values.samples) ?? 0];
      // one pod over two windows: its averages weigh each window by its samples
      const mean = (k: string) => ((num(a.values[k]) ?? 0) * n + (num(b.values[k]) ?? 0) * m) / (n + m);
      return {
        facets: b.facets,
        values: {
          samples: n + m,
          cpu: mean('cpu'),
          memoryBytes: mean('memoryBytes'),
          firstSeen: Math.min(num(a.values.firstSeen) ?? Infinity, num(b.values.firstSeen) ?? Infinity),
          lastSeen: Math.max(num(a.values.lastSeen) ?? -Infinity, num(b.values.lastSeen) ?? -Infinity),
        },
      };
    },
  };
}

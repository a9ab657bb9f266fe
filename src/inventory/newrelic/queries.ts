/**
 * Every NRQL query mesh-cost sends (the README lists them verbatim). Aggregation is
 * pushed down into NRDB: one row per node, per pod, per workload, or one row per
 * proxy kind — never raw samples.
 */
import type { ProxyKind } from '../../observedUsage.js';
import { INSTANCE_TYPE_LABELS, SPOT_LABELS, ZONE_LABELS } from '../nodeLabels.js';
import type { FacetQuery } from './complete.js';
import { attr, isIn, quote } from './nrql.js';
import { num, type FacetRow } from './results.js';

const later = (_: FacetRow, b: FacetRow) => b;

function clusterFilter(clusters: readonly string[], attribute = 'clusterName'): string[] {
  return clusters.length > 0 ? [isIn(attribute, clusters)] : [];
}

/** The node labels read: nri-kubernetes reports each as `label.<key>` on K8sNodeSample. */
export const NODE_LABELS = [...ZONE_LABELS, ...INSTANCE_TYPE_LABELS, ...Object.keys(SPOT_LABELS)];

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

/** Running pods with their node, their top-level owner and the labels that mark mesh infrastructure. */
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
      "latest(`label.app`) AS 'app'",
      "latest(`label.istio`) AS 'istio'",
      "latest(`label.gateway.istio.io/managed`) AS 'gatewayManaged'",
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
 * Which istio-proxy containers are which. ztunnel pods carry `app=ztunnel`; waypoints
 * are Gateways managed by Istio's mesh controller; ingress/egress gateways run an
 * istio-proxy container too but are the same in both modes, so they are left out.
 */
export const PROXY_KIND_CONDITION: Record<ProxyKind, string> = {
  ztunnel: "`label.app` = 'ztunnel'",
  waypoint: "`label.gateway.istio.io/managed` = 'istio.io-mesh-controller'",
  sidecar:
    "(`label.app` IS NULL OR `label.app` != 'ztunnel') AND `label.gateway.istio.io/managed` IS NULL AND " +
    "(`label.istio` IS NULL OR `label.istio` NOT IN ('ingressgateway', 'egressgateway'))",
};

/** The same rule, applied to a pod's labels: pods of the mesh itself are not workloads to mesh. */
export function isMeshInfrastructure(labels: { app?: string; istio?: string; gatewayManaged?: string }): boolean {
  return labels.app === 'ztunnel' || labels.gatewayManaged !== undefined || labels.istio === 'ingressgateway' || labels.istio === 'egressgateway';
}

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

/**
 * The Prometheus source (DESIGN section 2): the inventory from kube-state-metrics,
 * traffic and bytes per request from Istio's standard metrics, and each proxy pod's
 * mean usage from cAdvisor, read through the HTTP API at one evaluation time. State is
 * the fleet at that instant; rates and usage are means over the --since window.
 */
import { setMaxListeners } from 'node:events';
import { InputError } from '../../errors.js';
import type { ObservedPods } from '../../observedUsage.js';
import type { PodRow } from '../csv/write.js';
import type { RetryPolicy } from '../http/retry.js';
import type { InventoryReader } from '../reader.js';
import type { Inventory, MeshObservation, ReadContext } from '../types.js';
import { PrometheusClient } from './client.js';
import { toNamespaces } from './namespaces.js';
import { toNodes } from './nodes.js';
import { readOverlay } from '../csv/overlay.js';
import { toPods, warnUnknownNodes } from './pods.js';
import { QUERY_NAMES, promDuration, type QueryName, type Scope } from './queries.js';
import { naming as namingOf } from './series.js';
import { QuerySession } from './split.js';
import { toProxyUsage } from './usage.js';
import { toInfrastructure, toWorkloads } from './workloads.js';

export const DEFAULT_CLUSTER_LABEL = 'cluster';

export interface PrometheusOptions {
  /** the API's base URL without credentials */
  baseUrl: string;
  /** Authorization and the user's extra headers */
  headers: Record<string, string>;
  /** secrets within those headers (a token, a password), redacted from messages */
  secrets?: readonly string[];
  /** the window's start and end, epoch ms; queries are evaluated at `until` */
  window: { since: number; until: number };
  /** the label naming the cluster (--prom-cluster-label) */
  clusterLabel: string;
  /** a single-cluster Prometheus: every series belongs to this cluster (--cluster) */
  cluster?: string;
  environment?: string;
  /** --clusters: only these */
  clusters: readonly string[];
  timeoutMs: number;
  /** --workloads: waypoint and canary flags, and traffic where Istio measured none */
  workloads?: string;
  maxResponseBytes?: number;
  retry?: Partial<RetryPolicy>;
  /** false: skip the proxy usage queries (the caller keeps its own profile) */
  usage?: boolean;
  /** --debug: each query's PromQL as it is sent */
  debug?: (line: string) => void;
}

export interface PrometheusSnapshot {
  inventory: Inventory;
  /** the pods behind inventory.workloads, for pods.csv */
  pods: PodRow[];
  /** each proxy pod's mean usage (and rps) over the window, per kind; absent when none ran */
  usage: ObservedPods;
  window: { since: number; until: number };
  queries: number;
}

/** only the observed profile needs these */
const USAGE_QUERIES: readonly QueryName[] = ['proxyCpu', 'proxyMemory', 'proxyPodRps'];
const INVENTORY_QUERIES = QUERY_NAMES.filter((q) => !USAGE_QUERIES.includes(q));

async function snapshot(options: PrometheusOptions, ctx: ReadContext): Promise<PrometheusSnapshot> {
  const overlay = options.workloads ? await readOverlay(options.workloads, ctx) : new Map();
  // the first failure stops the other queries, rather than leave them retrying in the background
  const stop = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, stop.signal]) : stop.signal;
  // every query in flight or waiting to retry listens on it: a score of them is expected, not a leak
  setMaxListeners(0, signal);
  const client = new PrometheusClient({
    baseUrl: options.baseUrl,
    headers: options.headers,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    timeoutMs: options.timeoutMs,
    ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    signal,
  });
  const { window } = options;
  const session = new QuerySession(client, window.until, promDuration(window.until - window.since), ctx.progress, options.debug);
  const scope: Scope = options.cluster !== undefined ? {} : { clusterLabel: options.clusterLabel, clusters: options.clusters };
  const names: QueryName[] = options.usage === false ? INVENTORY_QUERIES : [...INVENTORY_QUERIES, ...USAGE_QUERIES];
  try {
    const answers = await Promise.all(names.map(async (name) => [name, await session.complete(name, scope)] as const));
    const r = Object.fromEntries(answers) as Record<QueryName, Awaited<ReturnType<QuerySession['complete']>>>;
    const naming = namingOf(options);
    if (r.pods.length === 0 && r.nodes.length === 0) {
      const where = options.clusters.length ? ` for clusters ${options.clusters.join(', ')} (--clusters; the cluster label is ${options.clusterLabel})` : '';
      throw new InputError(
        `Prometheus at ${options.baseUrl} has no kube_pod_info or kube_node_info series${where} at ${new Date(window.until).toISOString()}: is kube-state-metrics (v2) scraped by it?`,
      );
    }
    const nodes = toNodes({ nodes: r.nodes, allocatable: r.nodeAllocatable, labels: r.nodeLabels }, naming, ctx.warnings);
    const pods = toPods(r, naming, ctx.warnings);
    warnUnknownNodes(pods, nodes, ctx.warnings);
    const workloads = toWorkloads(pods, { rps: r.workloadRps, bytesPerRequest: r.workloadBytesPerRequest }, overlay, naming, ctx.warnings);
    const { namespaces, labelled } = toNamespaces(r.namespaces, naming);
    const infrastructure = toInfrastructure(pods);
    const sidecarsSeen = pods.filter((p) => p.sidecar).length;
    const mesh: MeshObservation | undefined = sidecarsSeen > 0 || labelled.length > 0 ? { sidecarsSeen, labelledNamespaces: labelled } : undefined;
    const appPods = pods.filter((p) => !p.infrastructure);
    return {
      inventory: {
        sources: [`Prometheus ${options.baseUrl}`, ...(options.workloads ? [options.workloads] : [])],
        nodes,
        workloads,
        pods: appPods.length,
        ...(mesh ? { mesh } : {}),
        namespaces,
        // none seen is left out, as the kubectl and New Relic readers do
        ...(infrastructure.length > 0 ? { infrastructure } : {}),
      },
      pods: appPods.map((p) => ({ cluster: p.cluster, namespace: p.namespace, pod: p.name, node: p.node, ownerKind: p.ownerKind, ownerName: p.ownerName, sidecar: p.sidecar, optedOut: p.optedOut })),
      usage: options.usage === false ? {} : toProxyUsage(pods, { cpu: r.proxyCpu, memory: r.proxyMemory, rps: r.proxyPodRps }, naming),
      window,
      queries: session.queries,
    };
  } catch (e) {
    stop.abort(e);
    throw e;
  } finally {
    await client.close();
  }
}

export const prometheusReader = {
  name: 'prometheus',
  read: async (options: PrometheusOptions, ctx: ReadContext) => (await snapshot({ ...options, usage: false }, ctx)).inventory,
  snapshot,
} satisfies InventoryReader<PrometheusOptions> & { snapshot: typeof snapshot };

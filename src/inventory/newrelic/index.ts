/**
 * The New Relic source: the inventory (nodes, running pods, traffic) and the observed
 * proxy usage, read through NerdGraph. Nodes and pods are the fleet as of the last
 * INVENTORY_WINDOW_MS; usage and traffic cover the whole --since window.
 */
import { PROXY_KINDS, type ObservedPods } from '../../observedUsage.js';
import type { PodRow } from '../csv/write.js';
import type { InventoryReader } from '../reader.js';
import type { Inventory, InventoryNamespace, InventoryWorkload, MeshObservation, ReadContext } from '../types.js';
import { NerdGraphClient } from './client.js';
import { QuerySession, completeFacet } from './complete.js';
import { toNodes, toPods, toProxyUsage, toWorkloads } from './map.js';
import type { Window } from './nrql.js';
import { readOverlay } from './overlay.js';
import { containerQuery, namespaceQuery, nodeQuery, podQuery, trafficQueries, usageQuery } from './queries.js';
import { toNamespaces, toPodContainers } from './scope.js';
import type { RetryPolicy } from '../http/retry.js';

export const INVENTORY_WINDOW_MS = 10 * 60_000;

export interface NewRelicOptions {
  endpoint: string;
  apiKey: string;
  accountId: number;
  /** usage and traffic; its end is also the end of the inventory window */
  window: Window;
  /** empty: every cluster in the account */
  clusters: readonly string[];
  timeoutMs: number;
  /** a workloads.csv (--workloads): rps, bytes per request, waypoint and canary flags for the workloads found */
  workloads?: string;
  retry?: Partial<RetryPolicy>;
  /** false: skip the istio-proxy usage queries (the caller keeps its own profile) */
  usage?: boolean;
}

export interface NewRelicSnapshot {
  inventory: Inventory;
  /** the pods behind inventory.workloads, for pods.csv */
  pods: PodRow[];
  /** each proxy pod's average usage over the window, per kind; absent when no such proxy reported */
  usage: ObservedPods;
  window: Window;
  queries: number;
}

async function snapshot(options: NewRelicOptions, ctx: ReadContext): Promise<NewRelicSnapshot> {
  const overlay = options.workloads ? await readOverlay(options.workloads, ctx) : [];
  // the first failure stops the other queries, rather than leave them retrying in the background
  const stop = new AbortController();
  const client = new NerdGraphClient({
    endpoint: options.endpoint,
    apiKey: options.apiKey,
    accountId: options.accountId,
    timeoutMs: options.timeoutMs,
    ...(options.retry ? { retry: options.retry } : {}),
    signal: ctx.signal ? AbortSignal.any([ctx.signal, stop.signal]) : stop.signal,
    onDeprecation: (message) =>
      ctx.warnings.add('newrelic-deprecated', 'New Relic answered {count} {query|queries} with a deprecation notice beside complete data (the data was read)', message),
  });
  const session = new QuerySession(client, ctx.progress);
  const { window, clusters } = options;
  const recent: Window = { since: Math.max(window.since, window.until - INVENTORY_WINDOW_MS), until: window.until };
  try {
    const [nodeRows, podRows, containerRows, namespaceRows, trafficRows, usage] = await Promise.all([
      completeFacet(session, nodeQuery(clusters), recent),
      completeFacet(session, podQuery(clusters), recent),
      completeFacet(session, containerQuery(clusters), recent),
      completeFacet(session, namespaceQuery(clusters), recent),
      Promise.all(trafficQueries(clusters).map((q) => completeFacet(session, q, window))).then((parts) => parts.flat()),
      options.usage === false ? [] : Promise.all(PROXY_KINDS.map(async (kind) => [kind, toProxyUsage(await completeFacet(session, usageQuery(kind, clusters), window))] as const)),
    ]);
    const nodes = toNodes(nodeRows, ctx.warnings);
    const { pods, infrastructure } = toPods(podRows, nodes, ctx.warnings, toPodContainers(containerRows));
    const workloads = toWorkloads(
      { pods, traffic: trafficRows, windowSeconds: (window.until - window.since) / 1000, overlay },
      ctx.warnings,
    );
    const namespaces = toNamespaces(namespaceRows);
    const mesh = meshSeen(workloads, namespaces);
    return {
      inventory: {
        sources: [`New Relic account ${options.accountId}`],
        nodes,
        workloads,
        pods: pods.length,
        ...(mesh ? { mesh } : {}),
        ...(namespaces ? { namespaces } : {}),
        ...(infrastructure.length > 0 ? { infrastructure } : {}),
      },
      pods,
      usage: Object.fromEntries(usage.filter(([, pods]) => pods.length > 0)),
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

/** The report's "mesh today" facts, when New Relic saw any (containers or namespace labels). */
function meshSeen(workloads: readonly InventoryWorkload[], namespaces: readonly InventoryNamespace[] | undefined): MeshObservation | undefined {
  const told = workloads.filter((w) => w.sidecarsToday !== undefined);
  if (told.length === 0 && !namespaces) return undefined;
  return {
    sidecarsSeen: told.reduce((n, w) => n + w.sidecarsToday!, 0),
    labelledNamespaces: (namespaces ?? []).filter((n) => n.label).map((n) => ({ cluster: n.cluster, namespace: n.name, label: n.label! })),
  };
}

export const newRelicReader = {
  name: 'newrelic',
  read: async (options: NewRelicOptions, ctx: ReadContext) => (await snapshot({ ...options, usage: false }, ctx)).inventory,
  snapshot,
} satisfies InventoryReader<NewRelicOptions> & { snapshot: typeof snapshot };

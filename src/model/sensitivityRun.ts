/**
 * A run of the model that can be re-priced: the inventory prepared once (`prepareModel`),
 * then each what-if — the estimate itself, every sensitivity re-run — priced from those
 * aggregates (`priceModel`), never walking the pods again.
 */
import { groupBy } from '../groupBy.js';
import type { Inventory, Warning } from '../inventory/types.js';
import type { Scales as WhatIfScales, WhatIf } from '../profiles/overrides.js';
import { prepareModel, type ModelInput, type PreparedCluster } from './modelInput.js';
import { priceColumns, priceLineItems, priceModel, savingsOf, type ColumnCents } from './price.js';
import type { LineItem, ModelOptions, Plan, Scales, Tool } from './types.js';

export interface PreparedRun {
  /** the inventory's aggregates, for whatever else reads the run (capacity: who is meshed) */
  model: ModelInput;
  price: (w: WhatIf) => Plan;
  /**
   * The same run restricted to one namespace of one cluster: its workloads and its
   * waypoint, the cluster's nodes and totals (meshed pods, zone weights) as they are,
   * without the node agents (shared by every namespace). The namespace's own line items
   * (sidecars, waypoint, cross-zone) come out as in the full run, at the cost of its own
   * workloads instead of the whole inventory; the line items only, no report around them.
   */
  priceNamespace: (w: WhatIf, cluster: string, namespace: string) => { report: { lineItems: LineItem[] } };
  /**
   * The savings of what-ifs that change `key` only, from `base`. A key that moves one side
   * only is re-priced on that side's part of the model, every other item taken from the
   * base run (it is the same at any value of the key): a figure of ztunnel, istio-cni, the
   * waypoint, ambient's istiod, the cross-zone price or the bytes on the node agents,
   * waypoints and the sidecars ambient keeps; a figure of the sidecar or of sidecar mode's
   * istiod on the workloads alone, without node agents or waypoints.
   */
  savingsFor: (key: string, base: WhatIf) => (w: WhatIf) => number;
}

/**
 * Keys whose figures price only ambient's own components and the node agents, or the
 * cross-zone items: they leave every sidecar's item, and istiod's count of them, as they are.
 */
const AMBIENT_SIDE = ['ztunnel.', 'cni.', 'waypoint.', 'controlPlane.ambient.', 'prices.zoneNetworkEgress', 'traffic.bytesScale'];
/**
 * Keys whose figures price only the sidecars and sidecar mode's istiod: they leave every
 * node agent, waypoint and cross-zone item, and every istiod's count of proxies, as they are.
 */
const SIDECAR_SIDE = ['sidecar.', 'controlPlane.sidecar.'];

/** The --set multipliers in the model's terms. */
export function modelScales(s: WhatIfScales): Scales {
  return { rps: s.rpsScale, bytes: s.bytesScale, nodePrice: s.nodeScale };
}

export function preparedRun(
  inventory: Inventory,
  options: ModelOptions,
  generatedAt: string,
  extra: { warnings?: readonly Warning[]; tool: Tool },
): PreparedRun {
  const model = prepareModel(inventory, options, extra.warnings);
  const price = (m: ModelInput, w: WhatIf) =>
    priceModel(m, { profile: w.profile, prices: w.prices, generatedAt, tool: extra.tool }, modelScales(w.scales));
  const restricted = new Map<string, ModelInput>();
  // each cluster's workloads by namespace, in their order, grouped once for every namespace's run
  const byNamespace = new Map<PreparedCluster, Map<string, PreparedCluster['workloads']>>();
  const workloadsIn = (c: PreparedCluster, namespace: string) => {
    let groups = byNamespace.get(c);
    if (!groups) byNamespace.set(c, (groups = groupBy(c.workloads, (w) => w.workload.namespace)));
    return groups.get(namespace) ?? [];
  };
  const only = (cluster: string, namespace: string): ModelInput => {
    const id = `${cluster}\u0000${namespace}`;
    let m = restricted.get(id);
    if (!m) {
      const clusters = model.clusters
        .filter((c) => c.name === cluster)
        // the node agents are shared (istio-system), never one namespace's: left out, as istiod's count of them
        .map((c) => ({ ...c, agentNodes: [], workloads: workloadsIn(c, namespace), waypointGroups: c.waypointGroups.filter((g) => g.namespace === namespace) }));
      restricted.set(id, (m = { ...model, clusters }));
    }
    return m;
  };
  const part = (keep: (c: PreparedCluster) => PreparedCluster): ModelInput => ({ ...model, clusters: model.clusters.map(keep) });
  let ambientSide: ModelInput | undefined;
  let sidecarSide: ModelInput | undefined;
  // the waypoints price their workloads from their groups, not from the cluster's workloads
  const ambientOnly = () => (ambientSide ??= part((c) => ({ ...c, workloads: c.workloads.filter((w) => w.keptPods > 0) })));
  const sidecarOnly = () => (sidecarSide ??= part((c) => ({ ...c, agentNodes: [], waypointGroups: [] })));
  const columns = (m: ModelInput, w: WhatIf): ColumnCents =>
    priceColumns(m, { profile: w.profile, prices: w.prices, generatedAt, tool: extra.tool }, modelScales(w.scales));
  // the savings alone (no report) from the columns' cents, as the full run's report sums them
  // the base run's cents of the whole model and of each side, priced once for every key
  const atBaseOf = new WeakMap<WhatIf, Map<ModelInput, ColumnCents>>();
  const atBase = (m: ModelInput, base: WhatIf): ColumnCents => {
    let runs = atBaseOf.get(base);
    if (!runs) atBaseOf.set(base, (runs = new Map()));
    let cents = runs.get(m);
    if (!cents) runs.set(m, (cents = columns(m, base)));
    return cents;
  };
  const savingsFor = (key: string, base: WhatIf) => {
    const side = AMBIENT_SIDE.some((root) => key.startsWith(root)) ? ambientOnly() : SIDECAR_SIDE.some((root) => key.startsWith(root)) ? sidecarOnly() : undefined;
    if (!side) return (w: WhatIf) => savingsOf(columns(model, w));
    const whole = atBase(model, base);
    const sideAtBase = atBase(side, base);
    // the items left out are equal at every value of the key
    return (w: WhatIf) => {
      const now = columns(side, w);
      return savingsOf({ sidecar: whole.sidecar + now.sidecar - sideAtBase.sidecar, ambient: whole.ambient + now.ambient - sideAtBase.ambient });
    };
  };
  return {
    model,
    price: (w) => price(model, w),
    priceNamespace: (w, cluster, namespace) => ({
      report: { lineItems: priceLineItems(only(cluster, namespace), { profile: w.profile, prices: w.prices, generatedAt, tool: extra.tool }, modelScales(w.scales)) },
    }),
    savingsFor,
  };
}

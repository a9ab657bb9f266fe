/**
 * A run of the model that can be re-priced: the inventory prepared once (`prepareModel`),
 * then each what-if — the estimate itself, every sensitivity re-run — priced from those
 * aggregates (`priceModel`), never walking the pods again.
 */
import type { Inventory, Warning } from '../inventory/types.js';
import type { Scales as WhatIfScales, WhatIf } from '../profiles/overrides.js';
import { prepareModel, type ModelInput } from './modelInput.js';
import { priceColumns, priceModel, savingsOf, type ColumnCents } from './price.js';
import type { ModelOptions, Plan, Scales, Tool } from './types.js';

export interface PreparedRun {
  /** the inventory's aggregates, for whatever else reads the run (capacity: who is meshed) */
  model: ModelInput;
  price: (w: WhatIf) => Plan;
  /**
   * The same run restricted to one namespace of one cluster: its workloads and its
   * waypoint, the cluster's nodes and totals (meshed pods, zone weights) as they are,
   * without the node agents (shared by every namespace). The namespace's own line items
   * (sidecars, waypoint, cross-zone) come out as in the full run, at the cost of its own
   * workloads instead of the whole inventory.
   */
  priceNamespace: (w: WhatIf, cluster: string, namespace: string) => Plan;
  /**
   * The savings of what-ifs that change `key` only, from `base`: for a figure of ztunnel,
   * istio-cni, the waypoint or ambient's istiod, re-pricing only the workloads the ambient
   * column prices (those behind a waypoint, those kept as sidecars); every other item is
   * the same at any value of the key, so it is taken from the base run.
   */
  savingsFor: (key: string, base: WhatIf) => (w: WhatIf) => number;
}

/**
 * Keys whose figures price only ambient's own components and the node agents: they leave
 * every sidecar of the sidecar column, and istiod's count of them, as they are.
 */
const AMBIENT_SIDE = ['ztunnel.', 'cni.', 'waypoint.', 'controlPlane.ambient.'];

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
  const only = (cluster: string, namespace: string): ModelInput => {
    const id = `${cluster}\u0000${namespace}`;
    let m = restricted.get(id);
    if (!m) {
      const clusters = model.clusters
        .filter((c) => c.name === cluster)
        // the node agents are shared (istio-system), never one namespace's: left out, as istiod's count of them
        .map((c) => ({ ...c, agentNodes: [], workloads: c.workloads.filter((w) => w.workload.namespace === namespace), waypointGroups: c.waypointGroups.filter((g) => g.namespace === namespace) }));
      restricted.set(id, (m = { ...model, clusters }));
    }
    return m;
  };
  let ambientSide: ModelInput | undefined;
  const ambientOnly = (): ModelInput => {
    ambientSide ??= {
      ...model,
      clusters: model.clusters.map((c) => {
        const behindWaypoint = new Set(c.waypointGroups.flatMap((g) => g.workloads));
        return { ...c, workloads: c.workloads.filter((w) => w.keptPods > 0 || behindWaypoint.has(w)) };
      }),
    };
    return ambientSide;
  };
  const columns = (m: ModelInput, w: WhatIf): ColumnCents =>
    priceColumns(m, { profile: w.profile, prices: w.prices, generatedAt, tool: extra.tool }, modelScales(w.scales));
  // the savings alone (no report) from the columns' cents, as the full run's report sums them
  const savingsFor = (key: string, base: WhatIf) => {
    if (!AMBIENT_SIDE.some((root) => key.startsWith(root))) return (w: WhatIf) => savingsOf(columns(model, w));
    const whole = columns(model, base);
    const part = columns(ambientOnly(), base);
    // the items left out are equal at every value of the key
    return (w: WhatIf) => {
      const now = columns(ambientOnly(), w);
      return savingsOf({ sidecar: whole.sidecar + now.sidecar - part.sidecar, ambient: whole.ambient + now.ambient - part.ambient });
    };
  };
  return {
    model,
    price: (w) => price(model, w),
    priceNamespace: (w, cluster, namespace) => price(only(cluster, namespace), w),
    savingsFor,
  };
}

/**
 * A run of the model that can be re-priced: the inventory prepared once (`prepareModel`),
 * then each what-if — the estimate itself, every sensitivity re-run — priced from those
 * aggregates (`priceModel`), never walking the pods again.
 */
import type { Inventory, Warning } from '../inventory/types.js';
import type { Scales as WhatIfScales, WhatIf } from '../profiles/overrides.js';
import { prepareModel, type ModelInput } from './modelInput.js';
import { priceModel } from './price.js';
import type { ModelOptions, Plan, Scales, Tool } from './types.js';

export interface PreparedRun {
  /** the inventory's aggregates, for whatever else reads the run (capacity: who is meshed) */
  model: ModelInput;
  price: (w: WhatIf) => Plan;
  /**
   * The same run restricted to one namespace of one cluster: its workloads and its
   * waypoint, the cluster's nodes and totals (meshed pods, zone weights) as they are.
   * The namespace's own line items come out as in the full run, at the cost of one
   * cluster's nodes instead of the whole inventory.
   */
  priceNamespace: (w: WhatIf, cluster: string, namespace: string) => Plan;
}

/** The --set multipliers in the model's terms. */
export function modelScales(s: WhatIfScales): Scales {
  return { rps: s.rpsScale, bytes: s.bytesScale, nodePrice: s.nodeScale };
}

export function preparedRun(
  inventory: Inventory,
  options: ModelOptions,
  generatedAt: string,
  extra: { warnings?: readonly Warning[]; tool?: Tool } = {},
): PreparedRun {
  const model = prepareModel(inventory, options, extra.warnings);
  const price = (m: ModelInput, w: WhatIf) =>
    priceModel(m, { profile: w.profile, prices: w.prices, generatedAt, ...(extra.tool ? { tool: extra.tool } : {}) }, modelScales(w.scales));
  const restricted = new Map<string, ModelInput>();
  const only = (cluster: string, namespace: string): ModelInput => {
    const id = `${cluster}\u0000${namespace}`;
    let m = restricted.get(id);
    if (!m) {
      const clusters = model.clusters
        .filter((c) => c.name === cluster)
        .map((c) => ({ ...c, workloads: c.workloads.filter((w) => w.workload.namespace === namespace), waypointGroups: c.waypointGroups.filter((g) => g.namespace === namespace) }));
      restricted.set(id, (m = { ...model, clusters }));
    }
    return m;
  };
  return {
    model,
    price: (w) => price(model, w),
    priceNamespace: (w, cluster, namespace) => price(only(cluster, namespace), w),
  };
}

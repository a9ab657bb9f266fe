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
  return {
    model,
    price: (w) =>
      priceModel(model, { profile: w.profile, prices: w.prices, generatedAt, ...(extra.tool ? { tool: extra.tool } : {}) }, modelScales(w.scales)),
  };
}

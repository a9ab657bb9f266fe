/**
 * The model (DESIGN section 3) as one pure function: inventory + profile + prices →
 * a Plan whose Report prices both data-plane models. No I/O, no clock, no env.
 * It is the two halves in a row: `prepareModel` (the inventory, once) and `priceModel`
 * (profile, prices, traffic scales: cheap, re-run by sensitivity).
 */
import type { Inventory, Warning } from '../inventory/types.js';
import type { PriceSheet, ProxyProfile } from '../profiles/schema.js';
import { prepareModel } from './modelInput.js';
import { priceModel } from './price.js';
import type { ModelOptions, Plan, Tool } from './types.js';

export interface EstimateInput {
  inventory: Inventory;
  profile: ProxyProfile;
  prices: PriceSheet;
  options: ModelOptions;
  /** ISO timestamp, passed in so that the model stays free of the clock */
  generatedAt: string;
  /** warnings the readers collected */
  warnings?: readonly Warning[];
  /** what wrote the report (the CLI reads its package.json) */
  tool?: Tool;
}

export function estimate(input: EstimateInput): Plan {
  const model = prepareModel(input.inventory, input.options, input.warnings);
  return priceModel(model, {
    profile: input.profile,
    prices: input.prices,
    generatedAt: input.generatedAt,
    ...(input.tool ? { tool: input.tool } : {}),
  });
}

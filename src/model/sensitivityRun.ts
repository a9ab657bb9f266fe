/**
 * One what-if priced by the model, for the sensitivity's re-runs: the inventory as read,
 * the profile, prices and multipliers of the what-if.
 */
import type { Inventory, Warning } from '../inventory/types.js';
import type { WhatIf } from '../profiles/overrides.js';
import { estimate } from './estimate.js';
import type { PriceRun } from './sensitivity.js';
import { scaleInventory, scalePrices } from './sensitivityScales.js';
import type { ModelOptions } from './types.js';

export function whatIfPricer(inventory: Inventory, options: ModelOptions, generatedAt: string, warnings: readonly Warning[] = []): PriceRun {
  return (w: WhatIf) =>
    estimate({
      inventory: scaleInventory(inventory, w.scales),
      profile: w.profile,
      prices: scalePrices(w.prices, w.scales),
      options,
      generatedAt,
      warnings,
    });
}

/**
 * The sensitivity's multipliers (`prices.nodeScale`, `traffic.rpsScale`,
 * `traffic.bytesScale`, DESIGN section 3) applied to one model run. They live in no file,
 * so every run starts at 1; `--set` and the sensitivity move them.
 */
import type { Inventory } from '../inventory/types.js';
import type { PriceSheet } from '../profiles/schema.js';
import type { Scales } from '../profiles/overrides.js';
import { DEFAULT_BYTES_PER_REQUEST } from './types.js';

/**
 * Every compute rate of the model — a node's hourly price split, the sheet's list rates,
 * the cluster averages — is multiplied by (1 − discount) once (rates.ts); scaling that
 * factor scales every node's price at once without a second path through the rates.
 */
export function scalePrices(prices: PriceSheet, s: Scales): PriceSheet {
  if (s.nodeScale === 1) return prices;
  return { ...prices, spec: { ...prices.spec, discount: 1 - (1 - prices.spec.discount) * s.nodeScale } };
}

/** Traffic scaled per workload; the pods and their placement are shared, not copied. */
export function scaleInventory(inventory: Inventory, s: Scales): Inventory {
  if (s.rpsScale === 1 && s.bytesScale === 1) return inventory;
  return {
    ...inventory,
    workloads: inventory.workloads.map((w) => ({
      ...w,
      rps: w.rps * s.rpsScale,
      ...(s.bytesScale === 1 ? {} : { bytesPerRequest: (w.bytesPerRequest ?? DEFAULT_BYTES_PER_REQUEST) * s.bytesScale }),
    })),
  };
}

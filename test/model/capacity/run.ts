/** Capacity through the estimate, as the CLI runs it: the plan sizes, the capacity packs. */
import type { InventoryNode, InventoryWorkload } from '../../../src/inventory/types.js';
import { capacity } from '../../../src/model/capacity/index.js';
import { capacityInput } from '../../../src/model/capacity/fromPlan.js';
import type { CapacityGroup } from '../../../src/model/capacity/types.js';
import type { PriceSheet, ProxyProfile } from '../../../src/profiles/schema.js';
import { DEFAULT_SCALES } from '../../../src/profiles/overrides.js';
import { preparedRun } from '../../../src/model/sensitivityRun.js';
import { GENERATED_AT, inventory, options, prices } from '../builders.js';
import { TOOL } from '../../../src/version.js';

export function capacityOf(nodes: InventoryNode[], workloads: InventoryWorkload[], prof: ProxyProfile, sheet: PriceSheet = prices(), packTarget = 1) {
  const inv = inventory(nodes, workloads);
  const prepared = preparedRun(inv, options(), GENERATED_AT, { tool: TOOL });
  const whatIf = { profile: prof, prices: sheet, scales: DEFAULT_SCALES };
  return capacity(capacityInput(inv, prepared.model, prepared.price(whatIf), whatIf, packTarget));
}

export function group(groups: readonly CapacityGroup[], instanceType: string | null, capacityType = 'on-demand'): CapacityGroup {
  const g = groups.find((x) => x.instanceType === instanceType && x.capacityType === capacityType);
  if (!g) throw new Error(`no group ${instanceType}/${capacityType}`);
  return g;
}

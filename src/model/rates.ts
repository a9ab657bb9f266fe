/**
 * Node and cluster prices per vCPU-hour and GiB-hour (DESIGN section 3, "Rates").
 * A node's hourly price is split between CPU and RAM in the sheet's CPU:RAM ratio,
 * as OpenCost does, so a priced node and an unpriced one are comparable.
 */
import type { InventoryNode } from '../inventory/types.js';
import type { PriceSheet } from '../profiles/schema.js';

export interface Rates {
  /** $/vCPU-hour */
  cpu: number;
  /** $/GiB-hour */
  ram: number;
}

type Sheet = PriceSheet['spec'];

/** The sheet's list rates for a capacity type; spot falls back to on-demand when the sheet has none. */
function listRates(sheet: Sheet, spot: boolean): Rates {
  return spot
    ? { cpu: sheet.spotCPU ?? sheet.CPU, ram: sheet.spotRAM ?? sheet.RAM }
    : { cpu: sheet.CPU, ram: sheet.RAM };
}

/** The node's whole-node $/hour: its own `hourly_price`, else the sheet's instance-type price. */
export function nodeHourlyPrice(node: InventoryNode, sheet: Sheet): number | undefined {
  if (node.hourlyPrice !== undefined) return node.hourlyPrice;
  if (!node.instanceType) return undefined;
  const price = sheet.instanceTypes[node.instanceType];
  return node.capacityType === 'spot' ? price?.spot : price?.onDemand;
}

/**
 * A spot node whose instance type the sheet prices on demand only: it falls back to the
 * sheet's spot rates, which may be far from what the node really costs (a sanity warning).
 */
export function spotAtListRates(node: InventoryNode, sheet: Sheet): boolean {
  if (node.capacityType !== 'spot' || node.hourlyPrice !== undefined || !node.instanceType) return false;
  const price = sheet.instanceTypes[node.instanceType];
  return price?.onDemand !== undefined && price.spot === undefined;
}

/** The discount comes off every compute price. */
function discounted(rates: Rates, sheet: Sheet): Rates {
  const keep = 1 - sheet.discount;
  return { cpu: rates.cpu * keep, ram: rates.ram * keep };
}

/** `nodeScale` multiplies the node's own price (a sensitivity input, prices.nodeScale); list rates stay. */
export function nodeRates(node: InventoryNode, sheet: Sheet, nodeScale = 1): Rates {
  const list = listRates(sheet, node.capacityType === 'spot');
  const listed = nodeHourlyPrice(node, sheet);
  if (listed === undefined) return discounted(list, sheet);
  const price = listed * nodeScale;
  // ramRate = P / (vcpu·r + memGiB), cpuRate = ramRate·r with r = CPU/RAM.
  // A sheet with RAM = 0 (r infinite) puts the whole price on CPU.
  if (list.ram === 0 || !Number.isFinite(list.cpu / list.ram)) return discounted({ cpu: node.vcpu > 0 ? price / node.vcpu : 0, ram: 0 }, sheet);
  const r = list.cpu / list.ram;
  const weight = node.vcpu * r + node.memoryGiB;
  if (weight === 0) return discounted(list, sheet);
  const ram = price / weight;
  return discounted({ cpu: ram * r, ram }, sheet);
}

/**
 * A cluster's average rates: cpu weighted by each node's vCPU, ram by its memory.
 * With no nodes (or no capacity) the sheet's on-demand list rates apply.
 */
export function averageRates(nodes: readonly InventoryNode[], rates: readonly Rates[], sheet: Sheet): Rates {
  let vcpu = 0;
  let mem = 0;
  let cpuCost = 0;
  let ramCost = 0;
  nodes.forEach((n, i) => {
    vcpu += n.vcpu;
    mem += n.memoryGiB;
    cpuCost += rates[i]!.cpu * n.vcpu;
    ramCost += rates[i]!.ram * n.memoryGiB;
  });
  const list = discounted(listRates(sheet, false), sheet);
  return {
    cpu: vcpu > 0 ? cpuCost / vcpu : list.cpu,
    ram: mem > 0 ? ramCost / mem : list.ram,
  };
}

/** Monthly cost of a resource footprint at given rates. */
export function monthlyCost(vcpu: number, memoryGiB: number, rates: Rates, hoursPerMonth: number): number {
  return (vcpu * rates.cpu + memoryGiB * rates.ram) * hoursPerMonth;
}

/**
 * The "Nodes" section (DESIGN section 4, `capacity`): formatters every renderer shares —
 * the cells of the table, the lines around it, and the flat table for `-f csv --table
 * capacity`. Formats the report's figures; computes nothing beyond the totals row.
 */
import type { Capacity } from '../../model/capacity/types.js';
import type { Report } from '../../model/types.js';
import type { Money } from '../cells.js';
import { formatNumber, formatPercent } from '../format.js';

export const CAPACITY_HEAD = ['Cluster', 'Node group', 'Capacity', 'Today', 'Sidecar', 'Ambient', 'Fluid s/a', 'Freed', 'Freed /mo'];
export const CAPACITY_TEXT_COLUMNS = 3;

/** Where the report has no capacity, one line saying which input would give it. */
export const CAPACITY_NEEDS = "Nodes freed: needs pods' own requests (see docs/capacity.md).";

export function capacityTitle(c: Capacity): string {
  return `Nodes (first-fit decreasing at ${formatPercent(100 * c.packTarget)} of allocatable; freed = sidecar − ambient):`;
}

/** The group's instance type, or its shape for nodes without one. */
function groupName(g: Capacity['groups'][number]): string {
  return g.instanceType ?? `${formatNumber(g.shape.vcpu, g.shape.vcpu % 1 === 0 ? 0 : 1)} vCPU / ${formatNumber(g.shape.memoryGiB, g.shape.memoryGiB % 1 === 0 ? 0 : 1)} GiB`;
}

/** One row per group, then the totals (their sums; the fluid bound is not summed across shapes). */
export function capacityCells(c: Capacity, money: Money): { rows: string[][]; total: string[] } {
  const rows = c.groups.map((g) => [
    g.cluster,
    groupName(g),
    g.capacityType,
    formatNumber(g.nodesToday),
    formatNumber(g.nodesNeeded.sidecar),
    formatNumber(g.nodesNeeded.ambient),
    `${formatNumber(g.fluidBound.sidecar, 1)} / ${formatNumber(g.fluidBound.ambient, 1)}`,
    formatNumber(g.nodesFreed, 0, true),
    money(g.monthlyCostFreed, true),
  ]);
  const sum = (f: (g: Capacity['groups'][number]) => number) => c.groups.reduce((s, g) => s + f(g), 0);
  const total = [
    'Total',
    '',
    '',
    formatNumber(sum((g) => g.nodesToday)),
    formatNumber(sum((g) => g.nodesNeeded.sidecar)),
    formatNumber(sum((g) => g.nodesNeeded.ambient)),
    '',
    formatNumber(sum((g) => g.nodesFreed), 0, true),
    money(c.monthlyCostFreed, true),
  ];
  return { rows, total };
}

/** A cell of a flat table: text, a number as it is, money with two decimals, or empty. */
export type Cell = string | number | { money: number } | null;

/** `-f csv --table capacity`: one row per node group, numbers as numbers. */
export function capacityTable(report: Report): { header: string[]; rows: Cell[][] } | undefined {
  const c = report.capacity;
  if (!c) return undefined;
  return {
    header: ['cluster', 'instance_type', 'capacity_type', 'shape_vcpu', 'shape_memory_gib', 'nodes_today', 'nodes_needed_sidecar', 'nodes_needed_ambient', 'fluid_bound_sidecar', 'fluid_bound_ambient', 'nodes_freed', 'monthly_cost_freed', 'currency', 'pack_target'],
    rows: c.groups.map((g) => [
      g.cluster,
      g.instanceType,
      g.capacityType,
      g.shape.vcpu,
      g.shape.memoryGiB,
      g.nodesToday,
      g.nodesNeeded.sidecar,
      g.nodesNeeded.ambient,
      g.fluidBound.sidecar,
      g.fluidBound.ambient,
      g.nodesFreed,
      { money: g.monthlyCostFreed },
      report.currency,
      c.packTarget,
    ]),
  };
}

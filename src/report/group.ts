/**
 * Aggregates line items into the rows of a breakdown table (by environment, cluster or
 * namespace). This is display aggregation, not modelling: it only sums what the model
 * already priced, so a breakdown always adds up to the report's totals.
 */
import type { Component, LineItem, Mode } from '../model/types.js';
import type { GroupBy } from './index.js';

export interface GroupTotals {
  /** sidecars, or ztunnels + waypoint replicas (not cni or control planes: not proxies) */
  proxies: number;
  vcpu: number;
  memoryGiB: number;
  /** full precision; rounded to cents only when formatted. Ambient includes cross-zone. */
  monthlyCost: number;
}

export interface GroupRow {
  key: string;
  sidecar: GroupTotals;
  ambient: GroupTotals;
  /** sidecar − ambient monthly cost */
  savings: number;
  /** null when the group has no sidecar cost to compare with */
  savingsPercent: number | null;
}

// Same definition of "proxy" as the report's headline (sidecar.proxies, ztunnels + waypointReplicas).
const PROXY_COMPONENTS: ReadonlySet<Component> = new Set(['sidecar', 'ztunnel', 'waypoint']);

export function groupLineItems(items: readonly LineItem[], by: GroupBy): GroupRow[] {
  const groups = new Map<string, { sidecar: GroupTotals; ambient: GroupTotals }>();
  for (const item of items) {
    const key = keyOf(item, by);
    let g = groups.get(key);
    if (!g) {
      g = { sidecar: emptyTotals(), ambient: emptyTotals() };
      groups.set(key, g);
    }
    const t = g[item.mode];
    if (PROXY_COMPONENTS.has(item.component)) t.proxies += item.count;
    t.vcpu += item.vcpu;
    t.memoryGiB += item.memoryGiB;
    t.monthlyCost += item.monthlyCost;
  }
  return [...groups]
    .map(([key, { sidecar, ambient }]) => {
      const savings = sidecar.monthlyCost - ambient.monthlyCost;
      const savingsPercent = sidecar.monthlyCost > 0 ? (100 * savings) / sidecar.monthlyCost : null;
      return { key, sidecar, ambient, savings, savingsPercent };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)); // code-unit order: locale-independent
}

// ztunnel, cni and istiod items carry istio-system, where those pods run, so a
// namespace breakdown shows the mesh's own cost as one row of its own.
function keyOf(item: LineItem, by: GroupBy): string {
  return item[by];
}

function emptyTotals(): GroupTotals {
  return { proxies: 0, vcpu: 0, memoryGiB: 0, monthlyCost: 0 };
}

export interface ComponentRow {
  mode: Mode;
  component: Component;
  count: number;
  vcpu: number;
  memoryGiB: number;
  monthlyCost: number;
}

/** Line items summed per (mode, component), in the order the items come (the model's). */
export function groupByComponent(items: readonly LineItem[]): ComponentRow[] {
  const rows = new Map<string, ComponentRow>();
  for (const item of items) {
    const key = `${item.mode}/${item.component}`;
    const row = rows.get(key) ?? { mode: item.mode, component: item.component, count: 0, vcpu: 0, memoryGiB: 0, monthlyCost: 0 };
    row.count += item.count;
    row.vcpu += item.vcpu;
    row.memoryGiB += item.memoryGiB;
    row.monthlyCost += item.monthlyCost;
    rows.set(key, row);
  }
  return [...rows.values()];
}

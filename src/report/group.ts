/**
 * The breakdown tables (by environment, cluster or namespace), as data the renderers
 * only format. This is display aggregation, not modelling: it sums what the model
 * already priced, so a breakdown always adds up to the report's totals. The one step
 * beyond summing is the namespace view's spreading of shared costs (below).
 */
import type { Component, LineItem, Mode } from '../model/types.js';
import type { GroupBy } from './index.js';

export interface GroupTotals {
  /**
   * sidecars, or ztunnels + waypoint replicas (not cni or control planes: not proxies);
   * fractional in a namespace breakdown, where each namespace carries its share of the ztunnels
   */
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

export interface Breakdown {
  by: GroupBy;
  /** the largest groups, most expensive first */
  rows: GroupRow[];
  /** the groups after the first `rows`, in the same order (folded into `others`) */
  rest: GroupRow[];
  /** the sum of `rest`, when there is a rest */
  others?: GroupRow;
  /** true when shared components were spread over namespaces (only `by: namespace`) */
  sharedSpread: boolean;
}

/** Rows shown before the rest is summed into one "others" row: a table a person still reads. */
export const TOP_ROWS = 10;

// Same definition of "proxy" as the report's headline (sidecar.proxies, ztunnels + waypointReplicas).
const PROXY_COMPONENTS: ReadonlySet<Component> = new Set(['sidecar', 'ztunnel', 'waypoint']);

/**
 * The mesh's own pods: one set per node or cluster, serving every namespace. Their line
 * items carry istio-system, where they run; a namespace view that left them there would
 * show every namespace 100% saved and istio-system as the one cost.
 */
export const SHARED_COMPONENTS: ReadonlySet<Component> = new Set(['ztunnel', 'cni', 'controlPlane']);

/** Sorted by cost, the most expensive first; more than `top` + 1 groups keep `top` and sum the rest. */
export function breakdown(items: readonly LineItem[], by: GroupBy, top = TOP_ROWS): Breakdown {
  const spread = by === 'namespace' ? spreadShared(items) : undefined;
  const all = sumRows(spread?.parts ?? items.map((i) => part(i, i[by], 1)));
  all.sort(
    (a, b) =>
      b.sidecar.monthlyCost - a.sidecar.monthlyCost ||
      b.ambient.monthlyCost - a.ambient.monthlyCost ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0), // code-unit order: locale-independent
  );
  // an "others" row standing for one group would hide it for nothing
  const shown = all.length > top + 1 ? top : all.length;
  const rest = all.slice(shown);
  return {
    by,
    rows: all.slice(0, shown),
    rest,
    ...(rest.length > 0 ? { others: sumGroups('', rest) } : {}),
    sharedSpread: spread?.spread ?? false,
  };
}

/** Every group, unsorted and unfolded (the sum view without the namespace spreading). */
export function groupLineItems(items: readonly LineItem[], by: GroupBy): GroupRow[] {
  return sumRows(items.map((i) => part(i, i[by], 1)));
}

/** One line item's contribution (or a share of it) to one group. */
interface Part {
  key: string;
  mode: Mode;
  proxies: number;
  vcpu: number;
  memoryGiB: number;
  monthlyCost: number;
}

function part(item: LineItem, key: string, share: number): Part {
  return {
    key,
    mode: item.mode,
    proxies: PROXY_COMPONENTS.has(item.component) ? item.count * share : 0,
    vcpu: item.vcpu * share,
    memoryGiB: item.memoryGiB * share,
    monthlyCost: item.monthlyCost * share,
  };
}

/**
 * OpenCost's convention for shared costs: each cluster's ztunnel, cni and istiod (each
 * mode's own) go to that cluster's namespaces in proportion to their meshed pods (the
 * sidecar count, one proxy per meshed pod). A cluster without meshed pods keeps them.
 */
function spreadShared(items: readonly LineItem[]): { parts: Part[]; spread: boolean } {
  const podsByCluster = new Map<string, Map<string, number>>();
  for (const i of items) {
    if (i.mode !== 'sidecar' || i.component !== 'sidecar' || i.count === 0) continue;
    const pods = podsByCluster.get(i.cluster) ?? new Map<string, number>();
    pods.set(i.namespace, (pods.get(i.namespace) ?? 0) + i.count);
    podsByCluster.set(i.cluster, pods);
  }
  const parts: Part[] = [];
  let spread = false;
  for (const i of items) {
    const pods = SHARED_COMPONENTS.has(i.component) ? podsByCluster.get(i.cluster) : undefined;
    if (!pods) {
      parts.push(part(i, i.namespace, 1));
      continue;
    }
    spread = true;
    const total = [...pods.values()].reduce((s, n) => s + n, 0);
    for (const [namespace, n] of pods) parts.push(part(i, namespace, n / total));
  }
  return { parts, spread };
}

function sumRows(parts: readonly Part[]): GroupRow[] {
  const groups = new Map<string, { sidecar: GroupTotals; ambient: GroupTotals }>();
  for (const p of parts) {
    let g = groups.get(p.key);
    if (!g) groups.set(p.key, (g = { sidecar: emptyTotals(), ambient: emptyTotals() }));
    add(g[p.mode], p);
  }
  return [...groups].map(([key, { sidecar, ambient }]) => row(key, sidecar, ambient));
}

function sumGroups(key: string, rows: readonly GroupRow[]): GroupRow {
  const sidecar = emptyTotals();
  const ambient = emptyTotals();
  for (const r of rows) {
    add(sidecar, r.sidecar);
    add(ambient, r.ambient);
  }
  return row(key, sidecar, ambient);
}

function row(key: string, sidecar: GroupTotals, ambient: GroupTotals): GroupRow {
  const savings = sidecar.monthlyCost - ambient.monthlyCost;
  const savingsPercent = sidecar.monthlyCost > 0 ? (100 * savings) / sidecar.monthlyCost : null;
  return { key, sidecar, ambient, savings, savingsPercent };
}

function add(t: GroupTotals, p: GroupTotals): void {
  t.proxies += p.proxies;
  t.vcpu += p.vcpu;
  t.memoryGiB += p.memoryGiB;
  t.monthlyCost += p.monthlyCost;
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
  /** of the mode's monthly total; null when the mode costs nothing */
  sharePercent: number | null;
}

/** Line items summed per (mode, component), in the order the items come (the model's). */
export function groupByComponent(items: readonly LineItem[]): ComponentRow[] {
  const rows = new Map<string, ComponentRow>();
  const modeTotal: Record<Mode, number> = { sidecar: 0, ambient: 0 };
  for (const item of items) {
    const key = `${item.mode}/${item.component}`;
    const row = rows.get(key) ?? { mode: item.mode, component: item.component, count: 0, vcpu: 0, memoryGiB: 0, monthlyCost: 0, sharePercent: null };
    row.count += item.count;
    row.vcpu += item.vcpu;
    row.memoryGiB += item.memoryGiB;
    row.monthlyCost += item.monthlyCost;
    modeTotal[item.mode] += item.monthlyCost;
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => ({ ...r, sharePercent: modeTotal[r.mode] > 0 ? (100 * r.monthlyCost) / modeTotal[r.mode] : null }));
}

/**
 * In-memory builders for model tests: inventories, proxy profiles and price sheets
 * without files. Profiles and sheets go through their zod schemas so that defaults
 * (absent components, hoursPerMonth, zoneNetworkEgress, …) apply exactly as they do
 * for YAML input.
 */
import type { Inventory, InventoryNode, InventoryWorkload } from '../../src/inventory/types.js';
import { estimate, type EstimateInput } from '../../src/model/estimate.js';
import type { Component, LineItem, Mode, ModelOptions, Plan, Report } from '../../src/model/types.js';
import { DEFAULT_EXCLUDED_NAMESPACES } from '../../src/model/types.js';
import { priceSheetSchema, proxyProfileSchema, type PriceSheet, type ProxyProfile } from '../../src/profiles/schema.js';

export function node(name: string, over: Partial<InventoryNode> = {}): InventoryNode {
  return {
    cluster: 'c1',
    environment: over.cluster ?? 'c1',
    name,
    zone: 'a',
    capacityType: 'on-demand',
    vcpu: 4,
    memoryGiB: 16,
    ...over,
  };
}

export function workload(name: string, over: Partial<InventoryWorkload> = {}): InventoryWorkload {
  return {
    cluster: 'c1',
    environment: over.cluster ?? 'c1',
    namespace: 'shop',
    name,
    kind: 'Deployment',
    replicas: 1,
    rps: 0,
    waypoint: false,
    canary: false,
    hostNetwork: false,
    ...over,
  };
}

/** pods per node, e.g. placement({n1: 2, n2: 1}) */
export function placement(perNode: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(perNode));
}

export function inventory(nodes: InventoryNode[], workloads: InventoryWorkload[]): Inventory {
  return {
    sources: ['memory'],
    nodes,
    workloads,
    pods: workloads.reduce((s, w) => s + w.replicas, 0),
  };
}

/** A profile from a partial `spec` (YAML shape: requests may be quantities such as '100m', '128Mi'). */
export function profile(spec: Record<string, unknown> = {}, name = 'test-profile'): ProxyProfile {
  return proxyProfileSchema.parse({ apiVersion: 'mesh-cost/v1', kind: 'ProxyProfile', metadata: { name }, spec });
}

/**
 * A price sheet from a partial `spec`; CPU and RAM default to 0.04 and 0.005 (r = 8), and a
 * crossed GiB is charged in both directions (the sheets' default is once, as OpenCost
 * charges it; the cross-zone figures of these tests were worked out for both).
 */
export function prices(spec: Record<string, unknown> = {}, name = 'test-prices'): PriceSheet {
  return priceSheetSchema.parse({
    apiVersion: 'mesh-cost/v1',
    kind: 'PriceSheet',
    metadata: { name },
    spec: { CPU: 0.04, RAM: 0.005, billBothDirections: true, ...spec },
  });
}

export function options(over: Partial<ModelOptions> = {}): ModelOptions {
  return { basis: 'usage', locality: 'preferClose', excludedNamespaces: DEFAULT_EXCLUDED_NAMESPACES, ...over };
}

export const GENERATED_AT = '2025-01-01T00:00:00.000Z';

export function run(
  inv: Inventory,
  prof: ProxyProfile,
  sheet: PriceSheet,
  opts: Partial<ModelOptions> = {},
  extra: Partial<EstimateInput> = {},
): Plan {
  return estimate({ inventory: inv, profile: prof, prices: sheet, options: options(opts), generatedAt: GENERATED_AT, ...extra });
}

/** Line items of one mode/component, optionally of one cluster and namespace. */
export function items(report: Report, mode: Mode, component: Component, where: Partial<LineItem> = {}): LineItem[] {
  return report.lineItems.filter(
    (i) =>
      i.mode === mode &&
      i.component === component &&
      Object.entries(where).every(([k, v]) => i[k as keyof LineItem] === v),
  );
}

/** The single line item matching; throws when there is not exactly one. */
export function item(report: Report, mode: Mode, component: Component, where: Partial<LineItem> = {}): LineItem {
  const found = items(report, mode, component, where);
  if (found.length !== 1) throw new Error(`expected one ${mode}/${component} item, found ${found.length}`);
  return found[0]!;
}

/** Money as integer cents, for exact comparisons of values that are already whole cents. */
export function cents(x: number): number {
  return Math.round(x * 100);
}

/** Σ of items' monthly cost in integer cents. */
export function sumItemCents(list: readonly LineItem[]): number {
  return list.reduce((s, i) => s + cents(i.monthlyCost), 0);
}

/**
 * Accumulates line items by (mode, component, environment, cluster, namespace) and
 * rounds their money to cents once, at the end, so that every total — computed from
 * the rounded items in integer cents — equals the sum of its items to the cent.
 */
import type { Component, CrossZoneFigures, LineItem, Locality, Mode } from './types.js';

// the order DESIGN section 4 lists them in, so CSV rows read the same way
const COMPONENT_ORDER: Component[] = ['sidecar', 'ztunnel', 'cni', 'waypoint', 'controlPlane', 'crossZone'];
const MODE_ORDER: Mode[] = ['sidecar', 'ambient'];

export type LineKey = Pick<LineItem, 'mode' | 'component' | 'environment' | 'cluster' | 'namespace'>;

export class LineItemBook {
  private readonly items = new Map<string, LineItem>();

  add(key: LineKey, count: number, vcpu: number, memoryGiB: number, monthlyCost: number, variants?: Record<Locality, CrossZoneFigures>): void {
    const id = [key.mode, key.component, key.environment, key.cluster, key.namespace].join('\u0000');
    const item = this.items.get(id);
    if (item) {
      item.count += count;
      item.vcpu += vcpu;
      item.memoryGiB += memoryGiB;
      item.monthlyCost += monthlyCost;
      if (variants && item.variants) for (const l of Object.keys(variants) as Locality[]) item.variants[l] = { extraGiB: item.variants[l].extraGiB + variants[l].extraGiB, extraMonthlyCost: item.variants[l].extraMonthlyCost + variants[l].extraMonthlyCost };
    } else {
      // a fixed key order, so the JSON and CSV columns read the same on every item
      const { mode, component, environment, cluster, namespace } = key;
      this.items.set(id, { mode, component, environment, cluster, namespace, count, vcpu, memoryGiB, monthlyCost, ...(variants ? { variants: structuredClone(variants) } : {}) });
    }
  }

  /** Items in a stable order, money rounded to cents. */
  finish(): LineItem[] {
    return [...this.items.values()]
      .map((i) => ({ ...i, monthlyCost: roundCents(i.monthlyCost), ...(i.variants ? { variants: roundVariants(i.variants) } : {}) }))
      .sort(
        (a, b) =>
          MODE_ORDER.indexOf(a.mode) - MODE_ORDER.indexOf(b.mode) ||
          COMPONENT_ORDER.indexOf(a.component) - COMPONENT_ORDER.indexOf(b.component) ||
          cmp(a.environment, b.environment) ||
          cmp(a.cluster, b.cluster) ||
          cmp(a.namespace, b.namespace),
      );
  }
}

function roundVariants(v: Record<Locality, CrossZoneFigures>): Record<Locality, CrossZoneFigures> {
  return Object.fromEntries(Object.entries(v).map(([l, f]) => [l, { extraGiB: f.extraGiB, extraMonthlyCost: roundCents(f.extraMonthlyCost) }])) as Record<Locality, CrossZoneFigures>;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Σ of money values that are already whole cents, summed in integer cents (no float drift). */
export function sumCents(values: Iterable<number>): number {
  let cents = 0;
  for (const v of values) cents += Math.round(v * 100);
  return cents / 100;
}

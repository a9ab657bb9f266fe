/**
 * Accumulates line items by (mode, component, environment, cluster, namespace) and
 * rounds their money to cents once, at the end, so that every total — computed from
 * the rounded items in integer cents — equals the sum of its items to the cent.
 *
 * Keys are numbered once per prepared model (`LineKeys`) and a run adds by number: a
 * re-run of the sensitivity builds no key string and no item object per call, only
 * the items it reports.
 */
import type { Component, CrossZoneFigures, LineItem, Locality, Mode } from './types.js';

// the order DESIGN section 4 lists them in, so CSV rows read the same way
const COMPONENT_ORDER: Component[] = ['sidecar', 'ztunnel', 'cni', 'waypoint', 'controlPlane', 'crossZone'];
const MODE_ORDER: Mode[] = ['sidecar', 'ambient'];

export type LineKey = Pick<LineItem, 'mode' | 'component' | 'environment' | 'cluster' | 'namespace'>;

/** Every key a model can price, each with its number; a key asked for twice gets the same number. */
export class LineKeys {
  readonly keys: LineKey[] = [];
  private readonly ids = new Map<string, number>();

  id(key: LineKey): number {
    const { mode, component, environment, cluster, namespace } = key;
    const text = [mode, component, environment, cluster, namespace].join('\u0000');
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.keys.length;
      // a fixed key order, so the JSON and CSV columns read the same on every item
      this.keys.push({ mode, component, environment, cluster, namespace });
      this.ids.set(text, id);
    }
    return id;
  }
}

export class LineItemBook {
  /** the ids added to, in the order first added; an id never added has no item */
  private readonly added: number[] = [];
  private readonly seen: Uint8Array;
  private readonly count: Float64Array;
  private readonly vcpu: Float64Array;
  private readonly memoryGiB: Float64Array;
  private readonly cost: Float64Array;
  private readonly variants: (Record<Locality, CrossZoneFigures> | undefined)[] = [];

  constructor(private readonly lineKeys: LineKeys) {
    const n = lineKeys.keys.length;
    this.seen = new Uint8Array(n);
    this.count = new Float64Array(n);
    this.vcpu = new Float64Array(n);
    this.memoryGiB = new Float64Array(n);
    this.cost = new Float64Array(n);
  }

  add(id: number, count: number, vcpu: number, memoryGiB: number, monthlyCost: number, variants?: Record<Locality, CrossZoneFigures>): void {
    // the first figures are set, not added to 0, so every sum is the one the items' own additions give
    if (this.seen[id]) {
      this.count[id] = this.count[id]! + count;
      this.vcpu[id] = this.vcpu[id]! + vcpu;
      this.memoryGiB[id] = this.memoryGiB[id]! + memoryGiB;
      this.cost[id] = this.cost[id]! + monthlyCost;
      const item = this.variants[id];
      if (variants && item) for (const l of Object.keys(variants) as Locality[]) item[l] = { extraGiB: item[l].extraGiB + variants[l].extraGiB, extraMonthlyCost: item[l].extraMonthlyCost + variants[l].extraMonthlyCost };
    } else {
      this.seen[id] = 1;
      this.added.push(id);
      this.count[id] = count;
      this.vcpu[id] = vcpu;
      this.memoryGiB[id] = memoryGiB;
      this.cost[id] = monthlyCost;
      this.variants[id] = variants ? structuredClone(variants) : undefined;
    }
  }

  /** Σ of one mode's items in integer cents, each item rounded to cents as `finish` rounds it. */
  cents(mode: Mode): number {
    let cents = 0;
    for (const id of this.added) if (this.lineKeys.keys[id]!.mode === mode) cents += Math.round(roundCents(this.cost[id]!) * 100);
    return cents;
  }

  /** Items in a stable order, money rounded to cents. */
  finish(): LineItem[] {
    return this.added
      .map((id): LineItem => {
        const v = this.variants[id];
        return { ...this.lineKeys.keys[id]!, count: this.count[id]!, vcpu: this.vcpu[id]!, memoryGiB: this.memoryGiB[id]!, monthlyCost: roundCents(this.cost[id]!), ...(v ? { variants: roundVariants(v) } : {}) };
      })
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

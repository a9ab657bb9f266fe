/**
 * `mesh-cost diff`: what changed between two reports, in money. Pure: two reports in,
 * the changes out; the renderers in src/report/diff/ only format them.
 */
import { sumCents } from '../model/lineItems.js';
import type { Component, Mode, Report } from '../model/types.js';
import { assertComparable, cents, type Labelled } from './comparable.js';
import { counted } from '../plural.js';

/** what src/report/schema.ts fills in for a report written before `tool` existed */
const UNKNOWN_VERSION = 'unknown';

export interface Change {
  old: number;
  new: number;
  /** new − old */
  change: number;
  /** change in percent of |old|; null when old is 0 (no base to compare with) */
  changePercent: number | null;
}

export interface CostChanges {
  sidecar: Change;
  ambient: Change;
  /** sidecar − ambient */
  savings: Change;
}

export interface ReportDiff extends CostChanges {
  currency: string;
  old: { label: string; generatedAt: string };
  new: { label: string; generatedAt: string };
  /** every environment in either report, sorted; one absent from a report counts as 0 there */
  environments: (CostChanges & { environment: string })[];
  /** each (mode, component) in either report, in the model's order: where the money moved */
  components: (Change & { mode: Mode; component: Component })[];
  /**
   * each namespace whose cost changed, the largest change (either mode) first. Plain sums of
   * the line items: the mesh's own pods stay in istio-system, so a change there is theirs.
   */
  namespaces: (CostChanges & { namespace: string })[];
  /** what the two reports were computed with, where it differs: the figures may not compare like for like */
  differences: { what: 'profile' | 'prices' | 'scope' | 'basis' | 'locality' | 'hours per month' | 'mesh-cost version'; old: string; new: string }[];
  /** the --set what-ifs of each report, when either has any: a change of figures, not of the inventory */
  overrides?: { old: Overrides; new: Overrides };
}

type Overrides = NonNullable<Report['overrides']>;

export function diffReports(old: Labelled, now: Labelled): ReportDiff {
  assertComparable(old, now);
  const o = old.report;
  const n = now.report;
  const oldEnvs = byEnvironment(o);
  const newEnvs = byEnvironment(n);
  const names = [...new Set([...oldEnvs.keys(), ...newEnvs.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const none = { sidecar: 0, ambient: 0, savings: 0 };
  return {
    currency: n.currency,
    old: { label: old.label, generatedAt: o.generatedAt },
    new: { label: now.label, generatedAt: n.generatedAt },
    ...costChanges(totals(o), totals(n)),
    environments: names.map((environment) => ({
      environment,
      ...costChanges(oldEnvs.get(environment) ?? none, newEnvs.get(environment) ?? none),
    })),
    components: componentChanges(o, n),
    namespaces: namespaceChanges(o, n),
    differences: differences(o, n),
    ...(o.overrides?.length || n.overrides?.length ? { overrides: { old: o.overrides ?? [], new: n.overrides ?? [] } } : {}),
  };
}

function differences(o: Report, n: Report): ReportDiff['differences'] {
  const pairs: [ReportDiff['differences'][number]['what'], string, string][] = [
    ['profile', o.inputs.profile, n.inputs.profile],
    ['prices', o.inputs.prices, n.inputs.prices],
    ['scope', scopeOf(o), scopeOf(n)],
    ['basis', o.basis, n.basis],
    ['locality', o.crossZone.locality, n.crossZone.locality],
    ['hours per month', String(o.hoursPerMonth), String(n.hoursPerMonth)],
    ['mesh-cost version', o.tool.version, n.tool.version],
  ];
  // a report written before reports named their version says "unknown": no news in that
  const known = pairs.filter(([what]) => what !== 'mesh-cost version' || (o.tool.version !== UNKNOWN_VERSION && n.tool.version !== UNKNOWN_VERSION))
    // nor in a report written before reports named their scope
    .filter(([what]) => what !== 'scope' || (o.inputs.scope !== undefined && n.inputs.scope !== undefined));
  return known.filter(([, a, b]) => a !== b).map(([what, old, now]) => ({ what, old, new: now }));
}

/** "mesh, 4 namespaces": the mode and how many (cluster, namespace) pairs it priced; the reason is no difference of its own. */
function scopeOf(r: Report): string {
  return r.inputs.scope ? `${r.inputs.scope.mode}, ${counted(r.inputs.scope.namespaces, 'namespace')}` : '';
}

function componentChanges(o: Report, n: Report): ReportDiff['components'] {
  const key = (i: { mode: Mode; component: Component }) => `${i.mode}/${i.component}`;
  const sums = (r: Report) => {
    const m = new Map<string, number[]>();
    for (const i of r.lineItems) m.set(key(i), [...(m.get(key(i)) ?? []), i.monthlyCost]);
    return m;
  };
  const [a, b] = [sums(o), sums(n)];
  const seen = new Map<string, { mode: Mode; component: Component }>();
  for (const i of [...o.lineItems, ...n.lineItems]) if (!seen.has(key(i))) seen.set(key(i), { mode: i.mode, component: i.component });
  const order = ['sidecar', 'ambient'];
  return [...seen.entries()]
    .sort(([, x], [, y]) => order.indexOf(x.mode) - order.indexOf(y.mode))
    .map(([k, c]) => ({ ...c, ...change(sumCents(a.get(k) ?? []), sumCents(b.get(k) ?? [])) }));
}

function namespaceChanges(o: Report, n: Report): ReportDiff['namespaces'] {
  const [a, b] = [costsBy(o, (i) => i.namespace), costsBy(n, (i) => i.namespace)];
  const none = { sidecar: 0, ambient: 0, savings: 0 };
  const names = [...new Set([...a.keys(), ...b.keys()])];
  const moved = (c: CostChanges) => Math.max(Math.abs(c.sidecar.change), Math.abs(c.ambient.change));
  return names
    .map((namespace) => ({ namespace, ...costChanges(a.get(namespace) ?? none, b.get(namespace) ?? none) }))
    .filter((c) => c.sidecar.change !== 0 || c.ambient.change !== 0)
    .sort((x, y) => moved(y) - moved(x) || (x.namespace < y.namespace ? -1 : 1));
}

interface Costs {
  sidecar: number;
  ambient: number;
  savings: number;
}

function totals(r: Report): Costs {
  return { sidecar: r.sidecar.monthlyCost, ambient: r.ambient.monthlyCost, savings: r.savings.monthlyCost };
}

function costChanges(o: Costs, n: Costs): CostChanges {
  return {
    sidecar: change(o.sidecar, n.sidecar),
    ambient: change(o.ambient, n.ambient),
    savings: change(o.savings, n.savings),
  };
}

/** In whole cents: the report's money is already rounded to cents, so the change is exact. */
function change(old: number, now: number): Change {
  const delta = (cents(now) - cents(old)) / 100;
  return { old, new: now, change: delta, changePercent: cents(old) === 0 ? null : (100 * delta) / Math.abs(old) };
}

function byEnvironment(r: Report): Map<string, Costs> {
  return costsBy(r, (i) => i.environment);
}

/** Monthly cost per group and mode: the sums of the line items, in cents. */
function costsBy(r: Report, keyOf: (i: Report['lineItems'][number]) => string): Map<string, Costs> {
  const items = new Map<string, { sidecar: number[]; ambient: number[] }>();
  for (const i of r.lineItems) {
    let env = items.get(keyOf(i));
    if (!env) items.set(keyOf(i), (env = { sidecar: [], ambient: [] }));
    env[i.mode].push(i.monthlyCost);
  }
  return new Map(
    [...items].map(([name, m]) => {
      const sidecar = sumCents(m.sidecar);
      const ambient = sumCents(m.ambient);
      return [name, { sidecar, ambient, savings: sumCents([sidecar, -ambient]) }];
    }),
  );
}

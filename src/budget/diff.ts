/**
 * `mesh-cost diff`: what changed between two reports, in money. Pure: two reports in,
 * the changes out; the renderers in src/report/diff/ only format them.
 */
import { sumCents } from '../model/lineItems.js';
import type { Report } from '../model/types.js';
import { assertComparable, cents, type Labelled } from './comparable.js';

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
    ...(o.overrides?.length || n.overrides?.length ? { overrides: { old: o.overrides ?? [], new: n.overrides ?? [] } } : {}),
  };
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

/** Monthly cost per environment and mode: the sums of the line items, in cents. */
function byEnvironment(r: Report): Map<string, Costs> {
  const items = new Map<string, { sidecar: number[]; ambient: number[] }>();
  for (const i of r.lineItems) {
    let env = items.get(i.environment);
    if (!env) items.set(i.environment, (env = { sidecar: [], ambient: [] }));
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

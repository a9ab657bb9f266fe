/**
 * The Report (DESIGN section 4) from priced line items: every headline figure is a sum
 * of the line items that priced it, money in integer cents.
 */
import type { Warning } from '../inventory/types.js';
import { roundCents, sumCents } from './lineItems.js';
import type { ModelInput } from './modelInput.js';
import type { Pricing } from './price.js';
import type { CrossZoneFigures, LineItem, Locality, Report, TodayReport, WaypointPlan } from './types.js';

export interface ReportParts {
  model: ModelInput;
  pricing: Pricing;
  lineItems: LineItem[];
  variants: Record<Locality, CrossZoneFigures>;
  waypoints: WaypointPlan[];
  warnings: Warning[];
  sidecarsKept: number;
  today?: Omit<TodayReport, 'stillToSave'>;
}

export function buildReport(p: ReportParts): Report {
  const { model, pricing, lineItems } = p;
  const sheet = pricing.prices.spec;
  const sum = (items: LineItem[], f: (i: LineItem) => number) => items.reduce((s, i) => s + f(i), 0);
  const side = lineItems.filter((i) => i.mode === 'sidecar');
  const amb = lineItems.filter((i) => i.mode === 'ambient');
  // proxy counts come from the line items that priced them
  const countOf = (component: LineItem['component']) => sum(amb.filter((i) => i.component === component), (i) => i.count);
  const sidecarCost = sumCents(side.map((i) => i.monthlyCost));
  const ambientCost = sumCents(amb.map((i) => i.monthlyCost));
  const crossZoneCounted = sumCents(amb.filter((i) => i.component === 'crossZone').map((i) => i.monthlyCost));
  const savings = roundCents(sidecarCost - ambientCost);
  const { locality, basis } = model.options;
  return {
    schemaVersion: 'mesh-cost/v1',
    generatedAt: pricing.generatedAt,
    ...(pricing.tool ? { tool: pricing.tool } : {}),
    currency: sheet.currency,
    hoursPerMonth: sheet.hoursPerMonth,
    basis,
    inputs: {
      ...model.inputs,
      profile: pricing.profile.metadata.name,
      prices: pricing.prices.metadata.name,
      meshedPods: model.meshedPods,
      scope: model.scope,
      ...(model.infrastructure ? { infrastructure: model.infrastructure } : {}),
    },
    sidecar: {
      proxies: sum(side.filter((i) => i.component === 'sidecar'), (i) => i.count),
      vcpu: sum(side, (i) => i.vcpu),
      memoryGiB: sum(side, (i) => i.memoryGiB),
      monthlyCost: sidecarCost,
    },
    ambient: {
      ztunnels: countOf('ztunnel'),
      waypoints: p.waypoints.length,
      waypointReplicas: countOf('waypoint'),
      vcpu: sum(amb, (i) => i.vcpu),
      memoryGiB: sum(amb, (i) => i.memoryGiB),
      monthlyCost: ambientCost,
      crossZoneMonthlyCost: crossZoneCounted,
      sidecarsKept: p.sidecarsKept,
    },
    crossZone: {
      locality,
      extraGiB: p.variants[locality].extraGiB,
      // the counted variant is, by construction, the sum of the crossZone line items
      extraMonthlyCost: crossZoneCounted,
      variants: p.variants,
    },
    savings: { monthlyCost: savings, percent: sidecarCost === 0 ? null : (100 * savings) / sidecarCost },
    lineItems,
    waypoints: p.waypoints.map((w) => ({ cluster: w.cluster, namespace: w.namespace, rps: w.rps, replicas: w.replicas, floor: w.floor, zones: w.zones.length })),
    ...(p.today ? { today: { ...p.today, stillToSave: roundCents(p.today.monthlyCost - ambientCost) } } : {}),
    ...(model.mesh ? { mesh: model.mesh } : {}),
    warnings: p.warnings,
  };
}

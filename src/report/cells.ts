/**
 * The text cells of the tables every human-readable format shows (terminal, markdown,
 * html), built once so the formats cannot disagree. Plain strings: each renderer adds
 * its own emphasis and escaping.
 */
import type { Verdict } from '../budget/gates.js';
import { LOCALITIES, type LineItem, type Report } from '../model/types.js';
import { currencySymbol, formatGiB, formatMoney, formatNumber, formatPercent } from './format.js';
import type { Breakdown, GroupRow } from './group.js';
import type { GroupBy } from './index.js';
import { scopeText } from './meshCells.js';

export type Money = (n: number, signed?: boolean) => string;

export function moneyIn(currency: string): Money {
  return (n, signed = false) => formatMoney(n, currency, signed);
}

/** Sidecars add no hop, hence no cross-zone figure of their own. */
export const NOT_APPLICABLE = '—';

export const COMPARISON_HEAD = ['', 'Sidecar', 'Ambient', 'Δ'];

/**
 * Proxies, vCPU, memory, cross-zone and monthly cost, sidecar vs ambient, with the
 * Δ (ambient − sidecar). The last row is the monthly total.
 */
export function comparisonCells(r: Report, money: Money): string[][] {
  const { sidecar: s, ambient: a } = r;
  return [
    [
      'Proxies',
      formatNumber(s.proxies),
      `${formatNumber(a.ztunnels)} ztunnel + ${formatNumber(a.waypointReplicas)} waypoint`,
      formatNumber(a.ztunnels + a.waypointReplicas - s.proxies, 0, true),
    ],
    ['vCPU', formatNumber(s.vcpu, 1), formatNumber(a.vcpu, 1), formatNumber(a.vcpu - s.vcpu, 1, true)],
    ['Memory (GiB)', formatNumber(s.memoryGiB, 1), formatNumber(a.memoryGiB, 1), formatNumber(a.memoryGiB - s.memoryGiB, 1, true)],
    ['Cross-zone / month', NOT_APPLICABLE, money(a.crossZoneMonthlyCost), money(a.crossZoneMonthlyCost, true)],
    ['Monthly cost', money(s.monthlyCost), money(a.monthlyCost), money(-r.savings.monthlyCost, true)],
  ];
}

const GROUP_LABEL: Record<GroupBy, string> = {
  environment: 'Environment',
  cluster: 'Cluster',
  namespace: 'Namespace',
};

/** "$/mo", "€/mo", "CHF/mo": the report's own currency, never a hard-coded dollar. */
export function perMonth(currency: string, unit = 'mo'): string {
  return `${currencySymbol(currency)}/${unit}`;
}

export function breakdownHead(by: GroupBy, currency: string): string[] {
  const pm = perMonth(currency);
  return [GROUP_LABEL[by], 'Sidecar proxies', `Sidecar ${pm}`, 'Ambient proxies', `Ambient ${pm}`, 'Savings', '%'];
}

/** "4 others": the label of the row that sums the groups left out. */
export function othersLabel(b: Breakdown): string {
  return `${formatNumber(b.rest.length)} others`;
}

export function breakdownRowCells(rows: readonly GroupRow[], money: Money, label = (g: GroupRow) => g.key): string[][] {
  return rows.map((g) => [
    label(g),
    formatNumber(g.sidecar.proxies),
    money(g.sidecar.monthlyCost),
    formatNumber(g.ambient.proxies),
    money(g.ambient.monthlyCost),
    money(g.savings),
    formatPercent(g.savingsPercent),
  ]);
}

/** The shown rows, then the "others" row when the breakdown has one. */
export function breakdownCells(b: Breakdown, money: Money): string[][] {
  const others = b.others ? breakdownRowCells([b.others], money, () => othersLabel(b)) : [];
  return [...breakdownRowCells(b.rows, money), ...others];
}

/** Said under a namespace breakdown whose shared costs were spread (DESIGN section 4). */
export function sharedNote(b: Breakdown): string | undefined {
  if (!b.sharedSpread) return undefined;
  return 'ztunnel, istio-cni and istiod (each mode its own) are spread over the namespaces in proportion to their meshed pods, ' +
    "OpenCost's convention for shared costs; the line items keep them in istio-system.";
}

/** What the figures were computed from: profile, price sheet, inputs, the scope and the mesh-cost version (the basis is in each format's title). */
export function usedCells(r: Report): [string, string][] {
  return [
    ['Profile', r.inputs.profile],
    ['Prices', r.inputs.prices],
    ['Inputs', r.inputs.sources.length > 0 ? r.inputs.sources.join(', ') : 'none'],
    // a report written before the scope existed has none to name
    ...(r.inputs.scope ? [['Scope', scopeText(r.inputs.scope)] as [string, string]] : []),
    ['mesh-cost', r.tool.version],
  ];
}

export function crossZoneHead(currency: string): string[] {
  return ['Waypoint locality', 'Extra cross-zone', `Extra ${perMonth(currency, 'month')}`, 'In the ambient total'];
}

/** Both locality variants (none, preferClose), the counted one marked. */
export function crossZoneCells(r: Report, money: Money): string[][] {
  return LOCALITIES.map((l) => {
    const v = r.crossZone.variants[l];
    return [l, formatGiB(v.extraGiB), money(v.extraMonthlyCost), l === r.crossZone.locality ? 'counted' : 'not counted'];
  });
}

export const GATE_HEAD = ['Gate', 'Result', 'Figure and limit'];

/** One row per budget gate: its name, passed or broken, and what it compared. */
export function gateCells(verdicts: readonly Verdict[], currency: string): string[][] {
  return verdicts.map((v) => [v.gate, v.ok ? 'passed' : 'broken', describeVerdict(v, currency).replace(/^[\w-]+: /, '')]);
}

/** The gate's name, the figure and the limit: "budget: ambient monthly cost $120.00, limit $150.00". */
export function describeVerdict(v: Verdict, currency: string): string {
  const money = moneyIn(currency);
  switch (v.gate) {
    case 'budget':
      return `budget: ambient monthly cost ${money(v.figure)}, limit ${money(v.limit)}`;
    case 'min-savings':
      return `min-savings: savings ${v.figure === null ? 'n/a (no sidecar cost)' : formatPercent(v.figure)} of the sidecar cost, limit ${formatPercent(v.limit)}`;
    case 'max-increase': {
      const limit = v.limitPercent === undefined ? money(v.limit) : `${money(v.limit)} (${formatPercent(v.limitPercent)} of the baseline)`;
      return `max-increase: ambient monthly cost changed by ${money(v.figure, true)} against the baseline's ${money(v.baseline)}, limit ${limit}`;
    }
  }
}

/** Decided on the rounded amount, so a saving of -$0.001 is not announced as a cost. */
export function ambientSaves(r: Report): boolean {
  return Math.round(r.savings.monthlyCost * 100) >= 0;
}

/** "Ambient would save $5,327.93/month (88.8%)", or what it would cost more. */
export function headline(r: Report, money: Money): { saves: boolean; text: string } {
  const { monthlyCost, percent } = r.savings;
  const pct = percent === null ? '' : ` (${formatPercent(Math.abs(percent))})`;
  if (ambientSaves(r)) return { saves: true, text: `Ambient would save ${money(monthlyCost)}/month${pct}` };
  return { saves: false, text: `Ambient would cost ${money(-monthlyCost)}/month more${pct}` };
}

export function lineItemHead(currency: string): string[] {
  return ['Mode', 'Component', 'Environment', 'Cluster', 'Namespace', 'Count', 'vCPU', 'Memory (GiB)', perMonth(currency, 'month')];
}
/** mode, component, environment, cluster and namespace are text; the rest are figures */
export const LINE_ITEM_TEXT_COLUMNS = 5;

export function lineItemCells(i: LineItem, money: Money): string[] {
  return [
    i.mode,
    i.component,
    i.environment,
    i.cluster,
    i.namespace,
    formatNumber(i.count),
    formatNumber(i.vcpu, 2),
    formatNumber(i.memoryGiB, 2),
    money(i.monthlyCost),
  ];
}

/** What the inventory shows of the mesh running today: the sentence, then each label with its namespaces. */
export function meshTodayCells(mesh: NonNullable<Report['mesh']>): { sentence: string; labels: [label: string, namespaces: string][] } {
  const byLabel = new Map<string, string[]>();
  for (const { namespace, label } of mesh.labelledNamespaces) byLabel.set(label, [...(byLabel.get(label) ?? []), namespace]);
  return {
    sentence: `Mesh today: ${formatNumber(mesh.sidecarsSeen)} istio-proxy sidecars running` + (mesh.sidecarsSeen > 0 ? "; their requests replace the profile's." : '.'),
    labels: [...byLabel].map(([label, namespaces]) => [label, namespaces.join(', ')]),
  };
}

/**
 * The text cells of the tables every human-readable format shows (terminal, markdown,
 * html), built once so the formats cannot disagree. Plain strings: each renderer adds
 * its own emphasis and escaping.
 */
import type { LineItem, Report } from '../model/types.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import type { GroupRow } from './group.js';
import type { GroupBy } from './index.js';

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

export function breakdownHead(by: GroupBy): string[] {
  return [GROUP_LABEL[by], 'Sidecar proxies', 'Sidecar $/mo', 'Ambient proxies', 'Ambient $/mo', 'Savings', '%'];
}

export function breakdownCells(rows: readonly GroupRow[], money: Money): string[][] {
  return rows.map((g) => [
    g.key,
    formatNumber(g.sidecar.proxies),
    money(g.sidecar.monthlyCost),
    formatNumber(g.ambient.proxies),
    money(g.ambient.monthlyCost),
    money(g.savings),
    formatPercent(g.savingsPercent),
  ]);
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

export const LINE_ITEM_HEAD = ['Mode', 'Component', 'Environment', 'Cluster', 'Namespace', 'Count', 'vCPU', 'Memory (GiB)', '$/month'];
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

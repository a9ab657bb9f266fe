import { describe, expect, it } from 'vitest';
import type { LineItem } from '../../src/model/types.js';
import { breakdown, groupByComponent, groupLineItems } from '../../src/report/group.js';
import { sampleReport } from './sample-report.js';

const report = sampleReport();

describe('groupLineItems', () => {
  it('sums each mode by environment, counting ztunnels and waypoint replicas as ambient proxies', () => {
    const rows = groupLineItems(report.lineItems, 'environment');
    expect(rows.map((r) => r.key)).toEqual(['PRD', 'STG']);
    const [prd, stg] = rows;
    expect(prd!.sidecar).toEqual({ proxies: 3000, vcpu: 600.5, memoryGiB: expect.closeTo(177.8), monthlyCost: 4978 });
    // cni and control planes are costed but are not proxies; cross-zone is in the cost
    expect(prd!.ambient.proxies).toBe(220);
    expect(prd!.ambient.monthlyCost).toBeCloseTo(538);
    expect(prd!.savings).toBeCloseTo(4440);
    expect(prd!.savingsPercent).toBeCloseTo((100 * 4440) / 4978);
    expect(stg!.sidecar.proxies).toBe(600);
    expect(stg!.ambient.proxies).toBe(98);
    expect(stg!.ambient.monthlyCost).toBeCloseTo(134.07);
  });

  it('adds up to the report totals whatever the grouping', () => {
    for (const by of ['environment', 'cluster', 'namespace'] as const) {
      const rows = groupLineItems(report.lineItems, by);
      const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + f(r), 0);
      expect(sum((r) => r.sidecar.proxies)).toBe(report.sidecar.proxies);
      expect(sum((r) => r.sidecar.monthlyCost)).toBeCloseTo(report.sidecar.monthlyCost, 2);
      expect(sum((r) => r.ambient.vcpu)).toBeCloseTo(report.ambient.vcpu, 6);
      expect(sum((r) => r.ambient.monthlyCost)).toBeCloseTo(report.ambient.monthlyCost, 2);
    }
  });

  it('groups by cluster name', () => {
    expect(groupLineItems(report.lineItems, 'cluster').map((r) => r.key)).toEqual(['prd-eks', 'stg-eks']);
  });

  it('keeps the mesh’s own pods (ztunnel, cni, istiod) under istio-system in the plain sum by namespace', () => {
    const rows = groupLineItems(report.lineItems, 'namespace');
    const nodeLevel = rows.find((r) => r.key === 'istio-system')!;
    expect(nodeLevel.ambient.proxies).toBe(290); // ztunnels of both clusters
    expect(nodeLevel.ambient.monthlyCost).toBeCloseTo(350 + 100 + 28 + 60 + 30 + 28);
  });
  it('has no savings percent for a group without sidecar cost', () => {
    const item: LineItem = {
      mode: 'ambient', component: 'ztunnel', environment: 'QA', cluster: 'qa', namespace: 'istio-system',
      count: 3, vcpu: 0.6, memoryGiB: 1.5, monthlyCost: 12,
    };
    const [row] = groupLineItems([item], 'environment');
    expect(row!.savings).toBe(-12);
    expect(row!.savingsPercent).toBeNull();
  });
});

describe('breakdown', () => {
  it('spreads each cluster’s shared components over its namespaces by meshed pods, each mode its own', () => {
    const b = breakdown(report.lineItems, 'namespace');
    expect(b.sharedSpread).toBe(true);
    expect(b.rows.map((r) => r.key)).toEqual(['checkout', 'search']); // no istio-system row left
    const [checkout, search] = b.rows;
    // prd-eks: checkout 2,000 and search 1,000 meshed pods → shares 2/3 and 1/3; stg-eks: checkout alone.
    // sidecar: checkout 3,300 + 28·2/3 + 994 + 28 = 4,340.667; search 1,650 + 28/3 = 1,659.333
    expect(checkout!.sidecar.monthlyCost).toBeCloseTo(4340.6667, 3);
    expect(search!.sidecar.monthlyCost).toBeCloseTo(1659.3333, 3);
    // ambient: prd shared 350 + 100 + 28 = 478 → checkout 318.667 + waypoint 50 + cross-zone 10,
    // plus stg shared 60 + 30 + 28 = 118 and waypoint 16.07 → 512.737; search 478/3 = 159.333
    expect(checkout!.ambient.monthlyCost).toBeCloseTo(512.7367, 3);
    expect(search!.ambient.monthlyCost).toBeCloseTo(159.3333, 3);
    // proxies: checkout 200·2/3 ztunnels + 20 waypoints + 90 ztunnels + 8 waypoints = 251.333
    expect(checkout!.ambient.proxies).toBeCloseTo(251.3333, 3);
    expect(search!.savingsPercent).toBeCloseTo((100 * 1500) / 1659.3333, 3);
  });

  it('adds up to the report totals after spreading', () => {
    const b = breakdown(report.lineItems, 'namespace');
    expect(b.rows.reduce((s, r) => s + r.ambient.monthlyCost, 0)).toBeCloseTo(report.ambient.monthlyCost, 6);
    expect(b.rows.reduce((s, r) => s + r.sidecar.monthlyCost, 0)).toBeCloseTo(report.sidecar.monthlyCost, 6);
  });

  it('spreads nothing for environments and clusters, and leaves a cluster without meshed pods in istio-system', () => {
    expect(breakdown(report.lineItems, 'environment').sharedSpread).toBe(false);
    const lonely: LineItem = { mode: 'ambient', component: 'ztunnel', environment: 'QA', cluster: 'qa', namespace: 'istio-system', count: 3, vcpu: 0.6, memoryGiB: 1.5, monthlyCost: 12 };
    const b = breakdown([lonely], 'namespace');
    expect(b.rows.map((r) => [r.key, r.ambient.monthlyCost])).toEqual([['istio-system', 12]]);
    expect(b.sharedSpread).toBe(false);
  });

  it('sorts by cost, most expensive first, not by name (team-10 after team-2 only when it costs less)', () => {
    const item = (namespace: string, monthlyCost: number): LineItem => ({
      mode: 'sidecar', component: 'sidecar', environment: 'E', cluster: 'c', namespace, count: 1, vcpu: 0, memoryGiB: 0, monthlyCost,
    });
    const b = breakdown([item('team-2', 5), item('team-10', 50), item('team-1', 9)], 'namespace');
    expect(b.rows.map((r) => r.key)).toEqual(['team-10', 'team-1', 'team-2']);
  });

  it('keeps the top rows and sums the rest into "others"; never an "others" of one row', () => {
    const items: LineItem[] = Array.from({ length: 13 }, (_, n) => ({
      mode: 'sidecar', component: 'sidecar', environment: `env-${n}`, cluster: 'c', namespace: 'ns', count: 1, vcpu: 0, memoryGiB: 0, monthlyCost: 100 - n,
    }));
    const b = breakdown(items, 'environment', 10);
    expect(b.rows.map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, n) => `env-${n}`));
    expect(b.rest.map((r) => r.key)).toEqual(['env-10', 'env-11', 'env-12']);
    // 90 + 89 + 88 = 267
    expect(b.others!.sidecar).toEqual({ proxies: 3, vcpu: 0, memoryGiB: 0, monthlyCost: 267 });
    const eleven = breakdown(items.slice(0, 11), 'environment', 10);
    expect(eleven.rows).toHaveLength(11);
    expect(eleven.others).toBeUndefined();
  });
});

describe('groupByComponent', () => {
  it('gives each component its share of its mode’s cost', () => {
    const ztunnel = groupByComponent(report.lineItems).find((r) => r.mode === 'ambient' && r.component === 'ztunnel')!;
    // 350 + 60 = 410 of the ambient 672.07 → 61.0%
    expect(ztunnel.monthlyCost).toBe(410);
    expect(ztunnel.sharePercent).toBeCloseTo((100 * 410) / 672.07, 9);
  });
});



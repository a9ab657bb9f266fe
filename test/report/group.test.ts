import { describe, expect, it } from 'vitest';
import type { LineItem } from '../../src/model/types.js';
import { groupLineItems } from '../../src/report/group.js';
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

  it('puts the mesh’s own pods (ztunnel, cni, istiod) under istio-system when grouping by namespace', () => {
    const rows = groupLineItems(report.lineItems, 'namespace');
    expect(rows.map((r) => r.key)).toEqual(['checkout', 'istio-system', 'search']);
    const [checkout, nodeLevel] = rows;
    expect(nodeLevel!.ambient.proxies).toBe(290); // ztunnels of both clusters
    expect(nodeLevel!.ambient.monthlyCost).toBeCloseTo(350 + 100 + 28 + 60 + 30 + 28);
    expect(nodeLevel!.sidecar.monthlyCost).toBe(56); // the two sidecar-mode control planes
    expect(checkout!.sidecar.proxies).toBe(2600);
    expect(checkout!.ambient.proxies).toBe(28);
    expect(checkout!.ambient.monthlyCost).toBeCloseTo(50 + 10 + 16.07);
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

import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.js';
import { render } from '../../src/report/index.js';
import { capacityTable } from '../../src/report/sections/capacity.js';
import { sensitivityTable } from '../../src/report/sections/sensitivity.js';
import { sampleReport } from './sample-report.js';

const plain = { groupBy: 'environment' as const, color: false };

/** The sample report with a capacity and a sensitivity section, figures made up for the formatting. */
function withSections(): Report {
  return {
    ...sampleReport(),
    capacity: {
      packTarget: 0.9,
      groups: [
        { cluster: 'PRD-eks', instanceType: 'm5.xlarge', capacityType: 'on-demand', shape: { vcpu: 4, memoryGiB: 16 }, nodesToday: 12, nodesNeeded: { sidecar: 10, ambient: 8 }, fluidBound: { sidecar: 9.25, ambient: 7.5 }, nodesFreed: 2, monthlyCostFreed: 280.32 },
        { cluster: 'PRD-eks', instanceType: null, capacityType: 'spot', shape: { vcpu: 2, memoryGiB: 8 }, nodesToday: 3, nodesNeeded: { sidecar: 3, ambient: 3 }, fluidBound: { sidecar: 2.1, ambient: 2 }, nodesFreed: 0, monthlyCostFreed: 0 },
      ],
      monthlyCostFreed: 280.32,
    },
    sensitivity: {
      delta: 0.25,
      inputs: [
        { name: 'sidecar.requests.cpu', today: 0.1, low: 0.075, high: 0.125, savingsLow: 4000, savingsHigh: 6600, breakEven: 0.012 },
        { name: 'sidecar.requests.memory', today: 134217728, low: 100663296, high: 167772160, savingsLow: 5200, savingsHigh: 5450, breakEven: null },
      ],
      waypointBreakEven: [{ cluster: 'PRD-eks', namespace: 'checkout', rps: 1234.4 }],
    },
  };
}

describe('capacity and sensitivity sections', () => {
  it('table: a Nodes block with a totals row, the tornado as a sorted list, memory as Mi', async () => {
    const out = await render('table', withSections(), plain);
    expect(out).toContain('Nodes (first-fit decreasing at 90.0% of allocatable; freed = sidecar − ambient):');
    expect(out).toMatch(/│ PRD-eks +│ m5\.xlarge +│ on-demand +│ +12 │ +10 │ +8 │ +9\.3 \/ 7\.5 │ +\+2 │ +\+\$280\.32 │/);
    expect(out).toMatch(/│ PRD-eks +│ 2 vCPU \/ 8 GiB +│ spot +│/);
    expect(out).toMatch(/│ Total +│ +│ +│ +15 │ +13 │ +11 │ +│ +\+2 │ +\+\$280\.32 │/);
    expect(out).toMatch(/│ sidecar\.requests\.cpu +│ +0\.1 │ +0\.075 │ +0\.125 │ +\$4,000\.00 │ +\$6,600\.00 │ +0\.012 │/);
    expect(out).toMatch(/│ sidecar\.requests\.memory +│ +128Mi │ +96Mi │ +160Mi │ .* │ +none │/);
    expect(out).toContain('  PRD-eks/checkout: 1,234 rps');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('says which input gives the nodes freed when the report has none', async () => {
    const out = await render('table', sampleReport(), plain);
    expect(out).toContain("Nodes freed: needs pods' own requests (see docs/capacity.md).");
    expect(out).not.toContain('Sensitivity (');
  });

  it('markdown: Nodes and Sensitivity headings with their tables', async () => {
    const out = await render('markdown', withSections(), plain);
    expect(out).toContain('#### Nodes');
    expect(out).toContain('| Total |  |  | 15 | 13 | 11 |  | +2 | +$280.32 |'.replace('$', '\\$'));
    expect(out).toContain('#### Sensitivity');
    expect(out).toContain('- PRD-eks/checkout: 1,234 rps');
  });

  it('html: an inline SVG tornado, one bar per end of each input, nothing fetched', async () => {
    const out = await render('html', withSections(), plain);
    const svgs = out.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    const tornado = svgs.find((s) => s.includes('sidecar.requests.cpu'))!;
    expect(tornado).toBeDefined();
    // two inputs × (low, high) bars, plus the two legend squares
    expect(tornado.match(/<rect /g)).toHaveLength(2 * 2 + 2);
    expect(out).not.toMatch(/(src|href)=["']https?:/);
    expect(out).toContain('<h2>Nodes</h2>');
  });

  it('flat tables for finance: numbers as numbers, nothing when the report has no section', () => {
    const r = withSections();
    expect(capacityTable(r)!.rows[1]).toEqual(['PRD-eks', null, 'spot', 2, 8, 3, 3, 3, 2.1, 2, 0, { money: 0 }, 'USD', 0.9]);
    expect(sensitivityTable(r)!.rows[0]).toEqual(['sidecar.requests.cpu', 0.1, 0.075, 0.125, { money: 4000 }, { money: 6600 }, 0.012, 'USD', 0.25]);
    expect(capacityTable(sampleReport())).toBeUndefined();
    expect(sensitivityTable(sampleReport())).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/budget/diff.js';
import { DIFF_FORMATS, renderDiff } from '../../src/report/diff/index.js';
import { sampleReport } from './sample-report.js';

function sampleDiff() {
  const now = sampleReport();
  now.generatedAt = '2025-02-01T00:00:00.000Z';
  // STG's ambient ztunnels $40 dearer
  now.lineItems.find((i) => i.environment === 'STG' && i.component === 'ztunnel')!.monthlyCost = 100;
  now.ambient.monthlyCost = 712.07;
  now.savings = { monthlyCost: 5287.93, percent: (100 * 5287.93) / 6000 };
  return diffReports({ report: sampleReport(), label: 'old.json' }, { report: now, label: 'new.json' });
}

const lineWith = (out: string, text: string) => out.split('\n').find((l) => l.includes(text)) ?? '';

describe('diff renderers', () => {
  it('offer table, json and markdown', () => {
    expect(DIFF_FORMATS).toEqual(['table', 'json', 'markdown']);
  });

  it('table: title, then old, new, change and change % for the totals and each environment', async () => {
    const out = await renderDiff('table', sampleDiff());
    expect(out.split('\n')[0]).toBe('mesh-cost diff: old.json (2025-01-01T00:00:00.000Z) → new.json (2025-02-01T00:00:00.000Z), USD');
    expect(lineWith(out, ' Ambient ')).toMatch(/│ Ambient\s+│\s+\$672\.07 │\s+\$712\.07 │\s+\+\$40\.00 │\s+\+6\.0% │/);
    expect(lineWith(out, ' Sidecar ')).toMatch(/\$6,000\.00 │\s+\$6,000\.00 │\s+\$0\.00 │\s+0\.0% │/);
    expect(lineWith(out, ' Savings ')).toMatch(/\$5,327\.93 │\s+\$5,287\.93 │\s+-\$40\.00 │\s+-0\.8% │/);
    expect(lineWith(out, 'STG ambient')).toMatch(/\$134\.07 │\s+\$174\.07 │\s+\+\$40\.00 │\s+\+29\.8% │/);
    expect(lineWith(out, 'PRD ambient')).toMatch(/\$538\.00 │\s+\$538\.00 │\s+\$0\.00 │/);
    const first = out.slice(0, out.indexOf('By component:'));
    expect(first.split('\n').filter((l) => l.startsWith('│'))).toHaveLength(1 + 3 + 2 * 3);
  });

  it('table: the change per component and per namespace, the largest first', async () => {
    const out = await renderDiff('table', sampleDiff());
    const components = out.slice(out.indexOf('By component:'), out.indexOf('By namespace'));
    // ztunnels: PRD 350 + STG 60 = 410 → 350 + 100 = 450
    expect(lineWith(components, ' ztunnel ')).toMatch(/│ ambient │ ztunnel\s+│\s+\$410\.00 │\s+\$450\.00 │\s+\+\$40\.00 │\s+\+9\.8% │/);
    expect(lineWith(components, ' cni ')).toMatch(/\$130\.00 │\s+\$130\.00 │\s+\$0\.00 │/);
    const namespaces = out.slice(out.indexOf('By namespace'));
    // only istio-system moved: ambient 596 → 636
    expect(namespaces.split('\n').filter((l) => l.startsWith('│ ') && !l.startsWith('│ Namespace'))).toHaveLength(1);
    expect(lineWith(namespaces, 'istio-system')).toMatch(/\$596\.00 │\s+\$636\.00 │\s+\+\$40\.00 │/);
  });

  it('says when the two reports were computed with different settings', async () => {
    const now = sampleReport();
    now.inputs.profile = 'olx-india';
    now.tool = { name: 'mesh-cost', version: '0.2.0' };
    const diff = diffReports({ report: sampleReport(), label: 'old.json' }, { report: now, label: 'new.json' });
    const out = await renderDiff('table', diff);
    expect(out).toContain('The two reports were computed with different settings, so part of the change is theirs:\n  profile: istio-1.24 → olx-india\n  mesh-cost version: 0.1.0 → 0.2.0\n');
    expect(await renderDiff('markdown', diff)).toContain('> - profile: istio-1.24 → olx-india');
    expect(await renderDiff('table', sampleDiff())).not.toContain('different settings');
  });

  it('says when the scope differs', async () => {
    const [old, now] = [sampleReport(), sampleReport()];
    old.inputs.scope = { mode: 'mesh', reason: 'labels', namespaces: 4 };
    now.inputs.scope = { mode: 'all', reason: '--scope all', namespaces: 12 };
    const diff = diffReports({ report: old, label: 'old.json' }, { report: now, label: 'new.json' });
    expect(await renderDiff('table', diff)).toContain('different settings, so part of the change is theirs:\n  scope: mesh, 4 namespaces → all, 12 namespaces\n');
    expect(await renderDiff('markdown', diff)).toContain('> - scope: mesh, 4 namespaces → all, 12 namespaces');
  });

  it('writes n/a where the old figure is zero', async () => {
    const diff = sampleDiff();
    diff.environments[0]!.sidecar = { old: 0, new: 10, change: 10, changePercent: null };
    expect(lineWith(await renderDiff('table', diff), 'PRD sidecar')).toMatch(/\+\$10\.00 │\s+n\/a │/);
  });

  it('markdown: the ambient change as headline, then the table', async () => {
    const out = await renderDiff('markdown', sampleDiff());
    expect(out.split('\n')[0]).toBe('### Ambient monthly cost: \\$672.07 → \\$712.07 (+\\$40.00, +6.0%)');
    expect(out).toContain('|  | Old | New | Change | Change % |\n| :--- | ---: | ---: | ---: | ---: |');
    expect(lineWith(out, '| STG ambient')).toBe('| STG ambient | \\$134.07 | \\$174.07 | +\\$40.00 | +29.8% |');
    expect(lineWith(out, '| ambient | ztunnel')).toBe('| ambient | ztunnel | \\$410.00 | \\$450.00 | +\\$40.00 | +9.8% |');
    expect(lineWith(out, '| istio-system')).toBe('| istio-system | \\$56.00 | \\$56.00 | \\$596.00 | \\$636.00 | +\\$40.00 |');
  });

  it('json: the diff as data', async () => {
    const diff = sampleDiff();
    expect(JSON.parse(await renderDiff('json', diff))).toEqual(diff);
  });

  it('lists the --set what-ifs of each report under the table, in table and markdown', async () => {
    const now = sampleReport();
    now.overrides = [{ key: 'prices.CPU', value: '0.05', was: '0.031611' }];
    const diff = diffReports({ report: sampleReport(), label: 'old.json' }, { report: now, label: 'new.json' });
    expect((await renderDiff('table', diff)).trimEnd().split('\n').at(-1)).toBe('what-ifs in new.json: prices.CPU=0.05 (was 0.031611)');
    expect(await renderDiff('markdown', diff)).toContain('\nwhat-ifs in new.json: prices.CPU=0.05 (was 0.031611)\n');
    expect(await renderDiff('table', sampleDiff())).not.toContain('what-ifs');
  });
});

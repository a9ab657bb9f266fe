import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.js';
import { render, type RenderOptions } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

const plain: RenderOptions = { groupBy: 'environment', color: false };
const table = (report: Report = sampleReport(), options: RenderOptions = plain) => render('table', report, options);
const lineWith = (out: string, text: string) => out.split('\n').find((l) => l.includes(text)) ?? '';

describe('table renderer', () => {
  it('has no ANSI escape at all without colour, and some with it', async () => {
    expect(await table()).not.toMatch(/\u001b\[/);
    expect(await table(sampleReport(), { ...plain, color: true })).toMatch(/\u001b\[/);
  });

  it('lays out the same with colour, once the escapes are stripped', async () => {
    const colored = await table(sampleReport(), { ...plain, color: true });
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(await table());
  });

  it('states basis, currency and hours in the title, and no date anywhere', async () => {
    const out = await table();
    expect(out.split('\n')[0]).toBe('mesh-cost — sidecar vs ambient (max basis, USD, 730 h/month)');
    expect(out).not.toContain('2025');
    expect(out).toBe(await table()); // deterministic
    expect(out.endsWith('\n')).toBe(true);
  });

  it('formats the headline figures', async () => {
    const out = await table();
    expect(lineWith(out, 'Proxies')).toMatch(/3,600 .* 290 ztunnel \+ 28 waypoint .* -3,282/);
    expect(lineWith(out, 'vCPU')).toMatch(/721\.0 .* 102\.0 .* -619\.0/);
    expect(lineWith(out, 'Memory (GiB)')).toMatch(/215\.0 .* 184\.3 .* -30\.7/);
    expect(lineWith(out, 'Cross-zone / month')).toMatch(/— .* \$10\.00 .* \+\$10\.00/);
    expect(lineWith(out, 'Monthly cost')).toMatch(/\$6,000\.00 .* \$672\.07 .* -\$5,327\.93/);
    expect(out).toContain('Ambient saves $5,327.93/month (88.8%)');
  });

  it('says when ambient costs more, and n/a without a sidecar baseline', async () => {
    const report = sampleReport();
    report.savings = { monthlyCost: -12.5, percent: null };
    expect(await table(report)).toContain('Ambient costs $12.50/month more (n/a)');
  });

  it('shows both cross-zone variants and marks the counted one', async () => {
    const report = sampleReport();
    let out = await table(report);
    expect(lineWith(out, ' none ')).toMatch(/3,500 GiB → \$70\.00\/month$/);
    expect(lineWith(out, 'preferClose ')).toMatch(/500 GiB → \$10\.00\/month {2}\(counted\)$/);
    report.crossZone.locality = 'none';
    out = await table(report);
    expect(lineWith(out, ' none ')).toContain('(counted)');
    expect(lineWith(out, 'preferClose ')).not.toContain('(counted)');
  });

  it('draws bars proportional to the totals, the larger 40 wide', async () => {
    const blocks = (line: string) => [...line].filter((ch) => ch === '█').length;
    const out = await table();
    expect(blocks(lineWith(out, 'Sidecar  '))).toBe(40);
    expect(blocks(lineWith(out, 'Ambient  '))).toBe(Math.round((40 * 672.07) / 6000));
    expect(lineWith(out, 'Ambient  ')).toMatch(/ {2}\$672\.07$/);

    const report = sampleReport();
    report.sidecar.monthlyCost = 0;
    report.ambient.monthlyCost = 0;
    const empty = await table(report);
    expect(blocks(lineWith(empty, 'Sidecar  ')) + blocks(lineWith(empty, 'Ambient  '))).toBe(0);
  });

  it('breaks the figures down by the chosen grouping', async () => {
    const byEnv = await table();
    expect(byEnv).toContain('By environment:');
    expect(byEnv).toContain('Environment');
    expect(lineWith(byEnv, '│ PRD')).toMatch(/3,000 .* \$4,978\.00 .* 220 .* \$538\.00 .* \$4,440\.00 .* 89\.2%/);
    expect(lineWith(byEnv, '│ STG')).toMatch(/600 .* \$1,022\.00 .* 98 .* \$134\.07 .* \$887\.93 .* 86\.9%/);

    const byNs = await table(sampleReport(), { ...plain, groupBy: 'namespace' });
    expect(byNs).toContain('Namespace');
    expect(byNs).toContain('istio-system');
    expect(lineWith(await table(sampleReport(), { ...plain, groupBy: 'cluster' }), '│ stg-eks')).toContain('98');
  });

  it('lists the warnings', async () => {
    expect(await table()).toContain('! 3 Job workloads are meshed (first: prd-eks/batch/nightly)');
  });

  it('says what mesh runs today, when the inventory shows it, within 100 characters a line', async () => {
    expect(await table()).not.toContain('Mesh today');
    const report = sampleReport();
    const ns = (namespace: string, label: string) => ({ cluster: 'prd-eks', namespace, label });
    report.mesh = {
      sidecarsSeen: 3600,
      labelledNamespaces: [
        ns('checkout', 'istio-injection=enabled'),
        ns('payments', 'istio.io/rev=1-24-2'),
        ...Array.from({ length: 12 }, (_, i) => ns(`team-${i}-${'x'.repeat(20)}`, 'istio-injection=enabled')),
      ],
    };
    const out = await table(report);
    expect(out).toContain("Mesh today: 3,600 istio-proxy sidecars running; their requests replace the profile's.");
    const section = out.slice(out.indexOf('Namespaces labelled for the mesh:')).split('\n\n')[0]!.split('\n');
    expect(section[1]).toMatch(/^  istio-injection=enabled: checkout, team-0-x+, /);
    expect(section.at(-2)).toMatch(/^    .*team-8-x+, and 3 more$/);
    expect(section.at(-1)).toBe('  istio.io/rev=1-24-2: payments');
    for (const line of section) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('keeps every line within 100 characters, even with 63-character namespaces', async () => {
    const report = sampleReport();
    for (const item of report.lineItems) if (item.namespace === 'checkout') item.namespace = 'n'.repeat(63);
    report.sidecar.monthlyCost = 123_456_789.12; // widest plausible money cells
    for (const groupBy of ['environment', 'namespace'] as const) {
      const out = await table(report, { groupBy, color: false });
      for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });

  it('fits a narrower terminal: every line within `width` (80), 63-character namespaces and all', async () => {
    const report = sampleReport();
    for (const item of report.lineItems) if (item.namespace === 'checkout') item.namespace = 'n'.repeat(63);
    report.sidecar.monthlyCost = 123_456_789.12;
    for (const groupBy of ['environment', 'namespace'] as const) {
      const out = await table(report, { groupBy, color: false, width: 80 });
      for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('says what was used under the title', async () => {
    const lines = (await table()).split('\n');
    expect(lines.slice(2, 4)).toEqual(['Profile istio-1.24 · prices opencost-default · mesh-cost 0.1.0', 'Inputs: nodes.csv, workloads.csv']);
  });

  it('leaves the warnings out when told stderr has shown them', async () => {
    expect(await table(sampleReport(), { ...plain, listWarnings: false })).not.toContain('Job workloads are meshed');
    expect(await table()).toContain('! 3 Job workloads are meshed');
  });

  it('heads the breakdown with the report’s currency', async () => {
    const report = sampleReport();
    report.currency = 'EUR';
    const out = await table(report);
    expect(out).toMatch(/€\/mo/);
    expect(out).not.toContain('$');
  });

  it('spreads the shared costs by namespace and says so', async () => {
    const out = await table(sampleReport(), { ...plain, groupBy: 'namespace' });
    // checkout: sidecar 4,340.67, ambient 512.74 (worked out in group.test.ts)
    expect(lineWith(out, '│ checkout')).toMatch(/│ checkout\s+│\s+2,600 │\s+\$4,340\.67 │\s+251 │\s+\$512\.74 │/);
    expect(out).not.toMatch(/│ istio-system/);
    expect(out).toContain('ztunnel, istio-cni and istiod (each mode its own) are spread over the namespaces');
  });
});

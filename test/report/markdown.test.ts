import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.js';
import { render, type RenderOptions } from '../../src/report/index.js';
import { MAX_MARKDOWN_CHARS } from '../../src/report/markdown.js';
import { sampleReport } from './sample-report.js';

const options: RenderOptions = { groupBy: 'environment', color: true };
const markdown = (report: Report = sampleReport(), o: RenderOptions = options) => render('markdown', report, o);
const lineWith = (out: string, text: string) => out.split('\n').find((l) => l.includes(text)) ?? '';

describe('markdown renderer', () => {
  it('opens with the headline, dollars escaped so GitHub does not read them as math', async () => {
    const out = await markdown();
    expect(out.split('\n')[2]).toBe('### Ambient would save \\$5,327.93/month (88.8%)');
    expect(out).toContain('max basis, USD, 730 h/month');
    expect(out).not.toMatch(/\u001b\[/);
    expect(out.endsWith('</details>\n\n')).toBe(true);
  });

  it('says what ambient would cost more, and leaves out the percent when there is none', async () => {
    const report = sampleReport();
    report.savings = { monthlyCost: -12.5, percent: -3.2 };
    expect((await markdown(report)).split('\n')[2]).toBe('### Ambient would cost \\$12.50/month more (3.2%)');
    report.savings = { monthlyCost: -12.5, percent: null };
    expect((await markdown(report)).split('\n')[2]).toBe('### Ambient would cost \\$12.50/month more');
  });

  it('has the comparison table', async () => {
    const out = await markdown();
    expect(out).toContain('|  | Sidecar | Ambient | Δ |\n| :--- | ---: | ---: | ---: |');
    expect(lineWith(out, '| Proxies')).toBe('| Proxies | 3,600 | 290 ztunnel + 28 waypoint | -3,282 |');
    expect(lineWith(out, '| Monthly cost')).toBe('| Monthly cost | \\$6,000.00 | \\$672.07 | -\\$5,327.93 |');
  });

  it('has the per-environment table, or the grouping asked for', async () => {
    const out = await markdown();
    expect(out).toContain('#### By environment');
    expect(lineWith(out, '| PRD |')).toBe('| PRD | 3,000 | \\$4,978.00 | 220 | \\$538.00 | \\$4,440.00 | 89.2% |');
    expect(lineWith(out, '| STG |')).toBe('| STG | 600 | \\$1,022.00 | 98 | \\$134.07 | \\$887.93 | 86.9% |');
    const byNs = await markdown(sampleReport(), { ...options, groupBy: 'namespace' });
    expect(byNs).toContain('#### By namespace');
    // the shared components spread by meshed pods (test/report/group.test.ts works the figures out):
    // checkout 4,340.67 vs 512.74, saving 3,827.93 = 88.2%; search 1,659.33 vs 159.33, saving 1,500 = 90.4%
    expect(lineWith(byNs, '| checkout |')).toBe('| checkout | 2,600 | \\$4,340.67 | 251 | \\$512.74 | \\$3,827.93 | 88.2% |');
    expect(lineWith(byNs, '| search |')).toBe('| search | 1,000 | \\$1,659.33 | 67 | \\$159.33 | \\$1,500.00 | 90.4% |');
    expect(byNs.slice(byNs.indexOf('#### By namespace'), byNs.indexOf('<details>'))).not.toContain('| istio-system |');
    expect(byNs).toContain("_ztunnel, istio-cni and istiod (each mode its own) are spread over the namespaces in proportion to their meshed pods, OpenCost's convention for shared costs; the line items keep them in istio-system._");
  });

  it('folds the line items into a collapsed <details>, one row each', async () => {
    const report = sampleReport();
    const out = await markdown(report);
    const details = out.slice(out.indexOf('<details>'));
    expect(details.startsWith('<details><summary>Line items (14)</summary>\n\n')).toBe(true);
    expect(details).not.toContain('<details open');
    const rows = details.split('\n').filter((l) => l.startsWith('| sidecar') || l.startsWith('| ambient'));
    expect(rows).toHaveLength(report.lineItems.length);
    expect(rows[0]).toBe('| sidecar | sidecar | PRD | prd-eks | checkout | 2,000 | 400.00 | 117.20 | \\$3,300.00 |');
  });

  it('lists the warnings', async () => {
    expect(await markdown()).toContain('- **warning:** 3 Job workloads are meshed (first: prd-eks/batch/nightly)');
  });

  it('escapes markdown and HTML in names taken from the input', async () => {
    const report = sampleReport();
    for (const item of report.lineItems) item.environment = '<img src=x>|*bold*_x_`code`';
    const out = await markdown(report);
    expect(out).not.toMatch(/(^|[^\\])<img/); // only escaped, as \<img
    expect(lineWith(out, '| \\<img')).toMatch(/^\| \\<img src=x\\>\\\|\\\*bold\\\*\\_x\\_\\`code\\` \| 3,600 \|/);
  });

  it('stays under GitHub\'s comment limit, saying how many line items it left out', async () => {
    const report = sampleReport();
    const item = report.lineItems[0]!;
    report.lineItems = Array.from({ length: 5000 }, (_, i) => ({ ...item, namespace: `namespace-number-${i}` }));
    const out = await markdown(report);
    expect(out.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS);
    const shown = out.split('\n').filter((l) => l.startsWith('| sidecar')).length;
    expect(shown).toBeGreaterThan(100);
    expect(shown).toBeLessThan(5000);
    expect(out).toContain(`${(5000 - shown).toLocaleString('en-US')} more line items left out to fit a comment: \`-f csv\` lists them all.`);
    expect(out.endsWith('</details>\n\n')).toBe(true);
  });

  it('starts with the hidden marker a CI job finds its comment by', async () => {
    expect((await markdown()).startsWith('<!-- mesh-cost -->\n\n### ')).toBe(true);
  });

  it('says what was used: profile, prices, inputs, basis and the mesh-cost version', async () => {
    expect(lineWith(await markdown(), '**Profile:**')).toBe(
      '**Profile:** istio-1.24 · **Prices:** opencost-default · **Inputs:** nodes.csv, workloads.csv · **mesh-cost:** 0.1.0',
    );
  });

  it('shows both locality figures, the counted one marked', async () => {
    const out = await markdown();
    expect(lineWith(out, '| none |')).toBe('| none | 3,500 GiB | \\$70.00 | not counted |');
    expect(lineWith(out, '| preferClose |')).toBe('| preferClose | 500 GiB | \\$10.00 | counted |');
  });

  it('heads money columns with the report’s currency', async () => {
    const report = sampleReport();
    report.currency = 'EUR';
    const out = await markdown(report);
    expect(out).toContain('| Environment | Sidecar proxies | Sidecar €/mo | Ambient proxies | Ambient €/mo | Savings | % |');
    expect(out).toContain('| Namespace | Count | vCPU | Memory (GiB) | €/month |');
    expect(out).not.toContain('$');
  });

  it('lists the budget gates with their results when given', async () => {
    const out = await markdown(sampleReport(), {
      ...options,
      verdicts: [
        { gate: 'budget', ok: true, figure: 672.07, limit: 700 },
        { gate: 'min-savings', ok: false, figure: 88.79883333333333, limit: 90 },
      ],
    });
    expect(out).toContain('#### Budget gates: 1 of 2 broken');
    expect(lineWith(out, '| budget |')).toBe('| budget | ✅ passed | ambient monthly cost \\$672.07, limit \\$700.00 |');
    expect(lineWith(out, '| min-savings |')).toBe('| min-savings | ❌ broken | savings 88.8% of the sidecar cost, limit 90.0% |');
    expect(await markdown()).not.toContain('Budget gates');
  });

  it('shows the top rows and an "others" row, the rest listed in a collapsed <details>', async () => {
    const report = sampleReport();
    const item = report.lineItems[0]!;
    // 12 namespaces costing 12, 11, … 1: the top 10, then "2 others" = 2 + 1
    report.lineItems = Array.from({ length: 12 }, (_, i) => ({ ...item, namespace: `team-${i + 1}`, monthlyCost: 12 - i }));
    const out = await markdown(report, { ...options, groupBy: 'namespace' });
    const table = out.slice(out.indexOf('#### By namespace'), out.indexOf('<details>'));
    expect(table.split('\n').filter((l) => l.startsWith('| team-'))).toHaveLength(10);
    expect(lineWith(table, '| 2 others |')).toBe('| 2 others | 4,000 | \\$3.00 | 0 | \\$0.00 | \\$3.00 | 100.0% |');
    const rest = out.slice(out.indexOf('<details><summary>The 2 namespaces in "others"</summary>'));
    expect(lineWith(rest, '| team-11 |')).toBe('| team-11 | 2,000 | \\$2.00 | 0 | \\$0.00 | \\$2.00 | 100.0% |');
  });

  it('stays under the comment limit with thousands of namespaces in "others"', async () => {
    const report = sampleReport();
    const item = report.lineItems[0]!;
    report.lineItems = Array.from({ length: 5000 }, (_, i) => ({ ...item, namespace: `namespace-number-${i}` }));
    const out = await markdown(report, { ...options, groupBy: 'namespace' });
    expect(out.length).toBeLessThanOrEqual(MAX_MARKDOWN_CHARS);
    expect(out).toMatch(/\n[\d,]+ more namespaces left out to fit a comment/);
  });

  it('says what mesh runs today, when the inventory shows it', async () => {
    const report = sampleReport();
    report.mesh = { sidecarsSeen: 0, labelledNamespaces: [{ cluster: 'c', namespace: 'shop', label: 'istio.io/dataplane-mode=ambient' }] };
    const out = await markdown(report);
    expect(out).toContain('Mesh today: 0 istio-proxy sidecars running.');
    expect(out).toContain('| istio.io/dataplane-mode=ambient | shop |');
  });
});

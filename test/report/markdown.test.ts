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
    expect(out.split('\n')[0]).toBe('### Ambient would save \\$5,327.93/month (88.8%)');
    expect(out).toContain('max basis, USD, 730 h/month');
    expect(out).not.toMatch(/\u001b\[/);
    expect(out.endsWith('</details>\n\n')).toBe(true);
  });

  it('says what ambient would cost more, and leaves out the percent when there is none', async () => {
    const report = sampleReport();
    report.savings = { monthlyCost: -12.5, percent: -3.2 };
    expect((await markdown(report)).split('\n')[0]).toBe('### Ambient would cost \\$12.50/month more (3.2%)');
    report.savings = { monthlyCost: -12.5, percent: null };
    expect((await markdown(report)).split('\n')[0]).toBe('### Ambient would cost \\$12.50/month more');
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
    expect(lineWith(byNs, '| istio-system |')).toBe('| istio-system | 0 | \\$56.00 | 290 | \\$596.00 | -\\$540.00 | -964.3% |');
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
});

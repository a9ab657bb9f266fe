import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.js';
import { render, type RenderOptions } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

const options: RenderOptions = { groupBy: 'environment', color: true };
const html = (report: Report = sampleReport(), o: RenderOptions = options) => render('html', report, o);

/** The SVG's bars: fill colour and width, in document order. */
function bars(out: string): { fill: string; width: number }[] {
  const svg = /<svg[^>]*>.*<\/svg>/s.exec(out)![0];
  return [...svg.matchAll(/<rect x="0" y="\d+" width="([\d.]+)" height="14" fill="(#[0-9a-f]{6})">/g)].map((m) => ({
    width: Number(m[1]),
    fill: m[2]!,
  }));
}

describe('html renderer', () => {
  it('is one complete document with the headline as title and heading', async () => {
    const out = await html();
    expect(out.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(out.endsWith('</html>\n')).toBe(true);
    expect(out).toContain('<meta charset="utf-8">');
    expect(out).toContain('<title>mesh-cost: Ambient would save $5,327.93/month (88.8%)</title>');
    expect(out).toContain('<h1 class="saves">Ambient would save $5,327.93/month (88.8%)</h1>');
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('makes no request: no script, no external reference, and a CSP that forbids any', async () => {
    const out = await html();
    expect(out).not.toMatch(/https?:\/\//);
    expect(out).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(out).not.toMatch(/\b(src|href)=/i);
    expect(out).not.toMatch(/url\(|@import/i);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('draws sidecar and ambient bars per environment on one scale, the largest full width', async () => {
    const out = await html();
    expect(out).toContain('<h2>Monthly cost by environment</h2>');
    const b = bars(out);
    // PRD sidecar, PRD ambient, STG sidecar, STG ambient; the bars span 420 − 92 (value labels) = 328 units
    expect(b.map((x) => x.fill)).toEqual(['#d97706', '#059669', '#d97706', '#059669']);
    expect(b[0]!.width).toBe(328);
    expect(b[1]!.width).toBeCloseTo((328 * 538) / 4978, 1);
    expect(b[2]!.width).toBeCloseTo((328 * 1022) / 4978, 1);
    expect(b[3]!.width).toBeCloseTo((328 * 134.07) / 4978, 1);
    expect(out).toMatch(/<title>PRD<\/title>PRD<\/text>.*\$4,978\.00.*\$538\.00/s);
  });

  it('draws no bar for a zero cost, and a one-pixel bar for a tiny one', async () => {
    const report = sampleReport();
    report.lineItems = report.lineItems.filter((i) => i.environment === 'PRD');
    for (const i of report.lineItems) if (i.mode === 'ambient') i.monthlyCost = i.component === 'ztunnel' ? 0.01 : 0;
    const [sidecar, ambient] = bars(await html(report));
    expect(sidecar!.width).toBe(328);
    expect(ambient!.width).toBe(1);
    for (const i of report.lineItems) i.monthlyCost = 0;
    expect(bars(await html(report)).map((b) => b.width)).toEqual([0, 0]);
  });

  it('splits the cost by component with each one\'s share of its mode', async () => {
    const out = await html();
    const split = out.slice(out.indexOf('<h2>Cost by component</h2>'), out.indexOf('<section id="line-items">'));
    expect(split).toContain(
      '<tr><td class="text">ambient</td><td class="text">ztunnel</td><td>290</td><td>58.0</td><td>145.0</td><td>$410.00</td><td>61.0%</td></tr>',
    );
    expect(split).toContain('<td class="text">sidecar</td><td class="text">controlPlane</td><td>2</td>');
    expect(split.match(/<tr>/g)).toHaveLength(1 + 7); // head + sidecar, controlPlane, ztunnel, cni, waypoint, controlPlane, crossZone
  });

  it('has the comparison, breakdown and line-item tables, and the warnings', async () => {
    const out = await html();
    expect(out).toContain('<tr class="total"><td class="text">Monthly cost</td><td>$6,000.00</td><td>$672.07</td><td>-$5,327.93</td></tr>');
    expect(out).toContain('<tr><td class="text">STG</td><td>600</td><td>$1,022.00</td><td>98</td><td>$134.07</td><td>$887.93</td><td>86.9%</td></tr>');
    expect(out).toContain('<details><summary>14 line items</summary>');
    expect(out.slice(out.indexOf('<details>')).match(/<tr>/g)).toHaveLength(1 + 14);
    expect(out).toContain('<li class="warning">3 Job workloads are meshed (first: prd-eks/batch/nightly)</li>');
  });

  it('escapes every name taken from the input', async () => {
    const report = sampleReport();
    const hostile = `"><script src="https://evil.example/x.js"></script>&'`;
    for (const item of report.lineItems) item.environment = hostile;
    report.warnings[0]!.example = hostile;
    const out = await html(report);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('src="https://');
    expect(out).toContain('&quot;&gt;&lt;script src=&quot;https://evil.example/x.js&quot;&gt;&lt;/script&gt;&amp;&#39;');
  });

  it('shortens long names in the chart, keeping the full name as its tooltip', async () => {
    const report = sampleReport();
    const long = 'an-environment-name-that-goes-on-and-on';
    for (const item of report.lineItems) item.environment = long;
    const out = await html(report);
    expect(out).toContain(`<title>${long}</title>${long}</text>`);
    const longer = long.repeat(2);
    for (const item of report.lineItems) item.environment = longer;
    expect(await html(report)).toContain(`<title>${longer}</title>${longer.slice(0, 59)}…</text>`);
  });

  it('says what was used, in a list under the headline', async () => {
    expect(await html()).toContain(
      '<dl class="used"><dt>Profile</dt><dd>istio-1.24</dd><dt>Prices</dt><dd>opencost-default</dd><dt>Inputs</dt><dd>nodes.csv, workloads.csv</dd><dt>mesh-cost</dt><dd>0.1.0</dd></dl>',
    );
  });

  it('shows both locality figures and heads money columns with the report’s currency', async () => {
    const report = sampleReport();
    report.currency = 'EUR';
    const out = await html(report);
    expect(out).toContain('<tr><td class="text">none</td><td>3,500 GiB</td><td>€70.00</td><td class="text">not counted</td></tr>');
    expect(out).toContain('<th>Sidecar €/mo</th>');
    expect(out).not.toContain('$');
  });

  it('scales the chart to the page and lets wide tables scroll in their own box', async () => {
    const out = await html();
    expect(out).toMatch(/<svg class="chart" role="img" aria-label="[^"]+" viewBox="0 0 420 \d+" width="100%"/);
    expect(out).not.toMatch(/<svg[^>]* width="\d+"/);
    expect(out.match(/<table>/g)!.length).toBe(out.match(/<div class="scroll"><table>/g)!.length);
  });

  it('shows the budget gates when given', async () => {
    const out = await html(sampleReport(), { ...options, verdicts: [{ gate: 'budget', ok: false, figure: 672.07, limit: 600 }] });
    expect(out).toContain('<tr><td class="text">budget</td><td class="text broken">broken</td><td class="text">ambient monthly cost $672.07, limit $600.00</td></tr>');
  });

  it('says what mesh runs today, when the inventory shows it', async () => {
    const report = sampleReport();
    report.mesh = { sidecarsSeen: 12, labelledNamespaces: [{ cluster: 'c', namespace: 'shop', label: 'istio-injection=enabled' }, { cluster: 'c', namespace: 'pay', label: 'istio-injection=enabled' }] };
    const out = await html(report);
    expect(out).toContain(`<section id="mesh-today"><h2>The mesh today</h2><p>Mesh today: 12 istio-proxy sidecars running; their requests replace the profile&#39;s.</p>`);
    expect(out).toContain('<tr><td class="text">istio-injection=enabled</td><td class="text wrap">shop, pay</td></tr>');
    expect(await html()).not.toContain('mesh-today');
  });
});

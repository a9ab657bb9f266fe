/**
 * What the table, markdown and html say about the mesh as the inventory shows it: the
 * scope and its reason, today's mix and what is still to save, the mesh infrastructure
 * left out, the pods that keep their sidecar, and the readiness findings.
 */
import { describe, expect, it } from 'vitest';
import type { ReadinessFinding, Report } from '../../src/model/types.js';
import { render, type RenderOptions } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

const plain: RenderOptions = { groupBy: 'environment', color: false };
const FORMATS = ['table', 'markdown', 'html'] as const;

const REASON = 'the inventory shows the mesh today (3 namespaces labelled for the mesh, 3,000 pods running istio-proxy): those namespaces, less the pods opted out';

function finding(n: number): ReadinessFinding {
  return { cluster: 'prd-eks', namespace: 'checkout', kind: 'EnvoyFilter', name: `filter-${n}`, finding: `configures sidecar Envoys (${n})` };
}

/** The sample report as a kubectl inventory would give it: scope, today, infrastructure, pods kept, findings. */
function meshReport(readiness = 2): Report {
  const r = sampleReport();
  r.inputs.scope = { mode: 'mesh', reason: REASON, namespaces: 3 };
  r.inputs.infrastructure = [
    { component: 'istiod', clusters: 1, pods: 1 },
    { component: 'ztunnel', clusters: 2, pods: 290 },
  ];
  r.ambient.sidecarsKept = 4;
  // ambient costs $672.07: $5,000.00 − $672.07 = $4,327.93 still to save
  r.today = { monthlyCost: 5000, sidecars: 3000, ambientNamespaces: 1, stillToSave: 4327.93 };
  r.readiness = Array.from({ length: readiness }, (_, i) => finding(i + 1));
  return r;
}

describe('the mesh as the inventory shows it, in table, markdown and html', () => {
  it.each(FORMATS)('%s names the scope and its reason among what was used', async (format) => {
    const out = await render(format, meshReport(), plain);
    // the table wraps long lines: compare with the whitespace folded
    const text = out.replace(/\s+/g, ' ');
    expect(text).toContain('Scope');
    expect(text).toContain(`mesh (3 namespaces) — ${REASON}`.replace(/\s+/g, ' '));
  });

  it.each(FORMATS)("%s shows today's mix and what is still to save", async (format) => {
    // html writes the apostrophe as &#39;
    const text = (await render(format, meshReport(), plain)).replace(/\s+/g, ' ').replaceAll('&#39;', "'");
    expect(text).toContain("Today's mix (3,000 sidecars, 1 namespace already ambient) costs $5,000.00/month; still to save with ambient: $4,327.93/month.".replace(/\$/g, format === 'markdown' ? '\\$' : '$'));
  });

  it('says when ambient would cost more than today', async () => {
    const r = meshReport();
    // today $600.00 − ambient $672.07 = −$72.07
    r.today = { monthlyCost: 600, sidecars: 1, ambientNamespaces: 2, stillToSave: -72.07 };
    const text = (await render('table', r, plain)).replace(/\s+/g, ' ');
    expect(text).toContain("Today's mix (1 sidecar, 2 namespaces already ambient) costs $600.00/month; ambient would cost $72.07/month more than today.");
  });

  it.each(FORMATS)('%s lists the mesh infrastructure left out and the pods that keep their sidecar', async (format) => {
    const text = (await render(format, meshReport(), plain)).replace(/\s+/g, ' ');
    expect(text).toContain('Mesh infrastructure seen and left out of the workloads: 1 istiod pod, 290 ztunnel pods in 2 clusters.');
    expect(text).toContain('4 meshed pods on nodes no ztunnel can serve keep their sidecar in the ambient column.');
  });

  it.each(FORMATS)('%s says none of it for a report without scope, today, infrastructure or pods kept', async (format) => {
    const r = sampleReport();
    r.ambient.sidecarsKept = 0;
    r.inputs.infrastructure = [];
    const out = await render(format, r, plain);
    for (const text of ['Scope', "Today's mix", 'Mesh infrastructure', 'keep their sidecar', 'Readiness']) expect(out).not.toContain(text);
  });

  it('table: the readiness count and the first five findings, then how many more', async () => {
    const out = await render('table', meshReport(7), { ...plain, width: 100 });
    expect(out).toContain('Readiness: 7 objects of the Istio configuration do not carry over to ambient as they are:');
    expect(out).toContain('- prd-eks/checkout EnvoyFilter/filter-1: configures sidecar Envoys (1)');
    expect(out).toContain('- prd-eks/checkout EnvoyFilter/filter-5: configures sidecar Envoys (5)');
    expect(out).not.toContain('filter-6');
    // 7 − 5 shown
    expect(out).toContain('and 2 more findings (`-f json` lists them all)');
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('table: one finding reads in the singular and has no "more" line', async () => {
    const out = await render('table', meshReport(1), plain);
    expect(out).toContain('Readiness: 1 object of the Istio configuration does not carry over to ambient as it is:');
    expect(out).not.toContain('more finding');
  });

  it('markdown: the findings in a collapsed <details> counted in its summary, at most 20', async () => {
    const out = await render('markdown', meshReport(23), plain);
    expect(out).toContain('<details><summary>Readiness: 23 objects of the Istio configuration do not carry over to ambient as they are</summary>');
    expect(out).toContain('| prd-eks/checkout | EnvoyFilter/filter-20 | configures sidecar Envoys (20) |');
    expect(out).not.toContain('filter-21');
    // 23 − 20 shown
    expect(out).toContain('and 3 more findings (\\`-f json\\` lists them all)');
  });

  it('html: a readiness section listing every finding, escaped', async () => {
    const r = meshReport(3);
    r.readiness![0]!.name = '<script>';
    const out = await render('html', r, plain);
    const section = out.slice(out.indexOf('<section id="readiness">'));
    expect(section).toContain('<h2>Readiness for ambient</h2><p>3 objects of the Istio configuration do not carry over to ambient as they are.</p>');
    expect(section).toContain('<li><strong>EnvoyFilter/&lt;script&gt;</strong> <span class="where">(prd-eks/checkout)</span>: configures sidecar Envoys (1)</li>');
    expect(section).toContain('configures sidecar Envoys (3)');
    expect(out).not.toContain('<script>');
  });
});

import { describe, expect, it } from 'vitest';
import { FORMATS, render, renderers } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

const options = { groupBy: 'environment', color: true } as const;

describe('json renderer', () => {
  it('round-trips the report and ends with a newline', async () => {
    const report = sampleReport();
    const out = await render('json', report, options);
    expect(out.endsWith('}\n')).toBe(true);
    // the one float with noise-level digits, 88.79883333333333, keeps twelve significant ones
    expect(JSON.parse(out)).toEqual({ ...report, savings: { ...report.savings, percent: 88.7988333333 } });
  });

  it('writes no float noise, keeping what the figures mean', async () => {
    const report = sampleReport();
    report.sidecar.vcpu = 720.0000000000005;
    report.ambient.vcpu = 0.1 + 0.2; // 0.30000000000000004
    report.ambient.memoryGiB = 0.000123456789;
    const out = await render('json', report, options);
    expect(out).toContain('"vcpu": 720,');
    expect(out).toContain('"vcpu": 0.3,');
    expect(out).toContain('"memoryGiB": 0.000123456789,');
    expect(out).not.toMatch(/\d\.\d{13,}/);
    expect(report.sidecar.vcpu).toBe(720.0000000000005); // the model's figure itself is untouched
  });

  it('ignores colour: JSON never carries ANSI codes', async () => {
    expect(await render('json', sampleReport(), options)).not.toMatch(/\u001b\[/);
  });
});

describe('renderer map', () => {
  it('lists its formats from the map and loads each one lazily', async () => {
    expect(FORMATS).toEqual(Object.keys(renderers));
    expect(FORMATS).toEqual(['table', 'json', 'csv', 'markdown', 'html']);
    for (const format of FORMATS) expect(typeof (await renderers[format]())).toBe('function');
  });
});

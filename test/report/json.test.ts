import { describe, expect, it } from 'vitest';
import { FORMATS, render, renderers } from '../../src/report/index.js';
import { sampleReport } from './sample-report.js';

const options = { groupBy: 'environment', color: true } as const;

describe('json renderer', () => {
  it('round-trips the report and ends with a newline', async () => {
    const report = sampleReport();
    const out = await render('json', report, options);
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual(report);
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

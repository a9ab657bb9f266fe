import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.js';
import { render } from '../../src/report/index.js';
import { reportArb } from '../model/scenarios.js';
import { sampleReport } from './sample-report.js';

const csv = (report: Report) => render('csv', report, { groupBy: 'environment', color: true });
const rowsOf = (text: string): string[][] => parse(text, { relaxQuotes: false });

const HEADER = [
  'mode', 'component', 'environment', 'cluster', 'namespace', 'count', 'vcpu', 'memory_gib', 'monthly_cost', 'currency',
  'cross_zone_none_monthly_cost', 'cross_zone_prefer_close_monthly_cost',
];

/** Σ monthly_cost of one mode's rows, in integer cents as a spreadsheet rounding to cents would. */
function csvTotalCents(text: string, mode: string): number {
  const [header, ...rows] = rowsOf(text);
  const cost = header!.indexOf('monthly_cost');
  return rows.filter((r) => r[0] === mode).reduce((s, r) => s + Math.round(Number(r[cost]) * 100), 0);
}

describe('csv renderer', () => {
  it('writes the header and one row per line item, CRLF-terminated, with plain numeric cells', async () => {
    const report = sampleReport();
    const out = await csv(report);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    const [header, ...rows] = rowsOf(out);
    expect(header).toEqual(HEADER);
    expect(rows).toHaveLength(report.lineItems.length);
    expect(rows[0]).toEqual(['sidecar', 'sidecar', 'PRD', 'prd-eks', 'checkout', '2000', '400', '117.2', '3300.00', 'USD', '', '']);
    expect(rows.at(-2)).toEqual(['ambient', 'waypoint', 'STG', 'stg-eks', 'checkout', '8', '4', '2', '16.07', 'USD', '', '']);
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('keeps at most six decimals of vCPU and GiB, without float noise', async () => {
    const report = sampleReport();
    report.lineItems[0]!.vcpu = 0.1 + 0.2; // 0.30000000000000004
    report.lineItems[0]!.memoryGiB = 1 / 3;
    const [, first] = rowsOf(await csv(report));
    expect(first!.slice(6, 8)).toEqual(['0.3', '0.333333']);
  });

  it('adds up to the report totals to the cent (sample report)', async () => {
    const report = sampleReport();
    const out = await csv(report);
    expect(csvTotalCents(out, 'sidecar')).toBe(Math.round(report.sidecar.monthlyCost * 100));
    expect(csvTotalCents(out, 'ambient')).toBe(Math.round(report.ambient.monthlyCost * 100));
  });

  it('adds up to the JSON totals to the cent for any model-made report', async () => {
    await fc.assert(
      fc.asyncProperty(reportArb, async (report) => {
        const out = await csv(report);
        const json = JSON.parse(await render('json', report, { groupBy: 'environment', color: false })) as Report;
        expect(csvTotalCents(out, 'sidecar')).toBe(Math.round(json.sidecar.monthlyCost * 100));
        expect(csvTotalCents(out, 'ambient')).toBe(Math.round(json.ambient.monthlyCost * 100));
        expect(rowsOf(out)).toHaveLength(json.lineItems.length + 1);
      }),
      { numRuns: 60 },
    );
  });

  it('escapes text cells that a spreadsheet would run as a formula, and quotes as RFC 4180 says', async () => {
    const report = sampleReport();
    const hostile = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'a,b', 'say "hi"', 'two\nlines'];
    report.lineItems = hostile.map((name) => ({ ...report.lineItems[0]!, cluster: name }));
    const out = await csv(report);
    const clusters = rowsOf(out).slice(1).map((r) => r[3]);
    expect(clusters).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTAB",
      "'\rCR",
      'a,b',
      'say "hi"',
      'two\nlines',
    ]);
    expect(out).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    // no cell of any row starts with a formula character
    for (const row of rowsOf(out).slice(1)) for (const cell of row.slice(0, 5)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves numbers alone: a negative figure is a number, not a formula, and is not escaped', async () => {
    const report = sampleReport();
    report.lineItems = [{ ...report.lineItems[0]!, monthlyCost: -5 }];
    const [, row] = rowsOf(await csv(report));
    expect(row![8]).toBe('-5.00');
  });

  it('carries both locality variants on the crossZone rows, in columns of their own', async () => {
    const [, ...rows] = rowsOf(await csv(sampleReport()));
    const crossZone = rows.filter((r) => r[1] === 'crossZone');
    // the sample's one crossZone item: none $70, preferClose $10 (the counted one, also in monthly_cost)
    expect(crossZone).toEqual([['ambient', 'crossZone', 'PRD', 'prd-eks', 'checkout', '3', '0', '0', '10.00', 'USD', '70.00', '10.00']]);
  });

  it('writes the waypoints table with --table waypoints', async () => {
    const out = await render('csv', sampleReport(), { groupBy: 'environment', color: false, table: 'waypoints' });
    expect(rowsOf(out)).toEqual([
      ['cluster', 'namespace', 'rps', 'replicas', 'floor', 'zones'],
      ['prd-eks', 'checkout', '5000', '20', '2', '3'],
      ['stg-eks', 'checkout', '1200', '8', '2', '3'],
    ]);
  });

  it('refuses a table the report has no data for', async () => {
    const report = sampleReport();
    delete report.waypoints;
    await expect(render('csv', report, { groupBy: 'environment', color: false, table: 'waypoints' })).rejects.toThrow(
      '--table waypoints: this report has no waypoints table: it needs a report written by a mesh-cost that records its waypoints',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/budget/diff.js';
import { InputError } from '../../src/errors.js';
import type { Report } from '../../src/model/types.js';
import { sampleReport } from '../report/sample-report.js';

const labelled = (report: Report, label: string) => ({ report, label });

/** The sample report with STG gone and PRD's ambient ztunnels $100 dearer. */
function newer(): Report {
  const r = sampleReport();
  r.generatedAt = '2025-02-01T00:00:00.000Z';
  r.lineItems = r.lineItems.filter((i) => i.environment === 'PRD');
  r.lineItems.find((i) => i.component === 'ztunnel')!.monthlyCost += 100;
  r.sidecar.monthlyCost = 4978;
  r.ambient.monthlyCost = 638;
  r.savings = { monthlyCost: 4340, percent: (100 * 4340) / 4978 };
  return r;
}

describe('diffReports', () => {
  const diff = diffReports(labelled(sampleReport(), 'old.json'), labelled(newer(), 'new.json'));

  it('gives old → new, the change and the change in percent of the totals', () => {
    expect(diff.currency).toBe('USD');
    expect(diff.old).toEqual({ label: 'old.json', generatedAt: '2025-01-01T00:00:00.000Z' });
    expect(diff.new).toEqual({ label: 'new.json', generatedAt: '2025-02-01T00:00:00.000Z' });
    expect(diff.sidecar).toEqual({ old: 6000, new: 4978, change: -1022, changePercent: expect.closeTo((-100 * 1022) / 6000, 9) });
    expect(diff.ambient).toEqual({ old: 672.07, new: 638, change: -34.07, changePercent: expect.closeTo((-100 * 34.07) / 672.07, 9) });
    expect(diff.savings).toEqual({ old: 5327.93, new: 4340, change: -987.93, changePercent: expect.closeTo((-100 * 987.93) / 5327.93, 9) });
  });

  it('gives the same per environment, an environment missing on one side counting as zero there', () => {
    expect(diff.environments.map((e) => e.environment)).toEqual(['PRD', 'STG']);
    const [prd, stg] = diff.environments;
    expect(prd!.sidecar).toEqual({ old: 4978, new: 4978, change: 0, changePercent: 0 });
    expect(prd!.ambient).toEqual({ old: 538, new: 638, change: 100, changePercent: expect.closeTo(100 * 100 / 538, 9) });
    expect(prd!.savings).toMatchObject({ old: 4440, new: 4340, change: -100 });
    expect(stg!.ambient).toEqual({ old: 134.07, new: 0, change: -134.07, changePercent: -100 });
  });

  it('has no percent where the old figure is zero', () => {
    const back = diffReports(labelled(newer(), 'new.json'), labelled(sampleReport(), 'old.json'));
    const stg = back.environments.find((e) => e.environment === 'STG')!;
    expect(stg.sidecar).toEqual({ old: 0, new: 1022, change: 1022, changePercent: null });
    expect(stg.ambient.changePercent).toBeNull();
  });

  it('takes the percent of a negative saving against its size, so that less loss reads as a gain', () => {
    const a = sampleReport();
    a.savings.monthlyCost = -100;
    const b = sampleReport();
    b.savings.monthlyCost = -50;
    expect(diffReports(labelled(a, 'a'), labelled(b, 'b')).savings).toEqual({ old: -100, new: -50, change: 50, changePercent: 50 });
  });

  it('computes changes in cents: no float noise', () => {
    const a = sampleReport();
    const b = sampleReport();
    a.ambient.monthlyCost = 0.1;
    b.ambient.monthlyCost = 0.3;
    expect(diffReports(labelled(a, 'a'), labelled(b, 'b')).ambient.change).toBe(0.2);
  });

  it('refuses reports in different currencies', () => {
    const eur = sampleReport();
    eur.currency = 'EUR';
    expect(() => diffReports(labelled(sampleReport(), 'old.json'), labelled(eur, 'new.json'))).toThrow(InputError);
    expect(() => diffReports(labelled(sampleReport(), 'old.json'), labelled(eur, 'new.json'))).toThrow(/old\.json is in USD, new\.json in EUR/);
  });

  it('carries both reports\' --set what-ifs, and none when neither has any', () => {
    const what = newer();
    what.overrides = [{ key: 'traffic.rpsScale', value: '2', was: '1' }];
    expect(diffReports(labelled(sampleReport(), 'old.json'), labelled(what, 'new.json')).overrides).toEqual({ old: [], new: what.overrides });
    expect(diff.overrides).toBeUndefined();
  });
});

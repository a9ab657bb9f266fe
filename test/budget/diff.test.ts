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

  it('gives the change per (mode, component), in the model\'s order', () => {
    expect(diff.components.map((c) => `${c.mode}/${c.component}`)).toEqual([
      'sidecar/sidecar', 'sidecar/controlPlane', 'ambient/ztunnel', 'ambient/cni', 'ambient/waypoint', 'ambient/controlPlane', 'ambient/crossZone',
    ]);
    // ztunnel: 350 + 60 = 410 → 450 (STG gone, PRD +100)
    expect(diff.components[2]).toEqual({ mode: 'ambient', component: 'ztunnel', old: 410, new: 450, change: 40, changePercent: expect.closeTo((100 * 40) / 410, 9) });
    // sidecar: 3,300 + 1,650 + 994 = 5,944 → 4,950
    expect(diff.components[0]).toMatchObject({ old: 5944, new: 4950, change: -994 });
  });

  it('lists the namespaces that changed, the largest change first', () => {
    const names = diff.namespaces.map((n) => n.namespace);
    expect(names).toEqual(['checkout', 'istio-system']);
    // checkout: sidecar 3,300 + 994 = 4,294 → 3,300 (−994); ambient 50 + 10 + 16.07 = 76.07 → 60
    expect(diff.namespaces[0]!.sidecar).toMatchObject({ old: 4294, new: 3300, change: -994 });
    expect(diff.namespaces[0]!.ambient).toMatchObject({ old: 76.07, new: 60, change: -16.07 });
    // istio-system: ambient 350+100+28+60+30+28 = 596 → 450+100+28 = 578 (−18); sidecar 56 → 28
    expect(diff.namespaces[1]!.ambient).toMatchObject({ old: 596, new: 578, change: -18 });
    expect(diff.namespaces[1]!.sidecar).toMatchObject({ old: 56, new: 28, change: -28 });
  });

  it('names the settings that differ, and none for like-for-like reports', () => {
    expect(diff.differences).toEqual([]);
    const other = newer();
    other.inputs.prices = 'aws-eu';
    other.basis = 'requests';
    expect(diffReports(labelled(sampleReport(), 'a'), labelled(other, 'b')).differences).toEqual([
      { what: 'prices', old: 'opencost-default', new: 'aws-eu' },
      { what: 'basis', old: 'max', new: 'requests' },
    ]);
  });

  it('carries both reports\' --set what-ifs, and none when neither has any', () => {
    const what = newer();
    what.overrides = [{ key: 'traffic.rpsScale', value: '2', was: '1' }];
    expect(diffReports(labelled(sampleReport(), 'old.json'), labelled(what, 'new.json')).overrides).toEqual({ old: [], new: what.overrides });
    expect(diff.overrides).toBeUndefined();
  });

  it('names a scope that differs in mode or namespaces, and not one only a report of before the scope lacks', () => {
    const scoped = (mode: 'mesh' | 'all', namespaces: number, reason = 'why') => {
      const r = newer();
      r.inputs.scope = { mode, reason, namespaces };
      return labelled(r, mode);
    };
    const old = scoped('mesh', 4);
    expect(diffReports(old, scoped('all', 12)).differences).toEqual([{ what: 'scope', old: 'mesh, 4 namespaces', new: 'all, 12 namespaces' }]);
    expect(diffReports(old, scoped('mesh', 1)).differences).toEqual([{ what: 'scope', old: 'mesh, 4 namespaces', new: 'mesh, 1 namespace' }]);
    // the same scope in other words is the same scope
    expect(diffReports(old, scoped('mesh', 4, '--scope mesh: the mesh as the inventory shows it')).differences).toEqual([]);
    // sampleReport() has no scope, as reports written before it
    expect(diffReports(labelled(sampleReport(), 'a'), scoped('all', 12)).differences).toEqual([]);
  });
});

/**
 * Today's mix (DESIGN sections 2 and 4): where the inventory shows some namespaces on
 * sidecars and some already ambient, `today` prices that mix with the same model, and
 * still to save = today − ambient. Both columns still price the whole scope.
 *
 * One cluster, nodes n1 (zone a) and n2 (zone b) at list rates CPU 0.04, H = 100 h; usage
 * basis; cpu only: sidecar 0.1, ztunnel 0.05, waypoint 0.2 per replica, istiod 0.5.
 */
import { describe, expect, it } from 'vitest';
import { inventory, node, prices, profile, run, workload } from './builders.js';

const cpuOnly = profile({
  sidecar: { usage: { cpu: { base: 0.1 } } },
  ztunnel: { usage: { cpu: { base: 0.05 } } },
  waypoint: { usage: { cpu: { base: 0.2 } } },
  controlPlane: { sidecar: { cpu: '500m' }, ambient: { cpu: '500m' } },
});
const sheet = prices({ hoursPerMonth: 100 });

function mixed() {
  const inv = inventory(
    [node('n1'), node('n2', { zone: 'b' })],
    [workload('api', { namespace: 'shop', replicas: 4, sidecarsToday: 4 }), workload('ledger', { namespace: 'pay', replicas: 2, waypoint: true })],
  );
  inv.namespaces = [
    { cluster: 'c1', name: 'shop', dataPlane: 'sidecar' },
    { cluster: 'c1', name: 'pay', dataPlane: 'ambient' },
  ];
  return inv;
}

describe('today', () => {
  it('prices the current mix: sidecars where they run, ambient infrastructure and waypoints where namespaces are ambient', () => {
    const { report } = run(mixed(), cpuOnly, sheet);
    // sidecar column: 6 sidecars · 0.1 = 0.6 vCPU · 0.04 · 100 = 2.40; istiod 0.5 → 2.00; total 4.40
    expect(report.sidecar.monthlyCost).toBe(4.4);
    // ambient column: 2 ztunnels · 0.05 = 0.1 → 0.40; pay waypoint k = max(2, 2 zones, 0) = 2 · 0.2 = 0.4 → 1.60;
    // istiod 2.00; no traffic, no cross-zone; total 4.00
    expect(report.ambient.monthlyCost).toBe(4);
    // today: api's 4 sidecars → 1.60; pay is ambient: ztunnels 0.40, its waypoint 1.60, istiod 2.00 → 5.60
    // still to save: 5.60 − 4.00 = 1.60
    expect(report.today).toEqual({ monthlyCost: 5.6, sidecars: 4, ambientNamespaces: 1, stillToSave: 1.6 });
  });

  it('all on sidecars today: today is the sidecar column', () => {
    const inv = mixed();
    inv.namespaces = [{ cluster: 'c1', name: 'shop', dataPlane: 'sidecar' }, { cluster: 'c1', name: 'pay', dataPlane: 'sidecar' }];
    const { report } = run(inv, cpuOnly, sheet);
    // api 4 (seen) + ledger 2 (labelled namespace, no count given: all its pods) = 6 sidecars, istiod: 2.40 + 2.00
    expect(report.today).toEqual({ monthlyCost: 4.4, sidecars: 6, ambientNamespaces: 0, stillToSave: 0.4 });
  });

  it('absent when the inventory does not show today\'s data plane', () => {
    const bare = inventory([node('n1')], [workload('api', { replicas: 2 })]);
    expect(run(bare, cpuOnly, sheet).report.today).toBeUndefined();
  });
});

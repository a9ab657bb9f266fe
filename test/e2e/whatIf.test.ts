import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv'];

describe('mesh-cost estimate --set (built CLI)', () => {
  it('re-prices the run with the figures changed, and lists each change in the report', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json', '--set', 'traffic.rpsScale=2', '--set', 'waypoint.scaling.rpmPerReplica=40000']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.overrides).toEqual([
      { key: 'traffic.rpsScale', value: '2', was: '1' },
      { key: 'waypoint.scaling.rpmPerReplica', value: '40000', was: '50000' },
    ]);
    // web serves 2 × 1,000 = 2,000 rps: 60·2000·1.6/40,000 = 4.8 → 5 waypoint replicas
    expect(report.ambient.waypointReplicas).toBe(5);
    // web's 2 sidecars at 2·2000/2 = 2,000 rps: 0.2·2 = 0.4 vCPU, max(memory, 128Mi) = 128Mi:
    //   (0.4·0.031611 + 0.125·0.004237)·730 = 9.61704 each; worker 2.69423 (as without --set)
    //   → 21.92831 → $21.93; istiod with istio-1.30's perProxy for its N = 3 sidecars: cpu 0.5 + 0.00058·3 = 0.50174,
    //   memory 2048 + 1.1426·3 = 2051.4278 MiB = 2.0033475 GiB: (0.50174·0.031611 + 2.0033475·0.004237)·730 = 17.7746 → $17.77
    //   → $39.70
    expect(report.sidecar.monthlyCost).toBe(39.7);
  });

  it('a run without --set has no overrides field', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json']);
    expect(JSON.parse(r.stdout).overrides).toBeUndefined();
  });
});

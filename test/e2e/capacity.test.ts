import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

describe('mesh-cost estimate: capacity on the webshop example (built CLI)', () => {
  it("packs each node group from pods' own requests and reports the nodes freed", async () => {
    const r = await runCli(['estimate', '--example', 'webshop', '-f', 'json']);
    expect(r.code).toBe(0);
    const { capacity } = JSON.parse(r.stdout);
    expect(capacity.packTarget).toBe(1);
    expect(capacity.groups.map((g: { instanceType: string; capacityType: string; nodesToday: number }) => [g.instanceType, g.capacityType, g.nodesToday])).toEqual([
      ['m5.2xlarge', 'on-demand', 3],
      ['m5.xlarge', 'on-demand', 12],
      ['m5.xlarge', 'spot', 6],
    ]);
    // m5.2xlarge: 7910m / 29317Mi less the DaemonSets (fluent-bit 100m/128Mi + node-exporter 50m/64Mi)
    //   → 7.76 vCPU, 29125 MiB. Sidecar mode (istio-1.24: sidecar 100m/128Mi):
    //   indexer 3 × 1.6 vCPU first (share 1.6/7.76 = 0.206 > search-api's 1.1/7.76 = 0.142): node 1 holds 4.8,
    //   then 2 search-api (2.2 → 7.0); node 2 takes 7 (7.7 ≤ 7.76), node 3 the last 5 → 3 nodes.
    //   Ambient: ztunnel 200m/512Mi + istio-cni 100m/100Mi off too → 7.46 vCPU; indexer 3 × 1.5 = 4.5,
    //   2 search-api at 1.0 → 6.5; node 2 takes 7 (7.0 ≤ 7.46), node 3 the last 5 → 3 nodes.
    //   Fluid bound: cpu (14 × 1.1 + 3 × 1.6) / 7.76 = 2.603 > memory (14 × 2176 + 3 × 4224) / 29125 = 1.481;
    //   ambient (14 × 1 + 3 × 1.5) / 7.46 = 2.480
    const big = capacity.groups[0];
    expect(big.nodesNeeded).toEqual({ sidecar: 3, ambient: 3 });
    expect(big.fluidBound.sidecar).toBeCloseTo(20.2 / 7.76, 9);
    expect(big.fluidBound.ambient).toBeCloseTo(18.5 / 7.46, 9);
    // each freed node at its own hourly price: 0.214 × 730 = 156.22
    for (const g of capacity.groups) expect(g.monthlyCostFreed).toBeCloseTo(g.nodesFreed * (g.capacityType === 'spot' ? 0.0856 : g.instanceType === 'm5.xlarge' ? 0.214 : 0.428) * 730, 2);
    expect(capacity.monthlyCostFreed).toBe(capacity.groups.reduce((s: number, g: { monthlyCostFreed: number }) => s + g.monthlyCostFreed, 0));
  });

  it('--pack-target fills less of each node: never fewer nodes than at 1.0', async () => {
    const full = JSON.parse((await runCli(['estimate', '--example', 'webshop', '-f', 'json'])).stdout).capacity;
    const r = await runCli(['estimate', '--example', 'webshop', '-f', 'json', '--pack-target', '0.8']);
    const part = JSON.parse(r.stdout).capacity;
    expect(part.packTarget).toBe(0.8);
    full.groups.forEach((g: { nodesNeeded: { sidecar: number; ambient: number } }, i: number) => {
      expect(part.groups[i].nodesNeeded.sidecar).toBeGreaterThanOrEqual(g.nodesNeeded.sidecar);
      expect(part.groups[i].nodesNeeded.ambient).toBeGreaterThanOrEqual(g.nodesNeeded.ambient);
    });
  });

  it('--sensitivity adds the tornado to the same report', async () => {
    const r = await runCli(['estimate', '--example', 'webshop', '-f', 'json', '--sensitivity', '0.1']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sensitivity.delta).toBe(0.1);
    expect(report.sensitivity.inputs.length).toBeGreaterThan(0);
    const row = report.sensitivity.inputs.find((i: { name: string }) => i.name === 'sidecar.requests.cpu');
    expect(row).toMatchObject({ today: 0.1 });
    expect(row.low).toBeCloseTo(0.09, 12);
  });
});

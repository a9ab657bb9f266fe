/** The sanity checks of DESIGN section 3: warnings with a count and a first example, and one error. */
import { describe, expect, it } from 'vitest';
import { inventory, node, placement, prices, profile, run, workload } from './builders.js';

const withRequests = profile({ sidecar: { usage: { cpu: { per1kRps: 0.2 } }, requests: { cpu: '100m', memory: '128Mi' } } });
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('sanity', () => {
  it('pods whose requests with their sidecars exceed their node\'s allocatable', () => {
    // n1: 4 vCPU; 3 pods of 1.3 vCPU = 3.9, plus 3 sidecars of 0.1 = 4.2 > 4
    const over = workload('api', { replicas: 3, placement: placement({ n1: 3 }), podRequests: { cpu: 1.3, memoryMiB: 100 } });
    const { report } = run(inventory([node('n1')], [over]), withRequests, prices());
    expect(report.warnings.find((w) => w.code === 'node-requests-over-allocatable')).toMatchObject({ count: 1, example: 'c1/n1' });
    // 1.2 vCPU each: 3.6 + 0.3 = 3.9 ≤ 4
    const fits = { ...over, podRequests: { cpu: 1.2, memoryMiB: 100 } };
    expect(codes(run(inventory([node('n1')], [fits]), withRequests, prices()).report)).not.toContain('node-requests-over-allocatable');
  });

  it('a node whose pods would use more than its allocatable', () => {
    // one pod at 20,000 rps: L = 40,000 → sidecar cpu 0.2·40 = 8 vCPU on a 4-vCPU node
    const hot = workload('api', { replicas: 1, rps: 20_000, placement: placement({ n1: 1 }) });
    const { report } = run(inventory([node('n1')], [hot]), withRequests, prices());
    expect(report.warnings.find((w) => w.code === 'node-usage-over-allocatable')).toMatchObject({ count: 1, example: 'c1/n1' });
    // 5,000 rps: L = 10,000 → 2 vCPU, fits
    expect(codes(run(inventory([node('n1')], [{ ...hot, rps: 5000 }]), withRequests, prices()).report)).not.toContain('node-usage-over-allocatable');
  });

  it('a spot node priced at the sheet\'s spot rates because its type has only an on-demand price', () => {
    const nodes = [node('s1', { capacityType: 'spot', instanceType: 'm5.xlarge' }), node('s2', { capacityType: 'spot', instanceType: 'm5.xlarge' })];
    const onDemandOnly = prices({ instanceTypes: { 'm5.xlarge': { onDemand: 0.192 } } });
    const { report } = run(inventory(nodes, [workload('api')]), withRequests, onDemandOnly);
    expect(report.warnings.find((w) => w.code === 'spot-at-list-rates')).toMatchObject({ count: 2, example: 'c1/s1 (m5.xlarge)' });
    const both = prices({ instanceTypes: { 'm5.xlarge': { onDemand: 0.192, spot: 0.07 } } });
    expect(codes(run(inventory(nodes, [workload('api')]), withRequests, both).report)).not.toContain('spot-at-list-rates');
  });

  it('an error: a cluster whose environment in the workloads differs from its nodes\'', () => {
    const w = workload('api', { environment: 'prod', origin: { file: 'workloads.csv', line: 3 } });
    expect(() => run(inventory([node('n1', { environment: 'production' })], [w]), withRequests, prices())).toThrow(
      'workloads.csv:3: cluster "c1": expected the environment of its nodes ("production") for workload shop/api, found "prod" (one cluster, one environment; leave the column empty to take the nodes\')',
    );
  });
});

/**
 * Node agents (DESIGN section 3): no ztunnel or istio-cni on nodes a ztunnel cannot
 * serve (Windows, Fargate, virtual-kubelet), whose meshed pods keep their sidecar in the
 * ambient column; istio-cni in sidecar mode too where it runs there.
 *
 * List rates CPU 0.04 $/vCPU-h, H = 100 h; usage basis; cpu only.
 */
import { describe, expect, it } from 'vitest';
import { inventory, item, items, node, placement, prices, profile, run, workload } from './builders.js';

const sheet = prices({ hoursPerMonth: 100 });
const agents = (cni: Record<string, unknown> = {}) =>
  profile({
    sidecar: { usage: { cpu: { base: 0.1 } } },
    ztunnel: { usage: { cpu: { base: 0.05 } } },
    cni: { usage: { cpu: { base: 0.02 } }, ...cni },
  });

describe('nodes no ztunnel can serve', () => {
  it('get no ztunnel or cni; their meshed pods stay sidecars in the ambient column, counted apart', () => {
    const inv = inventory(
      [node('n1'), node('f1', { noZtunnel: 'fargate' })],
      [workload('api', { replicas: 3, placement: placement({ n1: 1, f1: 2 }) })],
    );
    const { report } = run(inv, agents(), sheet);
    // sidecar column: 3 · 0.1 = 0.3 vCPU → 0.3·0.04·100 = 1.20
    expect(report.sidecar.monthlyCost).toBe(1.2);
    // ambient: ztunnel on n1 only 0.05 → 0.20; cni on n1 0.02 → 0.08; f1's 2 pods keep sidecars: 0.2 → 0.80
    expect(report.ambient.ztunnels).toBe(1);
    expect(item(report, 'ambient', 'cni')).toMatchObject({ count: 1, monthlyCost: 0.08 });
    expect(item(report, 'ambient', 'sidecar')).toMatchObject({ count: 2, vcpu: 0.2, monthlyCost: 0.8 });
    expect(report.ambient.sidecarsKept).toBe(2);
    // 0.20 + 0.08 + 0.80 = 1.08
    expect(report.ambient.monthlyCost).toBe(1.08);
    expect(report.warnings.find((w) => w.code === 'sidecars-kept')).toMatchObject({ count: 2, example: 'c1/shop/api' });
  });
});

describe('istio-cni in sidecar mode', () => {
  const inv = () => inventory([node('n1'), node('n2')], [workload('api', { replicas: 2 })]);

  it('priced in the sidecar column when the profile says it runs there', () => {
    const { report } = run(inv(), agents({ inSidecarMode: true }), sheet);
    // 2 nodes · 0.02 = 0.04 vCPU → 0.16; sidecars 2 · 0.1 → 0.80; total 0.96
    expect(item(report, 'sidecar', 'cni')).toMatchObject({ count: 2, monthlyCost: 0.16 });
    expect(report.sidecar.monthlyCost).toBe(0.96);
  });

  it('and when the inventory shows istio-cni running in that cluster today', () => {
    const seen = inv();
    seen.infrastructure = [{ cluster: 'c1', namespace: 'istio-system', name: 'istio-cni-node', component: 'istio-cni', pods: 2 }];
    const { report } = run(seen, agents(), sheet);
    expect(item(report, 'sidecar', 'cni')).toMatchObject({ count: 2, monthlyCost: 0.16 });
    expect(report.inputs.infrastructure).toEqual([{ component: 'istio-cni', clusters: 1, pods: 2 }]);
  });

  it('not otherwise', () => {
    expect(items(run(inv(), agents(), sheet).report, 'sidecar', 'cni')).toEqual([]);
  });
});

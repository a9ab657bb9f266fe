/**
 * Scope (DESIGN section 2): which workloads are "the mesh", and why. With namespace
 * labels or istio-proxy pods in the inventory, auto reads the mesh from them; without,
 * every namespace outside the excluded ones. Counts worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/inventory/types.js';
import { decideScope } from '../../src/model/scope.js';
import { inventory, node, prices, profile, run, workload } from './builders.js';

const sidecarOnly = profile({ sidecar: { usage: { cpu: { base: 0.1 } } } });
const sheet = prices({ hoursPerMonth: 100 });

function labelled(): Inventory {
  const inv = inventory(
    [node('n1'), node('n2', { zone: 'b' })],
    [
      workload('api', { namespace: 'shop', replicas: 4, optedOut: 1, sidecarsToday: 3 }),
      workload('ledger', { namespace: 'pay', replicas: 2 }),
      workload('site', { namespace: 'web', replicas: 3 }),
      // injected pod by pod: the namespace carries no label
      workload('legacy', { namespace: 'web', replicas: 2, sidecarsToday: 2 }),
      // a DaemonSet that runs istio-proxy today is priced, whatever its kind
      workload('agent', { namespace: 'logging', kind: 'DaemonSet', replicas: 3, sidecarsToday: 3 }),
      workload('dns', { namespace: 'kube-system', replicas: 2, sidecarsToday: 2 }),
    ],
  );
  inv.namespaces = [
    { cluster: 'c1', name: 'shop', dataPlane: 'sidecar', label: 'istio-injection=enabled' },
    { cluster: 'c1', name: 'pay', dataPlane: 'ambient', label: 'istio.io/dataplane-mode=ambient' },
    { cluster: 'c1', name: 'web' },
  ];
  return inv;
}

describe('decideScope', () => {
  it('auto reads the mesh when the inventory shows it, and says why', () => {
    const scope = decideScope(labelled(), 'auto');
    expect(scope.mode).toBe('mesh');
    // 2 labelled namespaces (web has no data-plane label); istio-proxy pods 3 + 2 + 3 + 2 = 10
    expect(scope.reason).toBe('the inventory shows the mesh today (2 namespaces labelled for the mesh, 10 pods running istio-proxy): those namespaces, less the pods opted out');
    const [api, ledger, site, legacy] = labelled().workloads;
    // api: 4 − 1 opted out = 3; ledger: its namespace is ambient, all 2; site: unlabelled, no proxy = 0; legacy: its 2 proxies
    expect([api, ledger, site, legacy].map((w) => scope.podsInScope(w!))).toEqual([3, 2, 0, 2]);
    expect(scope.dataPlaneOf('c1', 'pay')).toBe('ambient');
    expect(scope.dataPlaneOf('c1', 'web')).toBeUndefined();
  });

  it('auto reads every namespace when the inventory shows nothing; --scope forces either', () => {
    const bare = inventory([node('n1')], [workload('api', { replicas: 4, optedOut: 1 })]);
    expect(decideScope(bare).mode).toBe('all');
    expect(decideScope(bare).reason).toMatch(/^the inventory does not show what is meshed today/);
    // all: every pod, opt-outs included (the reading that ignores today's mesh)
    expect(decideScope(bare).podsInScope(bare.workloads[0]!)).toBe(4);
    expect(decideScope(labelled(), 'all')).toMatchObject({ mode: 'all', reason: '--scope all: every namespace outside the excluded ones' });
    expect(decideScope(bare, 'mesh')).toMatchObject({ mode: 'mesh' });
    expect(decideScope(bare, 'mesh').podsInScope(bare.workloads[0]!)).toBe(0);
  });
});

describe('the scope in the estimate', () => {
  it('prices the scope, lists it as the meshed namespaces and reports it', () => {
    const { report, meshedNamespaces } = run(labelled(), sidecarOnly, sheet);
    // api 3 + ledger 2 + legacy 2 + agent 3 = 10 (dns is in kube-system, excluded)
    expect(report.inputs.meshedPods).toBe(10);
    expect(report.sidecar.proxies).toBe(10);
    expect(report.inputs.scope).toMatchObject({ mode: 'mesh', namespaces: 4 });
    expect(meshedNamespaces.map((n) => n.namespace)).toEqual(['logging', 'pay', 'shop', 'web']);
  });

  it('--scope all prices every namespace outside the excluded ones', () => {
    const { report } = run(labelled(), sidecarOnly, sheet, { scope: 'all' });
    // api 4 + ledger 2 + site 3 + legacy 2 + agent 3 (only its istio-proxy pods) = 14
    expect(report.inputs.meshedPods).toBe(14);
    expect(report.inputs.scope).toEqual({ mode: 'all', reason: '--scope all: every namespace outside the excluded ones', namespaces: 4 });
  });

  it('--scope mesh on an inventory that shows no mesh is nothing to price', () => {
    const bare = inventory([node('n1')], [workload('api', { replicas: 4 })]);
    expect(() => run(bare, sidecarOnly, sheet, { scope: 'mesh' })).toThrow(
      'nothing to price: read memory (1 node, 1 workload); expected at least one meshed workload, found none (1 outside the mesh (--scope mesh))',
    );
  });

  it('nothing meshed is an error naming what was read, never an all-zero report', () => {
    const system = inventory([node('n1'), node('n2')], [workload('dns', { namespace: 'kube-system', replicas: 2 }), workload('idle', { replicas: 0 }), workload('ds', { kind: 'DaemonSet', replicas: 2 })]);
    expect(() => run(system, sidecarOnly, sheet)).toThrow(
      'nothing to price: read memory (2 nodes, 3 workloads); expected at least one meshed workload, found none (1 in excluded namespaces, 1 DaemonSets or host-network without istio-proxy, 1 with 0 replicas)',
    );
    expect(() => run(inventory([node('n1')], []), sidecarOnly, sheet)).toThrow(/found no workloads$/);
  });
});

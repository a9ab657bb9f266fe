/**
 * Reports made by the real model from random in-memory inventories (fast-check), for the
 * properties every report must have whatever the input: it validates against the schema,
 * its CSV adds up to its totals, and so on.
 */
import fc from 'fast-check';
import type { Inventory, InventoryNode, InventoryWorkload } from '../../src/inventory/types.js';
import { estimate } from '../../src/model/estimate.js';
import { BASES, DEFAULT_EXCLUDED_NAMESPACES, LOCALITIES, type Report } from '../../src/model/types.js';
import { loadPriceSheet, loadProfile } from '../../src/profiles/load.js';

const CLUSTERS = ['prd', 'stg'];
const ZONES = ['z1', 'z2', 'z3'];
const NAMESPACES = ['shop', 'search', 'kube-system'];

const node = (i: number): fc.Arbitrary<InventoryNode> =>
  fc.record({
    cluster: fc.constantFrom(...CLUSTERS),
    zone: fc.constantFrom(...ZONES),
    capacityType: fc.constantFrom('on-demand' as const, 'spot' as const),
    vcpu: fc.integer({ min: 1, max: 96 }),
    memoryGiB: fc.integer({ min: 1, max: 384 }),
    hourlyPrice: fc.option(fc.double({ min: 0.01, max: 5, noNaN: true }), { nil: undefined }),
  }).map(({ hourlyPrice, ...n }) => ({ ...n, environment: n.cluster.toUpperCase(), name: `node-${i}`, ...(hourlyPrice ? { hourlyPrice } : {}) }));

const workload = (i: number): fc.Arbitrary<InventoryWorkload> =>
  fc.record({
    cluster: fc.constantFrom(...CLUSTERS),
    namespace: fc.constantFrom(...NAMESPACES),
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job'),
    replicas: fc.integer({ min: 0, max: 60 }),
    rps: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 20_000, noNaN: true })),
    waypoint: fc.boolean(),
    canary: fc.boolean(),
    hostNetwork: fc.boolean(),
  }).map((w) => ({ ...w, environment: w.cluster.toUpperCase(), name: `app-${i}` }));

const inventory: fc.Arbitrary<Inventory> = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 25 }))
  .chain(([nodes, workloads]) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: nodes }, (_, i) => node(i))),
      fc.tuple(...Array.from({ length: workloads }, (_, i) => workload(i))),
    ),
  )
  .map(([nodes, workloads]) => ({
    sources: ['generated'],
    nodes,
    workloads,
    pods: workloads.reduce((s, w) => s + w.replicas, 0),
  }));

/** An arbitrary of model-made reports, priced with the built-in profile and price sheet. */
export async function generatedReports(): Promise<fc.Arbitrary<Report>> {
  const [profile, prices] = await Promise.all([loadProfile('istio-1.24'), loadPriceSheet('opencost-default')]);
  return fc
    .tuple(inventory, fc.constantFrom(...BASES), fc.constantFrom(...LOCALITIES))
    .map(
      ([inv, basis, locality]) =>
        estimate({
          inventory: inv,
          profile,
          prices,
          options: { basis, locality, excludedNamespaces: DEFAULT_EXCLUDED_NAMESPACES },
          generatedAt: '2025-06-01T12:00:00.000Z',
        }).report,
    );
}

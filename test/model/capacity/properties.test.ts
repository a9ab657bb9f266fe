import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InventoryNode, InventoryWorkload } from '../../../src/inventory/types.js';
import { node, profile, workload } from '../builders.js';
import { capacityOf } from './run.js';

const TYPES = ['m5.large', 'm5.xlarge', undefined] as const;

const nodesArb = fc
  .array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      spot: fc.boolean(),
      vcpu: fc.constantFrom(2, 4, 8),
      memoryGiB: fc.constantFrom(4, 8, 16),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((specs): InventoryNode[] =>
    specs.map((s, i) => node(`n${i}`, { vcpu: s.vcpu, memoryGiB: s.memoryGiB, capacityType: s.spot ? 'spot' : 'on-demand', ...(s.type ? { instanceType: s.type } : {}) })),
  );

/** Workloads placed on the given nodes (or not at all), some DaemonSets, some without requests. */
function workloadsArb(nodes: InventoryNode[]) {
  return fc.array(
    fc.record({
      replicas: fc.integer({ min: 0, max: 15 }),
      cpu: fc.integer({ min: 0, max: 30 }).map((x) => x / 10),
      memoryMiB: fc.integer({ min: 0, max: 64 }).map((x) => x * 128),
      withRequests: fc.boolean(),
      daemonSet: fc.boolean(),
      sidecarToday: fc.boolean(),
      waypoint: fc.boolean(),
      rps: fc.integer({ min: 0, max: 5000 }),
      placed: fc.array(fc.nat(nodes.length - 1), { maxLength: 15 }),
    }),
    { minLength: 1, maxLength: 8 },
  ).map((specs): InventoryWorkload[] =>
    specs.map((s, i) => {
      const placement = new Map<string, number>();
      for (const n of s.placed.slice(0, s.replicas)) placement.set(nodes[n]!.name, (placement.get(nodes[n]!.name) ?? 0) + 1);
      // the first is a meshed Deployment of one pod at least: with nothing meshed there is nothing to price
      return workload(`w${i}`, {
        replicas: i === 0 ? Math.max(1, s.replicas) : s.replicas,
        rps: s.rps,
        waypoint: s.waypoint,
        kind: s.daemonSet && i > 0 ? 'DaemonSet' : 'Deployment',
        ...(s.daemonSet && s.sidecarToday ? { sidecarsToday: s.replicas } : {}),
        ...(s.withRequests || i === 0 ? { podRequests: { cpu: s.cpu, memoryMiB: s.memoryMiB } } : {}),
        ...(placement.size > 0 ? { placement } : {}),
      });
    }),
  );
}

const inventoryArb = nodesArb.chain((nodes) => workloadsArb(nodes).map((workloads) => ({ nodes, workloads })));
const cpu = fc.integer({ min: 0, max: 10 }).map((x) => x / 10);
const mem = fc.integer({ min: 0, max: 8 }).map((x) => `${x * 128}Mi`);
const packTarget = fc.constantFrom(1, 0.9, 0.75);

describe('capacity properties', () => {
  it('never needs fewer nodes than the fluid bound, in either mode', () => {
    fc.assert(
      fc.property(inventoryArb, cpu, mem, cpu, mem, packTarget, ({ nodes, workloads }, sc, sm, zc, zm, target) => {
        const prof = profile({
          sidecar: { requests: { cpu: sc, memory: sm } },
          ztunnel: { requests: { cpu: zc, memory: zm } },
          cni: { requests: { cpu: '100m', memory: '100Mi' } },
          waypoint: { requests: { cpu: '500m', memory: '256Mi' } },
        });
        for (const g of capacityOf(nodes, workloads, prof, undefined, target).capacity!.groups) {
          expect(g.nodesNeeded.sidecar).toBeGreaterThanOrEqual(g.fluidBound.sidecar - 1e-9);
          expect(g.nodesNeeded.ambient).toBeGreaterThanOrEqual(g.fluidBound.ambient - 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('removing every sidecar never needs more nodes when ztunnel, cni and waypoint request nothing', () => {
    fc.assert(
      fc.property(inventoryArb, cpu, mem, packTarget, ({ nodes, workloads }, sc, sm, target) => {
        const prof = profile({
          sidecar: { requests: { cpu: sc, memory: sm } },
          ztunnel: { requests: { cpu: 0, memory: 0 } },
          cni: { requests: { cpu: 0, memory: 0 } },
          waypoint: { requests: { cpu: 0, memory: 0 } },
        });
        for (const g of capacityOf(nodes, workloads, prof, undefined, target).capacity!.groups) {
          expect(g.nodesNeeded.ambient).toBeLessThanOrEqual(g.nodesNeeded.sidecar);
        }
      }),
      { numRuns: 300 },
    );
  });
});

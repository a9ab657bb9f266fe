import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvInventory } from '../../src/inventory/csv/index.js';
import { nodesCsv, podsCsv, workloadsCsv, type PodRow } from '../../src/inventory/csv/write.js';
import { Warnings, type InventoryNode, type InventoryWorkload } from '../../src/inventory/types.js';

describe('inventory → CSV', () => {
  it('writes files the CSV reader reads back to the same inventory, awkward names and one pod\'s own requests included', async () => {
    const nodes: InventoryNode[] = [
      { cluster: 'eu, west', environment: 'PRD "main"', name: 'n1', zone: 'z1', instanceType: 'm5.large', capacityType: 'spot', vcpu: 1.93, memoryGiB: 7_654_321_123 / 2 ** 30 },
      { cluster: 'eu, west', environment: 'PRD "main"', name: ' n2', zone: 'z2', capacityType: 'on-demand', vcpu: 4, memoryGiB: 16, hourlyPrice: 0.192 },
    ];
    const pods: PodRow[] = [
      { cluster: 'eu, west', namespace: 'shop', pod: 'cart-1', node: 'n1', ownerKind: 'Deployment', ownerName: 'cart' },
      { cluster: 'eu, west', namespace: 'shop', pod: 'cart-2', node: ' n2', ownerKind: 'Deployment', ownerName: 'cart' },
    ];
    const workloads: InventoryWorkload[] = [
      { cluster: 'eu, west', environment: 'PRD "main"', namespace: 'shop', name: 'cart', kind: 'Deployment', replicas: 2, rps: 1 / 3, bytesPerRequest: 512, waypoint: true, canary: false, hostNetwork: false, placement: new Map([['n1', 1], [' n2', 1]]), podRequests: { cpu: 1 / 3, memoryMiB: 300.5 } },
    ];
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-csv-write-'));
    try {
      const file = (name: string) => join(dir, name);
      await writeFile(file('nodes.csv'), nodesCsv(nodes));
      await writeFile(file('workloads.csv'), workloadsCsv(workloads));
      await writeFile(file('pods.csv'), podsCsv(pods));
      const warnings = new Warnings();
      const back = await readCsvInventory({ nodes: file('nodes.csv'), workloads: file('workloads.csv'), pods: file('pods.csv') }, { warnings });
      expect(warnings.list()).toEqual([]);
      expect(back.nodes).toEqual(nodes);
      expect(back.pods).toBe(2);
      const { origin, ...w } = back.workloads[0]!;
      expect(origin).toEqual({ file: file('workloads.csv'), line: 2 });
      expect(w).toEqual(workloads[0]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

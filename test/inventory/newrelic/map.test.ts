import { describe, expect, it } from 'vitest';
import { toNodes } from '../../../src/inventory/newrelic/map.js';
import { Warnings } from '../../../src/inventory/types.js';

const row = (name: string, vcpu: unknown, memoryBytes: unknown) => ({
  facets: ['prd', name],
  values: { vcpu, memoryBytes, topology_kubernetes_io_zone: 'z1' },
});

describe('New Relic nodes', () => {
  it('leave out nodes the CSV and kubectl readers would refuse, with one counted warning', () => {
    const warnings = new Warnings();
    const nodes = toNodes(
      [row('ok', 4, 16 * 2 ** 30), row('zero-cpu', 0, 16 * 2 ** 30), row('huge-memory', 4, 1e30), row('no-memory', 4, null)],
      warnings,
    );
    expect(nodes.map((n) => n.name)).toEqual(['ok']);
    expect(warnings.list()).toEqual([expect.objectContaining({ code: 'newrelic-node-capacity', count: 3 })]);
  });
});

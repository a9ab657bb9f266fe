import { describe, expect, it } from 'vitest';
import type { NewRelicSnapshot } from '../../../src/inventory/newrelic/index.js';
import { newRelicProfile } from '../../../src/inventory/newrelic/profile.js';
import { loadProfile } from '../../../src/profiles/load.js';

const MIB = 2 ** 20;
const DAY = 86_400_000;
const until = Date.UTC(2026, 5, 1);

function snapshot(usage: NewRelicSnapshot['usage']): NewRelicSnapshot {
  return { inventory: { sources: [], nodes: [], workloads: [], pods: 0 }, pods: [], usage, window: { since: until - 90 * DAY, until }, queries: 0 };
}

// ten sidecar pods averaging 0.1 … 1.0 vCPU and 10 … 100 MiB, 30 samples each
const sidecars = Array.from({ length: 10 }, (_, i) => ({
  pod: `prd/shop/cart-${i}`,
  samples: 30,
  cpu: (i + 1) / 10,
  memoryBytes: (i + 1) * 10 * MIB,
  firstSeen: until - (80 - i) * DAY,
  lastSeen: until - i * DAY,
}));

describe('newRelicProfile', () => {
  it('takes the statistic across the pods\' averages, keeping the rest from the base profile', async () => {
    const base = await loadProfile('istio-1.24');
    const p = newRelicProfile(snapshot({ sidecar: sidecars }), base, 'p95', 42);
    expect(p.metadata.name).toBe('newrelic-observed-p95');
    // lower quantile: rank ⌊0.95 × 9⌋ = 8 of the sorted averages
    expect(p.spec.sidecar.usage).toEqual({ cpu: { base: 0.9, per1kRps: 0 }, memoryMiB: { base: 90, per1kRps: 0, perKPods: 0 } });
    expect(p.spec.sidecar.requests).toEqual(base.spec.sidecar.requests);
    expect(p.spec.ztunnel).toEqual(base.spec.ztunnel);
    expect(p.spec.controlPlane).toEqual(base.spec.controlPlane);
    expect(p.metadata.observed).toMatchObject({
      source: 'New Relic account 42, istio-proxy containers 2026-03-03 to 2026-06-01',
      statistic: 'p95',
      baseProfile: 'istio-1.24',
      sidecar: { samples: 300, pods: 10, window: { from: new Date(until - 80 * DAY).toISOString(), to: new Date(until).toISOString() } },
    });
  });

  it('is rounded as its YAML file will read back', async () => {
    const base = await loadProfile('istio-1.24');
    const p = newRelicProfile(snapshot({ waypoint: [{ pod: 'a/b/waypoint-0', samples: 3, cpu: 0.123456789, memoryBytes: 70.123456789 * MIB }] }), base, 'avg', 42);
    expect(p.spec.waypoint.usage.cpu.base).toBe(0.123457);
    expect(p.spec.waypoint.usage.memoryMiB.base).toBe(70.1235);
    expect(p.spec.waypoint.scaling).toEqual(base.spec.waypoint.scaling);
  });
});

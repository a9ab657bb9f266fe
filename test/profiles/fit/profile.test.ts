import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { observedProfile, observedProfileName } from '../../../src/profiles/fit/profile.js';
import type { ObservedUsage } from '../../../src/profiles/fit/usage.js';
import { loadProfile } from '../../../src/profiles/load.js';
import { profileYaml } from '../../../src/profiles/write.js';

const observed: ObservedUsage = {
  statistic: 'p95',
  kinds: {
    sidecar: {
      samples: 4800,
      pods: 200,
      samplesWithoutRps: 0,
      window: { from: Date.UTC(2025, 5, 1), to: Date.UTC(2025, 5, 1, 23) },
      quantiles: 'sketch',
      cpu: { model: 'line', base: 0.012, per1kRps: 0.19, fit: { base: 0.004, per1kRps: 0.19, r2: 0.97, residualRms: 0.003 } },
      memoryMiB: { model: 'line', base: 58, per1kRps: 0, fit: { base: 52, per1kRps: 0, r2: 0, residualRms: 4, clamped: 'per1kRps' } },
    },
    ztunnel: {
      samples: 288,
      pods: 12,
      samplesWithoutRps: 0,
      cpu: { model: 'per-pod', base: 0.055, per1kRps: 0, pods: { min: 0.05, max: 0.06, stdDev: 0.003 } },
      memoryMiB: { model: 'per-pod', base: 11.5, per1kRps: 0, pods: { min: 10, max: 13, stdDev: 0.8 } },
    },
  },
};

describe('observedProfile', () => {
  it('takes usage from the samples and everything else from the base profile', async () => {
    const base = await loadProfile('istio-1.24');
    const p = observedProfile(base, observed, { source: 'usage.csv', name: 'observed-usage-p95' });
    expect(p.spec.sidecar.usage).toEqual({ cpu: { base: 0.012, per1kRps: 0.19 }, memoryMiB: { base: 58, per1kRps: 0, perKPods: 0 } });
    expect(p.spec.ztunnel.usage).toEqual({ cpu: { base: 0.055, per1kRps: 0 }, memoryMiB: { base: 11.5, per1kRps: 0, perKPods: 0 } });
    // not observed: kept from the base
    expect(p.spec.waypoint.usage).toEqual(base.spec.waypoint.usage);
    expect(p.spec.cni).toEqual(base.spec.cni);
    for (const k of ['sidecar', 'ztunnel', 'waypoint'] as const) expect(p.spec[k].requests).toEqual(base.spec[k].requests);
    expect(p.spec.waypoint.scaling).toEqual(base.spec.waypoint.scaling);
    expect(p.spec.controlPlane).toEqual(base.spec.controlPlane);
    // the base is not modified
    expect(base.spec.sidecar.usage.cpu.per1kRps).toBe(0.2);
  });

  it('records the provenance a reader needs in metadata.observed', async () => {
    const p = observedProfile(await loadProfile('istio-1.24'), observed, { source: 'usage.csv', name: 'observed-usage-p95' });
    expect(p.metadata.name).toBe('observed-usage-p95');
    expect(p.metadata.sources[0]).toMatch(/^\[observed\] usage\.csv, p95: usage of sidecar, ztunnel/);
    expect(p.metadata.sources.slice(1).every((s) => s.startsWith('[istio-1.24] '))).toBe(true);
    expect(p.metadata.observed).toEqual({
      source: 'usage.csv',
      statistic: 'p95',
      baseProfile: 'istio-1.24',
      usageFromBase: ['waypoint', 'cni'],
      sidecar: {
        samples: 4800,
        pods: 200,
        window: { from: '2025-06-01T00:00:00.000Z', to: '2025-06-01T23:00:00.000Z' },
        quantiles: 'DDSketch, within 0.5% of the exact value',
        cpu: { model: 'least-squares line', base: 0.012, per1kRps: 0.19, fittedBase: 0.004, r2: 0.97, residualRms: 0.003 },
        memoryMiB: { model: 'least-squares line', base: 58, per1kRps: 0, fittedBase: 52, r2: 0, residualRms: 4, clampedAtZero: 'per1kRps' },
      },
      ztunnel: {
        samples: 288,
        pods: 12,
        cpu: { model: 'per-pod mean', base: 0.055, podMin: 0.05, podMax: 0.06, podStdDev: 0.003 },
        memoryMiB: { model: 'per-pod mean', base: 11.5, podMin: 10, podMax: 13, podStdDev: 0.8 },
      },
    });
  });

  it('written as YAML, reads back to the same profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-profile-'));
    try {
      const base = await loadProfile('olx-india');
      const p = observedProfile(base, observed, { source: 'usage.csv', name: 'observed-usage-p95' });
      const file = join(dir, 'observed.yaml');
      const text = profileYaml(p, ['written by a test']);
      expect(text.startsWith('# written by a test\n')).toBe(true);
      await writeFile(file, text);
      expect(await loadProfile(file)).toEqual(p);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('observedProfileName', () => {
  it('names the profile after the file and the statistic', () => {
    expect(observedProfileName('/data/prd usage.csv', 'p95')).toBe('observed-prd-usage-p95');
    expect(observedProfileName('usage', 'avg')).toBe('observed-usage-avg');
  });
});

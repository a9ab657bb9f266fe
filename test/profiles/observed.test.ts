import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profiles/load.js';
import { observedProfile } from '../../src/profiles/observed.js';
import { profileToYaml } from '../../src/profiles/toYaml.js';

describe('observedProfile', () => {
  it('replaces the usage of observed kinds with flat figures and keeps everything else from the base', async () => {
    const base = await loadProfile('istio-1.24');
    const p = observedProfile({
      base,
      name: 'seen',
      description: 'what ran',
      sources: ['a monitoring system'],
      usage: { sidecar: { cpu: 0.2, memoryMiB: 60 } },
      provenance: { statistic: 'p95' },
    });
    expect(p.spec.sidecar.usage).toEqual({ cpu: { base: 0.2, per1kRps: 0 }, memoryMiB: { base: 60, per1kRps: 0 } });
    expect(p.spec.sidecar.requests).toEqual(base.spec.sidecar.requests);
    expect(p.spec.ztunnel).toEqual(base.spec.ztunnel);
    expect(p.spec.waypoint).toEqual(base.spec.waypoint);
    expect(p.spec.controlPlane).toEqual(base.spec.controlPlane);
    expect(p.metadata).toMatchObject({ name: 'seen', description: 'what ran', observed: { baseProfile: 'istio-1.24', statistic: 'p95' } });
    expect(p.metadata.sources.slice(0, 2)).toEqual([
      'a monitoring system',
      'usage of sidecar: observed; usage of ztunnel, waypoint, requests, waypoint scaling and control plane: base profile istio-1.24',
    ]);
    // the base is not touched
    expect(base.spec.sidecar.usage.cpu).toEqual({ base: 0, per1kRps: 0.2 });
  });

  it('writes YAML that loads back to the same profile', async () => {
    const base = await loadProfile('olx-india');
    const p = observedProfile({
      base,
      name: 'seen',
      description: 'what ran',
      sources: ['x'],
      usage: { sidecar: { cpu: 0.123456789, memoryMiB: 57.220001 }, waypoint: { cpu: 0.4, memoryMiB: 80.5 } },
      provenance: { proxies: { sidecar: { samples: 3 } } },
    });
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-profile-'));
    try {
      const file = join(dir, 'p.yaml');
      await writeFile(file, await profileToYaml(p, ['a comment']));
      expect(await loadProfile(file)).toEqual(p);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

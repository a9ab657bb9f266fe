import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { applyOverrides, DEFAULT_SCALES, settableKeys, settableNumber, valueAt, type WhatIf } from '../../src/profiles/overrides.js';
import { prices, profile } from '../model/builders.js';

function base(): WhatIf {
  return {
    profile: profile({ sidecar: { requests: { cpu: '100m', memory: '128Mi' } }, waypoint: { scaling: { rpmPerReplica: 50000, headroom: 0.6, minReplicas: 2 } } }),
    prices: prices({ zoneNetworkEgress: 0.01 }),
    scales: DEFAULT_SCALES,
  };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('--set', () => {
  it('sets a plain number field from text', () => {
    const { run, overrides } = applyOverrides(base(), ['waypoint.scaling.rpmPerReplica=40000']);
    expect(run.profile.spec.waypoint.scaling.rpmPerReplica).toBe(40000);
    expect(overrides).toEqual([{ key: 'waypoint.scaling.rpmPerReplica', value: '40000', was: '50000' }]);
  });

  it('reads quantities in Kubernetes notation: 50m is 0.05 vCPU, 256Mi is 256 MiB', () => {
    const { run } = applyOverrides(base(), ['sidecar.requests.cpu=50m', 'sidecar.requests.memory=256Mi']);
    expect(run.profile.spec.sidecar.requests.cpu).toBe(0.05);
    expect(run.profile.spec.sidecar.requests.memory).toBe(256);
  });

  it('writes a memory field back as bytes, the unit a bare number has (128 MiB = 134217728 bytes)', () => {
    const { overrides } = applyOverrides(base(), ['sidecar.requests.memory=256Mi']);
    expect(overrides[0]!.was).toBe('134217728');
    expect(settableNumber('sidecar.requests.memory', 1)).toBe(1048576);
    expect(settableNumber('sidecar.requests.cpu', 0.1)).toBe(0.1);
  });

  it('sets prices, and the multipliers that live in no file', () => {
    const { run, overrides } = applyOverrides(base(), ['prices.zoneNetworkEgress=0.02', 'prices.CPU=0.04', 'prices.nodeScale=1.5', 'traffic.rpsScale=2', 'traffic.bytesScale=0.5']);
    expect(run.prices.spec.zoneNetworkEgress).toBe(0.02);
    expect(run.scales).toEqual({ nodeScale: 1.5, rpsScale: 2, bytesScale: 0.5 });
    expect(overrides.map((o) => o.was)).toEqual(['0.01', '0.04', '1', '1', '1']);
  });

  it('leaves the run it was given unchanged', () => {
    const b = base();
    applyOverrides(b, ['sidecar.requests.cpu=1', 'prices.CPU=9', 'traffic.rpsScale=3']);
    expect(b.profile.spec.sidecar.requests.cpu).toBe(0.1);
    expect(b.prices.spec.CPU).toBe(0.04);
    expect(b.scales.rpsScale).toBe(1);
  });

  it('a key set twice keeps its last value and its first "was"', () => {
    const { run, overrides } = applyOverrides(base(), ['prices.CPU=0.05', 'prices.CPU=0.06']);
    expect(run.prices.spec.CPU).toBe(0.06);
    expect(overrides).toEqual([{ key: 'prices.CPU', value: '0.06', was: '0.04' }]);
  });

  it('finds the keys in the schemas, nested ones included', () => {
    const keys = settableKeys();
    for (const k of ['sidecar.usage.cpu.per1kRps', 'controlPlane.ambient.memory', 'prices.spotRAM', 'prices.billBothDirections', 'traffic.bytesScale']) expect(keys).toContain(k);
    // a map is not a field: instance-type prices move with prices.nodeScale
    expect(keys.some((k) => k.startsWith('prices.instanceTypes'))).toBe(false);
    expect(valueAt(base(), 'waypoint.scaling.headroom')).toBe(0.6);
  });

  it('a misspelt key is one line with a "did you mean"', () => {
    expect(errorOf(() => applyOverrides(base(), ['sidecar.request.cpu=50m']))).toBe(
      '--set sidecar.request.cpu=50m: unknown key "sidecar.request.cpu": did you mean "sidecar.requests.cpu"? (expected a profile key such as sidecar.requests.cpu, prices.<key>, or traffic.rpsScale)',
    );
  });

  it('a value the field refuses is one line naming what was found', () => {
    expect(errorOf(() => applyOverrides(base(), ['sidecar.requests.cpu=lots']))).toBe(
      '--set sidecar.requests.cpu=lots: expected a cpu quantity such as 100m or 0.5, found "lots"',
    );
    expect(errorOf(() => applyOverrides(base(), ['waypoint.scaling.minReplicas=1.5']))).toBe('--set waypoint.scaling.minReplicas=1.5: Invalid input: expected int, received number, found "1.5"');
    expect(errorOf(() => applyOverrides(base(), ['traffic.rpsScale=-1']))).toBe('--set traffic.rpsScale=-1: Too small: expected number to be >=0, found "-1"');
    expect(errorOf(() => applyOverrides(base(), ['prices.CPU']))).toBe('--set prices.CPU: expected KEY=VALUE, e.g. --set waypoint.scaling.rpmPerReplica=40000');
  });
});

import { describe, expect, it } from 'vitest';
import { proxyFootprint, usageAt } from '../../src/model/resources.js';
import { profile } from './builders.js';

// usage: cpu = 0.01 + 0.2·L/1000 vCPU, memory = 50 + 10·L/1000 MiB; requests 100m / 128Mi
const sidecar = profile({
  sidecar: {
    usage: { cpu: { base: 0.01, per1kRps: 0.2 }, memoryMiB: { base: 50, per1kRps: 10 } },
    requests: { cpu: '100m', memory: '128Mi' },
  },
}).spec.sidecar;

describe('usageAt', () => {
  it('base + per1kRps·L/1000', () => {
    // L = 500: cpu 0.01 + 0.2·0.5 = 0.11; memory 50 + 10·0.5 = 55
    const u = usageAt(sidecar, 500);
    expect(u.cpu).toBeCloseTo(0.11, 12);
    expect(u.memoryMiB).toBeCloseTo(55, 12);
  });

  it('parses requests quantities: 100m → 0.1 vCPU, 128Mi → 128 MiB', () => {
    expect(sidecar.requests).toEqual({ cpu: 0.1, memory: 128 });
  });
});

describe('proxyFootprint by basis', () => {
  it('usage: the linear usage', () => {
    // L = 500 → 0.11 vCPU, 55 MiB
    const f = proxyFootprint(sidecar, 500, 'usage');
    expect(f.cpu).toBeCloseTo(0.11, 12);
    expect(f.memoryMiB).toBeCloseTo(55, 12);
  });

  it('requests: the requests whatever the load', () => {
    expect(proxyFootprint(sidecar, 500, 'requests')).toEqual({ cpu: 0.1, memoryMiB: 128 });
    expect(proxyFootprint(sidecar, 1e6, 'requests')).toEqual({ cpu: 0.1, memoryMiB: 128 });
  });

  it('max: per resource, max(usage, request)', () => {
    // L = 500: cpu max(0.11, 0.1) = 0.11 (usage), memory max(55, 128) = 128 (request)
    const f = proxyFootprint(sidecar, 500, 'max');
    expect(f.cpu).toBeCloseTo(0.11, 12);
    expect(f.memoryMiB).toBe(128);
    // L = 0: cpu max(0.01, 0.1) = 0.1, memory max(50, 128) = 128 — both requests
    expect(proxyFootprint(sidecar, 0, 'max')).toEqual({ cpu: 0.1, memoryMiB: 128 });
    // L = 10,000: cpu 0.01 + 2 = 2.01, memory 50 + 100 = 150 — both usage
    const hi = proxyFootprint(sidecar, 10_000, 'max');
    expect(hi.cpu).toBeCloseTo(2.01, 12);
    expect(hi.memoryMiB).toBeCloseTo(150, 12);
  });

  it('a workload requests override replaces the profile requests (requests and max)', () => {
    // requests basis: {0.05, 64}; max at L = 500: cpu max(0.11, 0.05) = 0.11, memory max(55, 64) = 64
    expect(proxyFootprint(sidecar, 500, 'requests', { cpu: 0.05, memoryMiB: 64 })).toEqual({ cpu: 0.05, memoryMiB: 64 });
    const f = proxyFootprint(sidecar, 500, 'max', { cpu: 0.05, memoryMiB: 64 });
    expect(f.cpu).toBeCloseTo(0.11, 12);
    expect(f.memoryMiB).toBe(64);
    // a partial override keeps the profile's other request: cpu 0.05, memory 128
    expect(proxyFootprint(sidecar, 0, 'requests', { cpu: 0.05 })).toEqual({ cpu: 0.05, memoryMiB: 128 });
  });

  it('an omitted component costs nothing on any basis', () => {
    const absent = profile({}).spec.ztunnel;
    for (const basis of ['usage', 'requests', 'max'] as const) {
      expect(proxyFootprint(absent, 5000, basis)).toEqual({ cpu: 0, memoryMiB: 0 });
    }
  });
});

/**
 * A ProxyProfile back to YAML that `loadProfile` reads to the same values. The parsed
 * form holds requests as vCPU and MiB, but in the file a bare number is bytes (as in
 * Kubernetes), so requests go out as quantities. Computed figures are rounded to six
 * significant digits: more is noise, and the file is for people too.
 */
import { stringify } from 'yaml';
import { formatCpu, formatMemoryMiB, MIB } from '../quantity.js';
import type { ComponentProfile, ProxyProfile, Requests } from './schema.js';

function cpuQuantity(vcpu: number): string | number {
  const milli = vcpu * 1000;
  return Math.abs(milli - Math.round(milli)) < 1e-9 ? formatCpu(vcpu) : vcpu;
}

function memoryQuantity(mib: number): string | number {
  return Math.abs(mib - Math.round(mib)) < 1e-9 ? formatMemoryMiB(mib) : Math.round(mib * MIB);
}

function requestsDocument(r: Requests): { cpu: string | number; memory: string | number } {
  return { cpu: cpuQuantity(r.cpu), memory: memoryQuantity(r.memory) };
}

function round(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(6));
  if (Array.isArray(value)) return value.map(round);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
  return value;
}

/** The profile as the plain object its YAML file holds. */
export function profileDocument(profile: ProxyProfile): unknown {
  const s = profile.spec;
  const component = (c: ComponentProfile) => ({ usage: c.usage, requests: requestsDocument(c.requests) });
  return round({
    apiVersion: profile.apiVersion,
    kind: profile.kind,
    metadata: profile.metadata,
    spec: {
      sidecar: component(s.sidecar),
      ztunnel: component(s.ztunnel),
      cni: component(s.cni),
      waypoint: { ...component(s.waypoint), scaling: s.waypoint.scaling },
      controlPlane: {
        sidecar: { ...requestsDocument(s.controlPlane.sidecar), perProxy: s.controlPlane.sidecar.perProxy },
        ambient: { ...requestsDocument(s.controlPlane.ambient), perProxy: s.controlPlane.ambient.perProxy },
      },
    },
  });
}

/** YAML text, with `header` lines as a leading comment. */
export function profileYaml(profile: ProxyProfile, header: string[] = []): string {
  const comment = header.map((l) => `# ${l}\n`).join('');
  return comment + stringify(profileDocument(profile), { lineWidth: 0 });
}

/**
 * A ProxyProfile as YAML that loads back to the same numbers: usage stays plain
 * numbers, cpu requests stay vCPU, memory requests are written in Mi (a bare number
 * would mean bytes, as in Kubernetes).
 */
import type { ProxyProfile, Requests } from './schema.js';

export async function profileToYaml(profile: ProxyProfile, comment: readonly string[] = []): Promise<string> {
  const { stringify } = await import('yaml');
  const requests = (r: Requests) => ({ cpu: r.cpu, memory: `${r.memory}Mi` });
  const component = (c: ProxyProfile['spec']['sidecar']) => ({ usage: c.usage, requests: requests(c.requests) });
  const { spec } = profile;
  const doc = {
    apiVersion: profile.apiVersion,
    kind: profile.kind,
    metadata: profile.metadata,
    spec: {
      sidecar: component(spec.sidecar),
      ztunnel: component(spec.ztunnel),
      cni: component(spec.cni),
      waypoint: { ...component(spec.waypoint), scaling: spec.waypoint.scaling },
      controlPlane: { sidecar: requests(spec.controlPlane.sidecar), ambient: requests(spec.controlPlane.ambient) },
    },
  };
  return comment.map((line) => `# ${line}\n`).join('') + stringify(doc, { lineWidth: 0 });
}

/**
 * The namespace labels that say how a namespace is meshed today: sidecar injection
 * (`istio-injection=enabled`, or a revision with `istio.io/rev`) or ambient
 * (`istio.io/dataplane-mode=ambient`). They tell the migration where it starts.
 */
import type { KubeObject } from './objects.js';

const MESH_LABELS: { key: string; matches: (value: string) => boolean }[] = [
  { key: 'istio-injection', matches: (v) => v === 'enabled' },
  { key: 'istio.io/rev', matches: (v) => v !== '' },
  { key: 'istio.io/dataplane-mode', matches: (v) => v === 'ambient' },
];

/** `label=value` for each mesh label the namespace carries. */
export function meshLabelsOf(ns: KubeObject): string[] {
  const labels = ns.metadata?.labels ?? {};
  return MESH_LABELS.filter(({ key, matches }) => typeof labels[key] === 'string' && matches(labels[key])).map(
    ({ key }) => `${key}=${labels[key]}`,
  );
}

/**
 * Step 3: a waypoint enforces only policies attached to it with targetRefs; the
 * selector-attached L7 AuthorizationPolicies and RequestAuthentications of the Istio
 * configuration keep working for sidecars only. Each gets a copy with the selector
 * replaced by targetRefs to the Services it reached (or, for a namespace-wide one, to
 * the namespace's waypoint), applied before enrolment so that L7 enforcement has no gap.
 */
import type { PolicyCopy } from '../istio/index.js';
import type { KubeObject, ManifestFile } from './types.js';
import { WAYPOINT_NAME } from './waypoint.js';

/** the copies' names: beside the original, never replacing it while sidecars still enforce it */
export const copyName = (name: string): string => `${name}-waypoint`;

export function policiesFile(namespace: string, policies: readonly PolicyCopy[]): ManifestFile {
  const objects: KubeObject[] = policies.map((p) => {
    const { selector: _selector, ...rest } = p.spec;
    const targetRefs =
      p.services.length > 0
        ? p.services.map((name) => ({ group: '', kind: 'Service', name }))
        : [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: WAYPOINT_NAME }];
    return {
      apiVersion: 'security.istio.io/v1',
      kind: p.kind,
      metadata: { name: copyName(p.name), namespace },
      spec: { ...rest, targetRefs },
    };
  });
  return {
    kind: 'resources',
    step: '3-policies',
    path: `${namespace}/policies.yaml`,
    comment: [
      `targetRefs copies of the L7 policies in namespace ${namespace} that attach by selector (or to the whole namespace): ${policies.map((p) => `${p.kind} ${p.name}`).join(', ')}.`,
      ...policies.map((p) =>
        p.services.length > 0
          ? `  ${copyName(p.name)}: the Services whose pods ${p.name} selects: ${p.services.join(', ')}.`
          : `  ${copyName(p.name)}: namespace-wide, attached to the namespace's waypoint.`,
      ),
      'The originals stay: the sidecars enforce them until 5-remove-sidecars; delete them after it.',
    ],
    objects,
  };
}

/** `--mtls strict`: one PeerAuthentication in the root namespace applies mesh-wide. */
import type { ManifestFile } from './types.js';

const ROOT_NAMESPACE = 'istio-system';

export function strictMtlsFile(cluster: string): ManifestFile {
  return {
    kind: 'resources',
    step: '7-strict-mtls',
    path: `${ROOT_NAMESPACE}/peer-authentication.yaml`,
    comment: [
      `--mtls strict: every workload in cluster ${cluster} accepts only mutual TLS (ztunnel's HBONE).`,
      'Apply it once every client is in the mesh: plain-text callers from outside it are refused from then on.',
    ],
    objects: [
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: ROOT_NAMESPACE },
        spec: { mtls: { mode: 'STRICT' } },
      },
    ],
  };
}

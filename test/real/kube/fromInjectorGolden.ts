/**
 * Istio's injector golden files (pkg/kube/inject/testdata/inject/*.yaml.injected) are
 * what the injector writes into a workload: a Deployment's or DaemonSet's pod template,
 * or a Pod. A cluster runs pods, so this turns each into the running pods kubectl would
 * list: `replicas` pods per Deployment (1 when unset), one per DaemonSet (on the one
 * node), a Pod as it is; each in the namespace named after its file (several goldens
 * share the name `hello`), owned as the API server owns them (Deployment → ReplicaSet
 * `<name>-<hash>` with the `pod-template-hash` label, DaemonSet → itself), scheduled on
 * `node-1`, phase Running. Nothing of the template is changed.
 */
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/inventory/kube/objects.js';

const HASH = '5f8d9c7b6';
export const NODE = 'node-1';

interface Workload {
  kind: string;
  metadata: { name: string };
  spec?: { replicas?: number; template?: { metadata?: Record<string, unknown>; spec: Record<string, unknown> } };
}

export function podsFromGolden(text: string, namespace: string): KubeObject[] {
  const pods: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const w = doc.toJS() as (Workload & KubeObject) | null;
    if (!w) continue;
    const running = { phase: 'Running' };
    if (w.kind === 'Pod') {
      pods.push({ ...w, metadata: { ...w.metadata, namespace }, spec: { ...w.spec, nodeName: NODE }, status: running });
      continue;
    }
    const template = w.spec!.template!;
    const meta = (template.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
    const deployment = w.kind === 'Deployment';
    const replicas = deployment ? (w.spec!.replicas ?? 1) : 1;
    for (let i = 0; i < replicas; i++) {
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: deployment ? `${w.metadata.name}-${HASH}-${i}` : `${w.metadata.name}-${i}`,
          namespace,
          labels: { ...meta.labels, ...(deployment ? { 'pod-template-hash': HASH } : {}) },
          ...(meta.annotations ? { annotations: meta.annotations } : {}),
          ownerReferences: [{ kind: deployment ? 'ReplicaSet' : w.kind, name: deployment ? `${w.metadata.name}-${HASH}` : w.metadata.name, controller: true }],
        },
        spec: { ...template.spec, nodeName: NODE } as KubeObject['spec'],
        status: running,
      });
    }
  }
  return pods;
}

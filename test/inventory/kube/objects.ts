/** Kubernetes objects as kubectl prints them, trimmed to what a test needs. */
import type { Container, KubeObject } from '../../../src/inventory/kube/objects.js';

export function node(name: string, labels: Record<string, string> = { 'topology.kubernetes.io/zone': 'z1' }, allocatable: Record<string, string> | null = { cpu: '4', memory: '16Gi' }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: { ...(allocatable ? { allocatable } : {}), capacity: { cpu: '4', memory: '16Gi' } },
  };
}

export interface PodOptions {
  owner?: { kind: string; name: string };
  hash?: string;
  node?: string;
  phase?: string;
  hostNetwork?: boolean;
  containers?: Container[];
  initContainers?: Container[];
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

export function pod(namespace: string, name: string, o: PodOptions = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { ...(o.hash ? { 'pod-template-hash': o.hash } : {}), ...o.labels },
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.owner ? { ownerReferences: [{ ...o.owner, controller: true }] } : {}),
    },
    spec: {
      containers: o.containers ?? [{ name: 'app' }],
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.hostNetwork ? { hostNetwork: true } : {}),
    },
    status: { phase: o.phase ?? 'Running' },
  };
}

/** A Deployment's pod: owned by the ReplicaSet `<name>-<hash>`, labelled with the hash. */
export function deploymentPod(namespace: string, deployment: string, suffix: string, node: string, extra: PodOptions = {}): KubeObject {
  const hash = '7d4b9c6f58';
  return pod(namespace, `${deployment}-${hash}-${suffix}`, { owner: { kind: 'ReplicaSet', name: `${deployment}-${hash}` }, hash, node, ...extra });
}

/** A container with requests (cpu, memory as kubectl prints them). */
export const app = (name: string, cpu?: string, memory?: string, extra: Partial<Container> = {}): Container => ({
  name,
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
  ...extra,
});

export const proxy = (cpu?: string, memory?: string, extra: Partial<Container> = {}): Container => ({
  name: 'istio-proxy',
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
  ...extra,
});

export function list(items: KubeObject[], kind = 'List'): string {
  return JSON.stringify({ apiVersion: 'v1', items, kind, metadata: { resourceVersion: '' } }, null, 4);
}

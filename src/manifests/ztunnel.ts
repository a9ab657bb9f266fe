/**
 * ztunnel runs one per node (a DaemonSet from the istio/ztunnel Helm chart); its
 * requests come from the profile, so the cluster reserves what the estimate priced.
 */
import type { ComponentProfile } from '../profiles/schema.js';
import { formatCpu, formatMemoryMiB } from '../quantity.js';
import { count, plural } from './explain.js';
import type { ManifestFile } from './types.js';

export function ztunnelValuesFile(cluster: string, nodes: number, ztunnel: ComponentProfile, profileName: string): ManifestFile {
  const { cpu, memory } = ztunnel.requests;
  const requests: Record<string, string> = {};
  if (cpu > 0) requests.cpu = formatCpu(cpu);
  if (memory > 0) requests.memory = formatMemoryMiB(memory);
  return {
    kind: 'helmValues',
    path: 'ztunnel-values.yaml',
    comment: [
      `Helm values for the istio/ztunnel chart in cluster ${cluster} (not a Kubernetes object: kustomize does not list it):`,
      '  helm upgrade --install ztunnel istio/ztunnel -n istio-system -f ztunnel-values.yaml',
      `One ztunnel per node: ${plural(nodes, 'node')} × ${formatCpu(cpu)} CPU = ${count(nodes * cpu)} vCPU, × ${formatMemoryMiB(memory)} = ${count((nodes * memory) / 1024)} GiB requested (profile ${profileName}).`,
    ],
    values: Object.keys(requests).length > 0 ? { resources: { requests } } : {},
  };
}

/**
 * Folds pods into workloads as they arrive: one group per direct owner (a ReplicaSet,
 * a Job, a StatefulSet…) with a pod count per node and running means of sidecar
 * requests; no pod is kept. Groups are resolved to their top-level controller only at
 * the end, because the ReplicaSets and Jobs that say who owns them may come later in
 * the input (or in another file).
 */
import type { InventoryWorkload } from '../types.js';
import type { Owner, Owners } from './owners.js';
import type { PodFacts } from './pods.js';
import { detach, Interner } from './strings.js';

interface Group {
  namespace: string;
  owner: Owner;
  templateHash?: string;
  file: string;
  pods: number;
  placement: Map<string, number>;
  hostNetwork: boolean;
  cpu: Mean;
  memoryMiB: Mean;
  /** the first pod's labels (pods of one controller share their template's) */
  labels?: Record<string, string>;
}

/** A running mean: it stays exactly x while every value is x (a sum divided by n would not). */
interface Mean {
  mean: number;
  n: number;
}

export class WorkloadFolder {
  private readonly groups = new Map<string, Group>();
  /** namespaces, kinds and node names repeat: one copy of each */
  private readonly shared = new Interner();

  add(pod: PodFacts, file: string): void {
    const id = `${pod.namespace}\u0000${pod.owner.kind}\u0000${pod.owner.name}`;
    let g = this.groups.get(id);
    if (!g) {
      g = {
        namespace: this.shared.get(pod.namespace),
        owner: { kind: this.shared.get(pod.owner.kind), name: detach(pod.owner.name) },
        ...(pod.templateHash ? { templateHash: detach(pod.templateHash) } : {}),
        file,
        pods: 0,
        placement: new Map(),
        hostNetwork: false,
        cpu: { mean: 0, n: 0 },
        memoryMiB: { mean: 0, n: 0 },
        ...(pod.labels ? { labels: pod.labels } : {}),
      };
      this.groups.set(detach(id), g);
    }
    g.pods++;
    if (pod.node !== undefined) {
      const n = g.placement.get(pod.node);
      if (n === undefined) g.placement.set(this.shared.get(pod.node), 1);
      else g.placement.set(pod.node, n + 1);
    }
    g.hostNetwork ||= pod.hostNetwork;
    const r = pod.sidecar?.requests;
    if (r?.cpu !== undefined) addTo(g.cpu, r.cpu);
    if (r?.memoryMiB !== undefined) addTo(g.memoryMiB, r.memoryMiB);
  }

  /**
   * One workload per top-level controller, in the order they were first seen. Sidecar
   * requests are the mean over the pods that declare them (replicas of one workload
   * differ only mid-rollout).
   */
  finish(owners: Owners, cluster: string, environment: string): InventoryWorkload[] {
    const merged = new Map<string, { w: InventoryWorkload; cpu: Mean; memoryMiB: Mean }>();
    for (const g of this.groups.values()) {
      const top = owners.topLevel(g.namespace, g.owner, g.templateHash);
      const id = `${g.namespace}\u0000${top.kind}\u0000${top.name}`;
      let m = merged.get(id);
      if (!m) {
        m = {
          w: {
            cluster,
            environment,
            namespace: g.namespace,
            name: top.name,
            kind: top.kind,
            replicas: 0,
            rps: 0,
            waypoint: false,
            canary: false,
            hostNetwork: false,
            placement: new Map(),
            origin: { file: g.file },
            ...(g.labels ? { labels: g.labels } : {}),
          },
          cpu: { mean: 0, n: 0 },
          memoryMiB: { mean: 0, n: 0 },
        };
        merged.set(id, m);
      }
      m.w.replicas += g.pods;
      m.w.hostNetwork ||= g.hostNetwork;
      for (const [node, n] of g.placement) m.w.placement!.set(node, (m.w.placement!.get(node) ?? 0) + n);
      addTo(m.cpu, g.cpu.mean, g.cpu.n);
      addTo(m.memoryMiB, g.memoryMiB.mean, g.memoryMiB.n);
    }
    return [...merged.values()].map(({ w, cpu, memoryMiB }) => {
      if (cpu.n + memoryMiB.n > 0) {
        w.sidecarRequests = {
          ...(cpu.n > 0 ? { cpu: cpu.mean } : {}),
          ...(memoryMiB.n > 0 ? { memoryMiB: memoryMiB.mean } : {}),
        };
      }
      return w;
    });
  }
}

/** Adds `n` values whose mean is `value`. */
function addTo(m: Mean, value: number, n = 1): void {
  if (n === 0) return;
  m.n += n;
  m.mean += (value - m.mean) * (n / m.n);
}

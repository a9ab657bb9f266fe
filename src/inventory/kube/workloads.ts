/**
 * Folds pods into workloads as they arrive: one group per direct owner (a ReplicaSet,
 * a Job, a StatefulSet…) with a pod count per node, the pods running istio-proxy or
 * opted out, and running means of sidecar and own requests; no pod is kept. Groups are
 * resolved to their top-level controller only at the end, because the ReplicaSets and
 * Jobs that say who owns them may come later in the input (or in another file). Mesh
 * infrastructure is folded the same way but comes out apart, never as a workload.
 */
import type { InfrastructureComponent, InfrastructureSeen, InventoryWorkload } from '../types.js';
import type { Owner, Owners } from './owners.js';
import type { PodFacts } from './pods.js';
import { detach, Interner } from './strings.js';

interface Tally {
  pods: number;
  placement: Map<string, number>;
  hostNetwork: boolean;
  sidecars: number;
  optedOut: number;
  withoutRequests: number;
  sidecarCpu: Mean;
  sidecarMemoryMiB: Mean;
  ownCpu: Mean;
  ownMemoryMiB: Mean;
}

interface Group extends Tally {
  namespace: string;
  owner: Owner;
  templateHash?: string;
  component?: InfrastructureComponent;
  file: string;
}

/** A running mean: it stays exactly x while every value is x (a sum divided by n would not). */
interface Mean {
  mean: number;
  n: number;
}

export interface Folded {
  workloads: InventoryWorkload[];
  infrastructure: InfrastructureSeen[];
}

const emptyTally = (): Tally => ({
  pods: 0,
  placement: new Map(),
  hostNetwork: false,
  sidecars: 0,
  optedOut: 0,
  withoutRequests: 0,
  sidecarCpu: { mean: 0, n: 0 },
  sidecarMemoryMiB: { mean: 0, n: 0 },
  ownCpu: { mean: 0, n: 0 },
  ownMemoryMiB: { mean: 0, n: 0 },
});

export class WorkloadFolder {
  private readonly groups = new Map<string, Group>();
  /** namespaces, kinds and node names repeat: one copy of each */
  private readonly shared = new Interner();

  add(pod: PodFacts, file: string): void {
    const id = `${pod.namespace}\u0000${pod.owner.kind}\u0000${pod.owner.name}\u0000${pod.infrastructure ?? ''}`;
    let g = this.groups.get(id);
    if (!g) {
      g = {
        ...emptyTally(),
        namespace: this.shared.get(pod.namespace),
        owner: { kind: this.shared.get(pod.owner.kind), name: detach(pod.owner.name) },
        ...(pod.templateHash ? { templateHash: detach(pod.templateHash) } : {}),
        ...(pod.infrastructure ? { component: pod.infrastructure } : {}),
        file,
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
    if (pod.sidecar) g.sidecars++;
    if (pod.optedOut) g.optedOut++;
    const r = pod.sidecar?.requests;
    if (r?.cpu !== undefined) addTo(g.sidecarCpu, r.cpu);
    if (r?.memoryMiB !== undefined) addTo(g.sidecarMemoryMiB, r.memoryMiB);
    const own = pod.own.requests;
    if (own) {
      addTo(g.ownCpu, own.cpu);
      addTo(g.ownMemoryMiB, own.memoryMiB);
    } else g.withoutRequests++;
  }

  /**
   * One workload per top-level controller, in the order they were first seen. Requests
   * are the mean over the pods that declare them (replicas of one workload differ only
   * mid-rollout).
   */
  finish(owners: Owners, cluster: string, environment: string): Folded {
    const merged = new Map<string, { top: Owner; namespace: string; file: string; component?: InfrastructureComponent; t: Tally }>();
    for (const g of this.groups.values()) {
      const top = owners.topLevel(g.namespace, g.owner, g.templateHash);
      const id = `${g.namespace}\u0000${top.kind}\u0000${top.name}\u0000${g.component ?? ''}`;
      let m = merged.get(id);
      if (!m) {
        m = { top, namespace: g.namespace, file: g.file, ...(g.component ? { component: g.component } : {}), t: emptyTally() };
        merged.set(id, m);
      }
      const t = m.t;
      t.pods += g.pods;
      t.hostNetwork ||= g.hostNetwork;
      t.sidecars += g.sidecars;
      t.optedOut += g.optedOut;
      t.withoutRequests += g.withoutRequests;
      for (const [node, n] of g.placement) t.placement.set(node, (t.placement.get(node) ?? 0) + n);
      for (const k of ['sidecarCpu', 'sidecarMemoryMiB', 'ownCpu', 'ownMemoryMiB'] as const) addTo(t[k], g[k].mean, g[k].n);
    }
    const folded: Folded = { workloads: [], infrastructure: [] };
    for (const { top, namespace, file, component, t } of merged.values()) {
      if (component) {
        folded.infrastructure.push({ cluster, namespace, name: top.name, component, pods: t.pods });
        continue;
      }
      const w: InventoryWorkload = {
        cluster,
        environment,
        namespace,
        name: top.name,
        kind: top.kind,
        replicas: t.pods,
        rps: 0,
        waypoint: false,
        canary: false,
        hostNetwork: t.hostNetwork,
        placement: t.placement,
        sidecarsToday: t.sidecars,
        optedOut: t.optedOut,
        podsWithoutRequests: t.withoutRequests,
        origin: { file },
      };
      if (t.sidecarCpu.n + t.sidecarMemoryMiB.n > 0) {
        w.sidecarRequests = {
          ...(t.sidecarCpu.n > 0 ? { cpu: t.sidecarCpu.mean } : {}),
          ...(t.sidecarMemoryMiB.n > 0 ? { memoryMiB: t.sidecarMemoryMiB.mean } : {}),
        };
      }
      if (t.ownCpu.n > 0) w.podRequests = { cpu: t.ownCpu.mean, memoryMiB: t.ownMemoryMiB.mean };
      folded.workloads.push(w);
    }
    return folded;
  }
}

/** Adds `n` values whose mean is `value`. */
function addTo(m: Mean, value: number, n = 1): void {
  if (n === 0) return;
  m.n += n;
  m.mean += (value - m.mean) * (n / m.n);
}

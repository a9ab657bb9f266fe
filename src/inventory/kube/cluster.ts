/**
 * One cluster's objects, gathered from any number of kubectl documents in any order:
 * nodes as they are, pods folded into workloads (mesh infrastructure apart), namespaces'
 * mesh labels, and the ReplicaSets and Jobs that name their owners. `finish` checks what
 * only the whole input can tell (pods on nodes that were never listed) and returns the
 * inventory.
 */
import { InputError } from '../../errors.js';
import { dataPlaneOf } from '../meshLabels.js';
import type { Inventory, InventoryNamespace, InventoryNode, MeshObservation, ReadContext } from '../types.js';
import { describeObject, PRODUCE, type Place } from './documents.js';
import { meshLabelsOf } from './namespaces.js';
import { readNode } from './nodes.js';
import type { KubeObject } from './objects.js';
import { Owners } from './owners.js';
import { readPod } from './pods.js';
import { detach } from './strings.js';
import { WorkloadFolder } from './workloads.js';

const PROGRESS_EVERY = 10_000;

export class ClusterDump {
  private readonly nodes = new Map<string, InventoryNode>();
  /** `namespace/name` of every pod counted, to catch a pod given twice (overlapping dumps) */
  private readonly podIds = new Set<string>();
  private readonly workloads = new WorkloadFolder();
  private readonly owners = new Owners();
  private readonly labelled: MeshObservation['labelledNamespaces'] = [];
  private readonly namespaces = new Map<string, InventoryNamespace>();
  private sidecars = 0;

  constructor(
    private readonly cluster: string,
    private readonly environment: string,
    private readonly ctx: ReadContext,
  ) {}

  add(obj: KubeObject, place: Place): void {
    switch (obj.kind) {
      case 'Node':
        return this.addNode(obj, place);
      case 'Pod':
        return this.addPod(obj, place);
      case 'Namespace':
        return this.addNamespace(obj);
      default:
        if (Owners.describes(obj)) return this.owners.record(obj);
        if (!place.item) {
          throw new InputError(`expected a List of Nodes and Pods (\`${PRODUCE}\`), found a single ${obj.kind}`, { file: place.file });
        }
        this.ctx.warnings.add('kube-other-kinds', '{count} {object|objects} of kinds mesh-cost does not read (only Node, Pod, Namespace, ReplicaSet, Job) {was|were} skipped', `${place.file}: ${describeObject(place, obj)}`);
    }
  }

  private addNamespace(obj: KubeObject): void {
    const name = detach(obj.metadata?.name ?? '');
    if (name === '' || this.namespaces.has(name)) return;
    for (const label of meshLabelsOf(obj)) this.labelled.push({ cluster: this.cluster, namespace: name, label: detach(label) });
    const today = dataPlaneOf(obj.metadata?.labels ?? {});
    this.namespaces.set(name, { cluster: this.cluster, name, ...(today ? { dataPlane: today.dataPlane, label: detach(today.label) } : {}) });
  }

  private addNode(obj: KubeObject, place: Place): void {
    const node = readNode(obj, place, { cluster: this.cluster, environment: this.environment, warnings: this.ctx.warnings });
    if (this.nodes.has(node.name)) {
      this.ctx.warnings.add('kube-duplicate-nodes', '{count} {node was|nodes were} given more than once: the first is kept', `${place.file}: ${describeObject(place, obj)}`);
      return;
    }
    this.nodes.set(node.name, node);
  }

  private addPod(obj: KubeObject, place: Place): void {
    const pod = readPod(obj, place);
    if (!pod) return;
    const id = `${pod.namespace}/${pod.name}`;
    if (this.podIds.has(id)) {
      this.ctx.warnings.add('kube-duplicate-pods', '{count} {pod was|pods were} given more than once: {it is|they are} counted once', `${place.file}: ${describeObject(place, obj)}`);
      return;
    }
    this.podIds.add(detach(id));
    for (const bad of pod.own.malformed) {
      this.ctx.warnings.add('kube-pod-request-quantity', "{count} container {request is not a Kubernetes quantity: it counts|requests are not Kubernetes quantities: they count} as 0 in the pods' own requests", `${place.file}: ${describeObject(place, obj)}: "${bad}"`);
    }
    if (pod.sidecar && !pod.infrastructure) {
      this.sidecars++;
      for (const bad of pod.sidecar.malformed) {
        this.ctx.warnings.add('kube-sidecar-quantity', '{count} istio-proxy {request or sidecar.istio.io annotation is not a Kubernetes quantity: it is|requests or sidecar.istio.io annotations are not Kubernetes quantities: they are} ignored', `${place.file}: ${describeObject(place, obj)}: "${bad}"`);
      }
    }
    this.workloads.add(pod, place.file);
    if (this.podIds.size % PROGRESS_EVERY === 0) this.ctx.progress?.(this.podIds.size, undefined, 'pods');
  }

  finish(sources: string[]): Inventory {
    if (this.nodes.size === 0) {
      throw new InputError(`no Node objects in ${sources.join(', ')}: pass the output of \`${PRODUCE}\` (or add \`kubectl get nodes -o json\`)`);
    }
    const { workloads, infrastructure } = this.workloads.finish(this.owners, this.cluster, this.environment);
    let unscheduled = 0;
    for (const w of workloads) {
      let placed = 0;
      for (const [node, pods] of w.placement!) {
        placed += pods;
        if (!this.nodes.has(node)) {
          this.ctx.warnings.add('kube-unknown-node', '{count} {pod runs on a node|pods run on nodes} absent from the input: {it is|they are} priced at the cluster average', `${w.namespace}/${w.name} on ${node}`, pods);
        }
      }
      unscheduled += w.replicas - placed;
    }
    if (unscheduled > 0) {
      this.ctx.warnings.add('kube-unscheduled-pods', '{count} {pod is|pods are} not scheduled on a node yet: {it is|they are} priced at the cluster average', undefined, unscheduled);
    }
    const mesh: MeshObservation | undefined =
      this.sidecars > 0 || this.labelled.length > 0
        ? { sidecarsSeen: this.sidecars, labelledNamespaces: [...this.labelled].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0)) }
        : undefined;
    return {
      sources,
      nodes: [...this.nodes.values()],
      workloads,
      pods: this.podIds.size,
      ...(mesh ? { mesh } : {}),
      ...(this.namespaces.size > 0 ? { namespaces: [...this.namespaces.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) } : {}),
      ...(infrastructure.length > 0 ? { infrastructure } : {}),
    };
  }
}

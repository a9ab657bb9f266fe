/**
 * A Node object → an InventoryNode: zone, instance type and capacity type from the
 * well-known labels of each cloud, vCPU and memory from `status.allocatable` (what pods
 * can use, which is what OpenCost prices).
 */
import { InputError } from '../../errors.js';
import { GIB, parseQuantity } from '../../quantity.js';
import { INSTANCE_TYPE_LABELS, ZONE_LABELS, capacityTypeOf, firstLabel, noZtunnelOf } from '../nodeLabels.js';
import { MAX_NODE_MEMORY_BYTES, MAX_NODE_VCPU, UNKNOWN_ZONE, type InventoryNode, type Warnings } from '../types.js';
import { describeObject, type Place } from './documents.js';
import type { KubeObject } from './objects.js';
import { detach } from './strings.js';

export interface NodeContext {
  cluster: string;
  environment: string;
  warnings: Warnings;
}

export function readNode(obj: KubeObject, place: Place, ctx: NodeContext): InventoryNode {
  const where = describeObject(place, obj);
  const fail = (message: string) => new InputError(`${where}: ${message}`, { file: place.file });
  const name = obj.metadata?.name;
  if (typeof name !== 'string' || name === '') throw fail('expected metadata.name, found none');
  const labels = obj.metadata?.labels ?? {};

  const zone = firstLabel(labels, ZONE_LABELS);
  if (zone === undefined) {
    ctx.warnings.add('kube-node-no-zone', `{count} nodes have no ${ZONE_LABELS[0]} label: they count as one zone "${UNKNOWN_ZONE}"`, `${place.file}: ${where}`);
  }

  let resources = obj.status?.allocatable;
  if (!resources?.cpu || !resources.memory) {
    if (!obj.status?.capacity?.cpu || !obj.status.capacity.memory) {
      throw fail('expected status.allocatable.cpu and status.allocatable.memory, found none');
    }
    ctx.warnings.add('kube-node-no-allocatable', '{count} nodes have no status.allocatable: their status.capacity is used instead', `${place.file}: ${where}`);
    resources = obj.status.capacity;
  }
  const field = resources === obj.status?.allocatable ? 'status.allocatable' : 'status.capacity';
  const vcpu = parseQuantity(String(resources.cpu));
  if (!vcpu || vcpu > MAX_NODE_VCPU) throw fail(`${field}.cpu: expected a positive Kubernetes quantity up to 10000 (e.g. 7910m), found ${JSON.stringify(resources.cpu)}`);
  const bytes = parseQuantity(String(resources.memory));
  if (!bytes || bytes > MAX_NODE_MEMORY_BYTES) {
    throw fail(`${field}.memory: expected a positive Kubernetes quantity up to 1Pi (e.g. 31482420Ki), found ${JSON.stringify(resources.memory)}`);
  }

  const instanceType = firstLabel(labels, INSTANCE_TYPE_LABELS);
  const noZtunnel = noZtunnelOf(labels);
  return {
    cluster: ctx.cluster,
    environment: ctx.environment,
    name: detach(name),
    zone: detach(zone ?? UNKNOWN_ZONE),
    ...(instanceType ? { instanceType: detach(instanceType) } : {}),
    capacityType: capacityTypeOf(labels),
    vcpu,
    memoryGiB: bytes / GIB,
    ...(noZtunnel ? { noZtunnel } : {}),
  };
}

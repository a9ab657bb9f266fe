import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readNode } from '../../../src/inventory/kube/nodes.js';
import { capacityTypeOf } from '../../../src/inventory/nodeLabels.js';
import { Warnings, formatWarning } from '../../../src/inventory/types.js';
import { node } from './objects.js';

const place = { file: 'cluster.json', item: 'items[3]' };

function read(obj: ReturnType<typeof node>) {
  const warnings = new Warnings();
  const n = readNode(obj, place, { cluster: 'prd', environment: 'production', warnings });
  return { node: n, warnings: warnings.list().map(formatWarning) };
}

function failure(obj: ReturnType<typeof node>): string {
  try {
    read(obj);
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('kube nodes', () => {
  it('reads zone, instance type, capacity type and allocatable resources from an EKS node', () => {
    const { node: n, warnings } = read(
      node(
        'ip-10-0-1-17',
        { 'topology.kubernetes.io/zone': 'eu-west-1a', 'failure-domain.beta.kubernetes.io/zone': 'old', 'node.kubernetes.io/instance-type': 'm5.xlarge', 'eks.amazonaws.com/capacityType': 'SPOT' },
        { cpu: '3920m', memory: '15147288Ki' },
      ),
    );
    expect(warnings).toEqual([]);
    expect(n).toEqual({
      cluster: 'prd',
      environment: 'production',
      name: 'ip-10-0-1-17',
      zone: 'eu-west-1a',
      instanceType: 'm5.xlarge',
      capacityType: 'spot',
      vcpu: 3.92,
      memoryGiB: (15147288 * 1024) / 2 ** 30,
    });
  });

  it('falls back to the beta zone and instance-type labels of older clusters', () => {
    const { node: n } = read(node('old', { 'failure-domain.beta.kubernetes.io/zone': 'us-east-1b', 'beta.kubernetes.io/instance-type': 'm4.large' }));
    expect(n).toMatchObject({ zone: 'us-east-1b', instanceType: 'm4.large', capacityType: 'on-demand' });
  });

  it.each([
    [{ 'eks.amazonaws.com/capacityType': 'SPOT' }, 'spot'],
    [{ 'eks.amazonaws.com/capacityType': 'ON_DEMAND' }, 'on-demand'],
    [{ 'karpenter.sh/capacity-type': 'spot' }, 'spot'],
    [{ 'karpenter.sh/capacity-type': 'on-demand' }, 'on-demand'],
    [{ 'cloud.google.com/gke-spot': 'true' }, 'spot'],
    [{ 'cloud.google.com/gke-preemptible': 'true' }, 'spot'],
    [{ 'cloud.google.com/gke-spot': 'false' }, 'on-demand'],
    [{ 'kubernetes.azure.com/scalesetpriority': 'spot' }, 'spot'],
    [{ 'kubernetes.azure.com/scalesetpriority': 'regular' }, 'on-demand'],
    [{}, 'on-demand'],
  ])('capacity type from %j is %s', (labels, expected) => {
    expect(capacityTypeOf(labels)).toBe(expected);
  });

  it('counts nodes without a zone label as one zone "unknown", with a warning', () => {
    const { node: n, warnings } = read(node('kind-worker', {}));
    expect(n.zone).toBe('unknown');
    expect(warnings).toEqual(['1 node has no topology.kubernetes.io/zone label: it counts as one zone "unknown" (first: cluster.json: items[3] (Node kind-worker))']);
  });

  it('uses status.capacity when allocatable is missing (a warning), and fails without either', () => {
    const { node: n, warnings } = read(node('n1', undefined, null));
    expect(n).toMatchObject({ vcpu: 4, memoryGiB: 16 });
    expect(warnings).toEqual(['1 node has no status.allocatable: its status.capacity is used instead (first: cluster.json: items[3] (Node n1))']);

    const bare = node('n2');
    bare.status = {};
    expect(failure(bare)).toBe('cluster.json: items[3] (Node n2): expected status.allocatable.cpu and status.allocatable.memory, found none');
  });

  it('rejects a bad or zero quantity, and a node without a name', () => {
    expect(failure(node('n1', {}, { cpu: 'four', memory: '16Gi' }))).toBe('cluster.json: items[3] (Node n1): status.allocatable.cpu: expected a positive Kubernetes quantity up to 10000 (e.g. 7910m), found "four"');
    expect(failure(node('n1', {}, { cpu: '4', memory: '0' }))).toMatch(/status\.allocatable\.memory: expected a positive Kubernetes quantity .*found "0"$/);
    // a unit mistake, not a node: it would skew every average it joins
    expect(failure(node('n1', {}, { cpu: '4', memory: '1e30' }))).toMatch(/status\.allocatable\.memory: expected a positive Kubernetes quantity up to 1Pi .*found "1e30"$/);
    expect(failure(node('n1', {}, { cpu: '20000', memory: '16Gi' }))).toMatch(/status\.allocatable\.cpu: expected a positive Kubernetes quantity up to 10000 .*found "20000"$/);
    const anonymous = node('x');
    delete anonymous.metadata!.name;
    expect(failure(anonymous)).toBe('cluster.json: items[3] (Node): expected metadata.name, found none');
  });
});

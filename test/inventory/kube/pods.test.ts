import { describe, expect, it } from 'vitest';
import { Owners } from '../../../src/inventory/kube/owners.js';
import { readPod } from '../../../src/inventory/kube/pods.js';
import { sidecarOf } from '../../../src/inventory/kube/sidecars.js';
import { pod, proxy } from './objects.js';

const place = { file: 'pods.json', item: 'items[0]' };

describe('kube pods', () => {
  it('keeps the direct owner, node, host network and template hash', () => {
    const facts = readPod(pod('kube-system', 'aws-node-x7k2p', { owner: { kind: 'DaemonSet', name: 'aws-node' }, node: 'n1', hostNetwork: true }), place);
    expect(facts).toEqual({ namespace: 'kube-system', name: 'aws-node-x7k2p', owner: { kind: 'DaemonSet', name: 'aws-node' }, node: 'n1', hostNetwork: true, optedOut: false, own: { malformed: [] } });
    expect(readPod(pod('shop', 'web-1', { owner: { kind: 'ReplicaSet', name: 'web-5d9' }, hash: '5d9' }), place)).toMatchObject({ templateHash: '5d9', hostNetwork: false });
  });

  it('does not count finished pods; a pending pod has no node', () => {
    expect(readPod(pod('batch', 'done', { phase: 'Succeeded', node: 'n1' }), place)).toBeUndefined();
    expect(readPod(pod('batch', 'crashed', { phase: 'Failed', node: 'n1' }), place)).toBeUndefined();
    expect(readPod(pod('shop', 'waiting', { phase: 'Pending' }), place)).not.toHaveProperty('node');
  });

  it('makes a pod without a controller, or a static pod owned by its Node, its own workload', () => {
    expect(readPod(pod('default', 'debug', {}), place)!.owner).toEqual({ kind: 'Pod', name: 'debug' });
    expect(readPod(pod('kube-system', 'kube-apiserver-n1', { owner: { kind: 'Node', name: 'n1' } }), place)!.owner).toEqual({ kind: 'Pod', name: 'kube-apiserver-n1' });
  });

  it('picks the controller among several owners', () => {
    const p = pod('shop', 'x');
    p.metadata!.ownerReferences = [{ kind: 'ConfigMap', name: 'cm' }, { kind: 'StatefulSet', name: 'db', controller: true }];
    expect(readPod(p, place)!.owner).toEqual({ kind: 'StatefulSet', name: 'db' });
  });

  it('rejects a pod without a name or namespace', () => {
    const p = pod('shop', 'x');
    delete p.metadata!.namespace;
    expect(() => readPod(p, place)).toThrow('pods.json: items[0] (Pod x): expected metadata.namespace, found none');
  });
});

describe('istio-proxy sidecars', () => {
  it('reads the requests of a classic sidecar container', () => {
    const s = sidecarOf(pod('shop', 'web', { containers: [{ name: 'web' }, proxy('100m', '128Mi')] }));
    expect(s).toEqual({ requests: { cpu: 0.1, memoryMiB: 128 }, malformed: [] });
  });

  it('reads a native sidecar (init container with restartPolicy: Always), not a plain init container', () => {
    expect(sidecarOf(pod('pay', 'api', { initContainers: [proxy('150m', '192Mi', { restartPolicy: 'Always' })] }))!.requests).toEqual({ cpu: 0.15, memoryMiB: 192 });
    expect(sidecarOf(pod('pay', 'api', { initContainers: [proxy('150m', '192Mi')] }))).toBeUndefined();
  });

  it('does not count a gateway or waypoint, whose only container is istio-proxy', () => {
    expect(sidecarOf(pod('istio-system', 'gw', { containers: [proxy('100m', '128Mi')] }))).toBeUndefined();
    expect(sidecarOf(pod('shop', 'plain', {}))).toBeUndefined();
  });

  it('lets the sidecar.istio.io annotations win over the container requests', () => {
    const s = sidecarOf(
      pod('shop', 'cart', {
        containers: [{ name: 'cart' }, proxy('100m', '128Mi')],
        annotations: { 'sidecar.istio.io/proxyCPU': '250m', 'sidecar.istio.io/proxyMemory': '1Gi' },
      }),
    );
    expect(s!.requests).toEqual({ cpu: 0.25, memoryMiB: 1024 });
  });

  it('falls back to the container request when an annotation is not a quantity, and says which', () => {
    const s = sidecarOf(
      pod('shop', 'cart', { containers: [{ name: 'cart' }, proxy('100m', '128Mi')], annotations: { 'sidecar.istio.io/proxyCPU': 'lots' } }),
    );
    expect(s).toEqual({ requests: { cpu: 0.1, memoryMiB: 128 }, malformed: ['lots'] });
  });

  it('leaves out a resource the sidecar does not request', () => {
    expect(sidecarOf(pod('shop', 'web', { containers: [{ name: 'web' }, proxy(undefined, '64Mi')] }))!.requests).toEqual({ memoryMiB: 64 });
  });
});

describe('top-level owners', () => {
  const owners = new Owners();

  it('strips the pod-template-hash of a ReplicaSet to name its Deployment', () => {
    expect(owners.topLevel('shop', { kind: 'ReplicaSet', name: 'web-7d4b9c6f58' }, '7d4b9c6f58')).toEqual({ kind: 'Deployment', name: 'web' });
    // without the hash label (or one that does not end the name) it stays a ReplicaSet
    expect(owners.topLevel('shop', { kind: 'ReplicaSet', name: 'web-7d4b9c6f58' })).toEqual({ kind: 'ReplicaSet', name: 'web-7d4b9c6f58' });
    expect(owners.topLevel('shop', { kind: 'ReplicaSet', name: 'legacy' }, '7d4b9c6f58')).toEqual({ kind: 'ReplicaSet', name: 'legacy' });
  });

  it("names a CronJob after its Job's scheduled-time suffix, and leaves other Jobs alone", () => {
    expect(owners.topLevel('batch', { kind: 'Job', name: 'nightly-report-29147520' })).toEqual({ kind: 'CronJob', name: 'nightly-report' });
    expect(owners.topLevel('batch', { kind: 'Job', name: 'migrate-2' })).toEqual({ kind: 'Job', name: 'migrate-2' });
  });

  it('prefers what the ReplicaSets and Jobs in the input say', () => {
    const known = new Owners();
    known.record({ kind: 'ReplicaSet', metadata: { namespace: 'shop', name: 'web-7d4b9c6f58', ownerReferences: [{ kind: 'Rollout', name: 'web', controller: true }] } });
    known.record({ kind: 'Job', metadata: { namespace: 'batch', name: 'backfill-29147520' } });
    expect(known.topLevel('shop', { kind: 'ReplicaSet', name: 'web-7d4b9c6f58' }, '7d4b9c6f58')).toEqual({ kind: 'Rollout', name: 'web' });
    // a Job seen without an owner was started by hand, whatever its name looks like
    expect(known.topLevel('batch', { kind: 'Job', name: 'backfill-29147520' })).toEqual({ kind: 'Job', name: 'backfill-29147520' });
    // the same name in another namespace is another object
    expect(known.topLevel('other', { kind: 'ReplicaSet', name: 'web-7d4b9c6f58' }, '7d4b9c6f58')).toEqual({ kind: 'Deployment', name: 'web' });
  });
});

/**
 * The facts the scope and capacity need, as the kube reader reads them from pods:
 * sidecars running, pod-level opt-outs, mesh infrastructure, the pods' own requests.
 */
import { describe, expect, it } from 'vitest';
import { readPod } from '../../../src/inventory/kube/pods.js';
import { ownRequestsOf } from '../../../src/inventory/kube/requests.js';
import { app, pod, proxy } from './objects.js';

const place = { file: 'pods.json', item: 'items[0]' };

describe("a pod's own requests (Kubernetes' effective request, istio-proxy left out)", () => {
  it('sums the app containers and leaves istio-proxy out', () => {
    // 250m + 50m = 0.3 vCPU; 256Mi + 64Mi = 320 MiB; the proxy's 100m/128Mi are not the pod's own
    const p = pod('shop', 'web', { containers: [app('web', '250m', '256Mi'), app('log', '50m', '64Mi'), proxy('100m', '128Mi')] });
    expect(ownRequestsOf(p)).toEqual({ requests: { cpu: 0.3, memoryMiB: 320 }, malformed: [] });
  });

  it('takes an init container that asks for more than the containers together', () => {
    // containers 100m/128Mi; init 1 cpu/64Mi → cpu max(0.1, 1) = 1, memory max(128, 64) = 128
    const p = pod('shop', 'migrate', { containers: [app('web', '100m', '128Mi')], initContainers: [app('db-migrate', '1', '64Mi')] });
    expect(ownRequestsOf(p).requests).toEqual({ cpu: 1, memoryMiB: 128 });
  });

  it('adds native sidecars to the containers, and to the init containers started after them', () => {
    // native sidecar log-shipper 100m/100Mi, then init 500m/50Mi, containers 200m/200Mi:
    // running = 200m + 100m = 0.3 / 200 + 100 = 300 MiB; init phase = 500m + 100m = 0.6 / 50 + 100 = 150 MiB
    // → cpu max(0.3, 0.6) = 0.6, memory max(300, 150) = 300; the native istio-proxy is left out
    const p = pod('shop', 'web', {
      containers: [app('web', '200m', '200Mi')],
      initContainers: [proxy('100m', '128Mi', { restartPolicy: 'Always' }), app('log-shipper', '100m', '100Mi', { restartPolicy: 'Always' }), app('init', '500m', '50Mi')],
    });
    expect(ownRequestsOf(p).requests).toEqual({ cpu: 0.6, memoryMiB: 300 });
  });

  it("has no requests when only Istio's containers declare any, and notes values that are not quantities", () => {
    expect(ownRequestsOf(pod('shop', 'web', { containers: [{ name: 'web' }, proxy('100m', '128Mi')] }))).toEqual({ malformed: [] });
    // the injector's istio-init (iptables) is not the application's either
    expect(ownRequestsOf(pod('shop', 'web', { containers: [{ name: 'web' }], initContainers: [app('istio-init', '100m', '128Mi'), proxy('100m', '128Mi', { restartPolicy: 'Always' })] }))).toEqual({ malformed: [] });
    // "lots" counts 0; 64Mi stays
    expect(ownRequestsOf(pod('shop', 'web', { containers: [app('web', 'lots', '64Mi')] }))).toEqual({ requests: { cpu: 0, memoryMiB: 64 }, malformed: ['lots'] });
  });
});

describe('pod-level opt-outs', () => {
  it('reads sidecar.istio.io/inject "false" (label or annotation) and istio.io/dataplane-mode none', () => {
    expect(readPod(pod('shop', 'a', { labels: { 'sidecar.istio.io/inject': 'false' } }), place)!.optedOut).toBe(true);
    expect(readPod(pod('shop', 'b', { annotations: { 'sidecar.istio.io/inject': 'false' } }), place)!.optedOut).toBe(true);
    expect(readPod(pod('shop', 'c', { labels: { 'istio.io/dataplane-mode': 'none' } }), place)!.optedOut).toBe(true);
    expect(readPod(pod('shop', 'd', { labels: { 'sidecar.istio.io/inject': 'true' } }), place)!.optedOut).toBe(false);
  });

  it('does not count as opted out a pod that runs a sidecar all the same', () => {
    const p = pod('shop', 'e', { annotations: { 'sidecar.istio.io/inject': 'false' }, containers: [{ name: 'web' }, proxy()] });
    expect(readPod(p, place)).toMatchObject({ optedOut: false, sidecar: { requests: {} } });
  });
});

describe('mesh infrastructure', () => {
  const kindOf = (o: Parameters<typeof pod>[2]) => readPod(pod('istio-system', 'x', o), place)!.infrastructure;

  it('knows ztunnel, istio-cni and istiod by their charts labels', () => {
    // ztunnel's own container is named istio-proxy, and it is labelled inject "false": infrastructure wins
    expect(kindOf({ labels: { app: 'ztunnel', 'sidecar.istio.io/inject': 'false' }, containers: [proxy()] })).toBe('ztunnel');
    expect(kindOf({ labels: { 'k8s-app': 'istio-cni-node' }, containers: [{ name: 'install-cni' }] })).toBe('istio-cni');
    expect(kindOf({ labels: { app: 'istiod', istio: 'pilot' }, containers: [{ name: 'discovery' }] })).toBe('istiod');
  });

  it('tells waypoints from gateways', () => {
    expect(kindOf({ labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint', 'gateway.istio.io/managed': 'istio.io-mesh-controller' }, containers: [proxy()] })).toBe('waypoint');
    expect(kindOf({ labels: { 'gateway.networking.k8s.io/gateway-name': 'web-gw', 'gateway.istio.io/managed': 'istio.io-gateway-controller' }, containers: [proxy()] })).toBe('gateway');
    expect(kindOf({ labels: { 'istio.io/gateway-name': 'old-gw' }, containers: [proxy()] })).toBe('gateway');
    expect(kindOf({ annotations: { 'inject.istio.io/templates': 'gateway' }, containers: [proxy()] })).toBe('gateway');
  });

  it("takes the gateway chart's istio label (the release name) only on a pod that is nothing but istio-proxy", () => {
    expect(kindOf({ labels: { app: 'istio-ingress', istio: 'ingress' }, containers: [proxy()] })).toBe('gateway');
    // an application that happens to carry an `istio` label and runs a sidecar stays a workload
    expect(kindOf({ labels: { istio: 'ingress' }, containers: [{ name: 'web' }, proxy()] })).toBeUndefined();
    expect(kindOf({ labels: { app: 'web' } })).toBeUndefined();
  });
});

/** Pod series → pods (pure): the mesh's own pods told apart, and pods on nodes nobody listed. */
import { describe, expect, it } from 'vitest';
import { infrastructureOf, warnUnknownNodes, type Pod } from '../../src/inventory/prometheus/pods.js';
import { Warnings } from '../../src/inventory/types.js';

const pod = (name: string, node: string, extra: Partial<Pod> = {}): Pod => ({
  cluster: 'prd', namespace: 'shop', name, node, ownerKind: 'Deployment', ownerName: 'web', hostNetwork: false, sidecar: false, optedOut: false, ...extra,
});

describe('Prometheus pods', () => {
  it('tells mesh infrastructure by the labels kube-state-metrics exports', () => {
    expect(infrastructureOf({ label_app: 'ztunnel' }, true)).toBe('ztunnel');
    expect(infrastructureOf({ label_app: 'istio-cni-node' }, false)).toBe('istio-cni');
    expect(infrastructureOf({ label_app: 'istiod' }, false)).toBe('istiod');
    expect(infrastructureOf({ label_gateway_istio_io_managed: 'istio.io-mesh-controller', label_gateway_networking_k8s_io_gateway_name: 'waypoint' }, true)).toBe('waypoint');
    expect(infrastructureOf({ label_gateway_istio_io_managed: 'istio.io-gateway-controller' }, true)).toBe('gateway');
    // the gateway chart's `istio: ingress` marks a gateway only on a pod that is nothing but the proxy
    expect(infrastructureOf({ label_istio: 'ingress' }, true)).toBe('gateway');
    expect(infrastructureOf({ label_istio: 'ingress' }, false)).toBeUndefined();
    expect(infrastructureOf({ label_app: 'web' }, false)).toBeUndefined();
  });

  it('counts application pods on nodes absent from kube_node_info', () => {
    const warnings = new Warnings();
    warnUnknownNodes([pod('web-1', 'a'), pod('web-2', 'gone'), pod('web-3', 'gone'), pod('zt', 'gone', { infrastructure: 'ztunnel' })], [{ cluster: 'prd', name: 'a' }], warnings);
    expect(warnings.list()).toEqual([{ code: 'prometheus-unknown-node', message: '{count} running {pod is on a node|pods are on nodes} absent from kube_node_info: {it is|they are} priced at the cluster average', count: 2, example: 'prd/shop/web-2 on gone' }]);
  });
});

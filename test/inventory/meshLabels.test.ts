import { describe, expect, it } from 'vitest';
import { dataPlaneOf, infrastructureOf, isOptedOut } from '../../src/inventory/meshLabels.js';
import { noZtunnelOf } from '../../src/inventory/nodeLabels.js';

describe("namespaces' data plane today", () => {
  it('reads injection, a revision and ambient, with their precedence', () => {
    expect(dataPlaneOf({ 'istio-injection': 'enabled' })).toEqual({ dataPlane: 'sidecar', label: 'istio-injection=enabled' });
    expect(dataPlaneOf({ 'istio.io/rev': 'canary' })).toEqual({ dataPlane: 'sidecar', label: 'istio.io/rev=canary' });
    // Istio's webhook skips a namespace with injection disabled, whatever its revision label
    expect(dataPlaneOf({ 'istio-injection': 'disabled', 'istio.io/rev': 'canary' })).toBeUndefined();
    // ambient enrols the namespace; the injector then leaves its pods alone
    expect(dataPlaneOf({ 'istio.io/dataplane-mode': 'ambient', 'istio-injection': 'enabled' })).toEqual({ dataPlane: 'ambient', label: 'istio.io/dataplane-mode=ambient' });
    expect(dataPlaneOf({ 'istio.io/dataplane-mode': 'none' })).toBeUndefined();
    expect(dataPlaneOf({ 'istio.io/rev': '' })).toBeUndefined();
    expect(dataPlaneOf({})).toBeUndefined();
  });
});

describe('pod opt-outs', () => {
  it('takes the label or the annotation sidecar.istio.io/inject "false", and the label istio.io/dataplane-mode none', () => {
    expect(isOptedOut({ 'sidecar.istio.io/inject': 'false' })).toBe(true);
    expect(isOptedOut({}, { 'sidecar.istio.io/inject': 'false' })).toBe(true);
    expect(isOptedOut({ 'istio.io/dataplane-mode': 'none' })).toBe(true);
    // an annotation dataplane-mode is not what Istio reads
    expect(isOptedOut({}, { 'istio.io/dataplane-mode': 'none' })).toBe(false);
    expect(isOptedOut({ 'sidecar.istio.io/inject': 'true' })).toBe(false);
  });
});

describe('mesh infrastructure from labels alone (what New Relic can see)', () => {
  it('needs to know the containers to take an istio label as a gateway', () => {
    expect(infrastructureOf({ labels: { istio: 'ingress' } })).toBeUndefined();
    expect(infrastructureOf({ labels: { istio: 'ingress' }, onlyProxy: true })).toBe('gateway');
    expect(infrastructureOf({ labels: { 'app.kubernetes.io/name': 'istio-cni' } })).toBe('istio-cni');
    expect(infrastructureOf({ labels: { 'gateway.networking.k8s.io/gateway-class-name': 'istio-waypoint', 'gateway.networking.k8s.io/gateway-name': 'waypoint' } })).toBe('waypoint');
  });
});

describe('nodes no ztunnel can serve', () => {
  it('knows Windows, EKS Fargate and Virtual Kubelet nodes; others are ordinary', () => {
    expect(noZtunnelOf({ 'kubernetes.io/os': 'windows' })).toBe('windows');
    expect(noZtunnelOf({ 'eks.amazonaws.com/compute-type': 'fargate' })).toBe('fargate');
    expect(noZtunnelOf({ type: 'virtual-kubelet' })).toBe('virtual-kubelet');
    expect(noZtunnelOf({ 'kubernetes.io/os': 'linux', 'eks.amazonaws.com/compute-type': 'ec2' })).toBeUndefined();
  });
});

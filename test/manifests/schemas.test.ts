/**
 * Every generated document against the upstream schemas (see validate.ts), for a
 * hand-made production cluster with every feature on, for several clusters, and for
 * the bundled olx-india example.
 */
import { TOOL } from '../../src/version.js';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/cli/prepare.js';
import { buildManifests } from '../../src/manifests/index.js';
import { parseIstioVersion } from '../../src/manifests/istioVersion.js';
import type { KubeObject, ManifestSet } from '../../src/manifests/types.js';
import { estimate } from '../../src/model/estimate.js';
import { inventory, manifestsFor, nodes, shop, workload } from './plan.js';
import { crdKinds, validateObject, validateWaypointOverlays } from './validate.js';

function objects(set: ManifestSet): KubeObject[] {
  return set.clusters.flatMap((c) => c.files.flatMap((f) => (f.kind === 'resources' ? f.objects : [])));
}

function problems(set: ManifestSet): string[] {
  return objects(set).flatMap((o) => {
    const own = validateObject(o).map((p) => `${o.metadata.namespace ?? ''}/${o.metadata.name}: ${p}`);
    const overlays = o.kind === 'ConfigMap' && o.metadata.name === 'waypoint-params' ? validateWaypointOverlays(o as never) : [];
    return [...own, ...overlays];
  });
}

async function olxIndia(): Promise<ManifestSet> {
  const run = await prepare({ example: 'olx-india' });
  const plan = estimate({ ...run, generatedAt: '2026-01-01T00:00:00.000Z', tool: TOOL });
  return buildManifests({ plan, inventory: run.inventory, profile: run.profile, options: { ...run.options, mtls: 'strict', istioVersion: parseIstioVersion('1.30'), folders: true } });
}

describe('generated manifests validate against the upstream schemas', () => {
  it('carries the schema of every custom resource the manifests write', () => {
    expect(crdKinds()).toEqual([
      'argoproj.io/v1alpha1 Rollout',
      'gateway.networking.k8s.io/v1 Gateway',
      'gateway.networking.k8s.io/v1 HTTPRoute',
      'security.istio.io/v1 AuthorizationPolicy',
      'security.istio.io/v1 PeerAuthentication',
      'security.istio.io/v1 RequestAuthentication',
    ]);
  });

  it('a production cluster with waypoints, canaries, PreferClose and strict mTLS', () => {
    const set = manifestsFor(shop(), { mtls: 'strict' });
    const kinds = new Set(objects(set).map((o) => o.kind));
    expect([...kinds].sort()).toEqual(['ConfigMap', 'Gateway', 'HTTPRoute', 'Namespace', 'PeerAuthentication', 'Rollout', 'Service']);
    expect(problems(set)).toEqual([]);
  });

  it('several clusters, locality none', () => {
    const inv = inventory(
      [...nodes('eu', ['eu-1a', 'eu-1b'], 2), ...nodes('us', ['us-1a', 'us-1b', 'us-1c', 'us-1d'], 1)],
      [
        workload('eu', 'shop', 'cart', { rps: 100, waypoint: true, canary: true }),
        workload('us', 'shop', 'cart', { rps: 40_000, waypoint: true }),
        workload('us', 'shop', 'worker'),
      ],
    );
    const set = manifestsFor(inv, { locality: 'none' });
    expect(set.clusters.map((c) => c.cluster)).toEqual(['eu', 'us']);
    expect(problems(set)).toEqual([]);
  });

  it('the olx-india example', async () => {
    const set = await olxIndia();
    expect(objects(set).length).toBeGreaterThan(60);
    expect(problems(set)).toEqual([]);
  });

  it('rejects what the schemas forbid (the validation is not vacuous)', () => {
    const gateway = objects(manifestsFor(shop())).find((o) => o.kind === 'Gateway')!;
    const noListeners = { ...gateway, spec: { gatewayClassName: 'istio-waypoint' } };
    expect(validateObject(noListeners).join('\n')).toMatch(/must have required property 'listeners'/);
    const badPort = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: '80' }] } };
    expect(validateObject(badPort).join('\n')).toMatch(/port must be integer/);
    expect(validateObject({ apiVersion: 'v9', kind: 'Mystery', metadata: { name: 'x' } })).toEqual(['v9 Mystery: no schema to validate it against']);
    const inverted = { data: { deployment: 'spec: {}\n', horizontalPodAutoscaler: 'spec: {minReplicas: 5, maxReplicas: 3}\n' } };
    expect(validateWaypointOverlays(inverted)).toEqual(['HPA minReplicas 5 > maxReplicas 3']);
    const badRequest = { data: { deployment: 'spec: {template: {spec: {containers: [{name: istio-proxy, resources: {requests: [1]}}]}}}\n', horizontalPodAutoscaler: 'spec: {}\n' } };
    expect(validateWaypointOverlays(badRequest).join('\n')).toMatch(/requests must be object/);
  });
});

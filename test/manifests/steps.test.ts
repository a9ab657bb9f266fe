/**
 * The staged migration as a whole: steps in Istio's order, no object in a step before
 * the one it depends on (the STRICT PeerAuthentication only in the last), and every
 * step's objects valid against the upstream schemas, for a cluster whose Istio
 * configuration (bookinfo with the authz-http task's policies) adds waypoints and
 * policy copies.
 */
import { describe, expect, it } from 'vitest';
import { addIstioObject, emptyIstioConfig, findL7, overlayWaypoints, type IstioFindings } from '../../src/istio/index.js';
import type { Inventory } from '../../src/inventory/types.js';
import type { KubeObject, ManifestSet, StepName } from '../../src/manifests/types.js';
import { STEPS } from '../../src/manifests/types.js';
import { inventoryOf, snippetObjects, yamlObjects } from '../real/istio-config/corpus.js';
import { manifestsFor, shop } from './plan.js';
import { validateObject, validateWaypointOverlays } from './validate.js';

function bookinfoWithPolicies(): { inv: Inventory; istio: IstioFindings } {
  const objects = [
    ...yamlObjects('istio/bookinfo.yaml'),
    ...yamlObjects('istio/virtual-service-reviews-80-20.yaml'),
    ...yamlObjects('istio/productpage_envoy_ratelimit.yaml'),
    ...snippetObjects('istio.io/authz-http-snips.sh', 'snip_configure_access_control_for_workloads_using_http_traffic_2', 'snip_configure_access_control_for_workloads_using_http_traffic_5'),
  ];
  const config = emptyIstioConfig();
  for (const o of objects) addIstioObject(config, o, { file: 'corpus' });
  const base = inventoryOf(objects, { rps: 100 });
  const istio = findL7(config, 'c1', base.workloads);
  return { inv: overlayWaypoints(base, istio), istio };
}

/** The step an object belongs in, decided from what it is, not from where the generator put it. */
function expectedStep(o: KubeObject): StepName {
  switch (o.kind) {
    case 'Gateway':
    case 'HorizontalPodAutoscaler':
      return '2-waypoints';
    case 'AuthorizationPolicy':
    case 'RequestAuthentication':
      return '3-policies';
    case 'Namespace':
      return '4-enrol';
    case 'HTTPRoute':
    case 'Rollout':
      return '6-canary';
    case 'PeerAuthentication':
      return '7-strict-mtls';
    case 'ConfigMap':
      return o.metadata.name === 'waypoint-params' ? '2-waypoints' : '6-canary';
    case 'Service':
      // a partial Service (no spec) patches the user's Service at enrolment; a whole one is the canary's
      return 'spec' in o ? '6-canary' : '4-enrol';
    default:
      throw new Error(`no step expected for ${o.kind}`);
  }
}

const placed = (set: ManifestSet) =>
  set.clusters.flatMap((c) => c.files.flatMap((f) => (f.kind === 'resources' ? f.objects.map((o) => ({ step: f.step, o })) : [])));

describe('steps', () => {
  const cases: [string, ManifestSet][] = [
    ['a production cluster, strict mTLS, Istio 1.30', manifestsFor(shop(), { mtls: 'strict' })],
    ['the same for Istio 1.25', manifestsFor(shop(), { mtls: 'strict', istioVersion: '1.25' })],
    ['bookinfo with its Istio configuration, strict mTLS', (() => { const b = bookinfoWithPolicies(); return manifestsFor(b.inv, { mtls: 'strict', istio: b.istio }); })()],
  ];

  it.each(cases)('%s: no step holds an object of a later (or earlier) step; STRICT only in the last', (_, set) => {
    for (const { step, o } of placed(set)) expect(`${o.kind} ${o.metadata.name}: ${step}`).toBe(`${o.kind} ${o.metadata.name}: ${expectedStep(o)}`);
    for (const c of set.clusters) {
      const order = c.steps.map((g) => STEPS.indexOf(g.step));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(c.steps.at(-1)!.step).toBe('7-strict-mtls');
      expect(c.files.filter((f) => f.step === '7-strict-mtls').flatMap((f) => (f.kind === 'resources' ? f.objects.map((o) => o.kind) : []))).toEqual(['PeerAuthentication']);
      // every file's step is one the README lists
      expect(c.files.every((f) => c.steps.some((g) => g.step === f.step))).toBe(true);
    }
  });

  it.each(cases)('%s: every object validates against the schemas carried in the repo', (_, set) => {
    const problems = placed(set).flatMap(({ o }) => [
      ...validateObject(o as never).map((p) => `${o.metadata.namespace ?? ''}/${o.metadata.name}: ${p}`),
      ...(o.kind === 'ConfigMap' && o.metadata.name === 'waypoint-params' ? validateWaypointOverlays(o as never) : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('bookinfo: the reviews and productpage waypoints, the policy copies attached to their Services, the EnvoyFilters in the README', () => {
    const { inv, istio } = bookinfoWithPolicies();
    const set = manifestsFor(inv, { istio });
    const c = set.clusters[0]!;
    expect(c.steps.map((g) => g.step)).toEqual(['1-ambient-install', '2-waypoints', '3-policies', '4-enrol', '5-remove-sidecars']);
    const policies = c.files.filter((f) => f.step === '3-policies').flatMap((f) => (f.kind === 'resources' ? f.objects : []));
    expect(policies.map((p) => [p.kind, p.metadata.name, (p as any).spec.targetRefs, (p as any).spec.selector])).toEqual([
      ['AuthorizationPolicy', 'productpage-viewer-waypoint', [{ group: '', kind: 'Service', name: 'productpage' }], undefined],
      ['AuthorizationPolicy', 'reviews-viewer-waypoint', [{ group: '', kind: 'Service', name: 'reviews' }], undefined],
    ]);
    // the Services the configuration names get use-waypoint, not one per workload (reviews-v1, -v2, -v3)
    const patches = c.files.filter((f) => f.step === '4-enrol' && f.path === 'default/service-patches.yaml').flatMap((f) => (f.kind === 'resources' ? f.objects : []));
    expect(patches.map((s) => s.metadata.name)).toEqual(['productpage', 'reviews']);
    expect(c.readiness.filter((r) => r.kind === 'EnvoyFilter').map((r) => `${r.namespace}/${r.name}`)).toEqual(['istio-system/filter-ratelimit', 'istio-system/filter-ratelimit-svc']);
  });
});

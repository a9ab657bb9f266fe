/**
 * Istio configuration written by others (SOURCES.md) → the waypoints and readiness
 * findings a user must get (DESIGN section 6), through the same parse → findings path
 * the CLI takes.
 */
import { describe, expect, it } from 'vitest';
import { addIstioObject, emptyIstioConfig, findL7, overlayWaypoints, type IstioFindings } from '../../../src/istio/index.js';
import { inventoryOf, snippetObjects, yamlObjects, type Obj } from './corpus.js';

const bookinfo = yamlObjects('istio/bookinfo.yaml');

function findings(objects: readonly Obj[], workloadsFrom: readonly Obj[] = objects, labels = true): IstioFindings {
  const config = emptyIstioConfig();
  for (const [i, o] of objects.entries()) addIstioObject(config, o, { file: 'corpus', item: `items[${i}]` });
  return findL7(config, 'c1', inventoryOf(workloadsFrom, { labels }).workloads);
}

/** `namespace/service → workloads` */
const waypoints = (f: IstioFindings) => f.services.map((s) => `${s.namespace}/${s.name} → ${s.workloads.join(' ')}`);
const found = (f: IstioFindings) => f.readiness.map((r) => `${r.namespace} ${r.kind} ${r.name}`);

describe('bookinfo (istio/istio samples)', () => {
  it('virtual-service-all-v1 + destination-rule-all: every Service routes to a subset → all four need L7; the subsets need Services of their own', () => {
    const f = findings([...bookinfo, ...yamlObjects('istio/virtual-service-all-v1.yaml'), ...yamlObjects('istio/destination-rule-all.yaml')]);
    expect(waypoints(f)).toEqual([
      'default/details → details-v1',
      'default/productpage → productpage-v1',
      'default/ratings → ratings-v1',
      // the reviews Service selects app=reviews: all three versions are behind it
      'default/reviews → reviews-v1 reviews-v2 reviews-v3',
    ]);
    expect(f.services.find((s) => s.name === 'reviews')!.reasons).toEqual(['VirtualService reviews: subsets']);
    expect(found(f)).toEqual([
      'default DestinationRule details',
      'default DestinationRule productpage',
      'default DestinationRule ratings',
      'default DestinationRule reviews',
      'default VirtualService details',
      'default VirtualService productpage',
      'default VirtualService ratings',
      'default VirtualService reviews',
    ]);
    expect(f.readiness.find((r) => r.kind === 'DestinationRule' && r.name === 'reviews')!.finding).toMatch(/^subsets v1, v2, v3 are routed to .*each subset needs a Service of its own \(e\.g\. reviews-v1\)/);
    expect(f.policies).toEqual([]);
  });

  it('reviews 80/20 (weights), jason → v2 (header match), ratings delay (fault injection): exactly those Services', () => {
    const f = findings([
      ...bookinfo,
      ...yamlObjects('istio/virtual-service-reviews-80-20.yaml'),
      ...yamlObjects('istio/virtual-service-ratings-test-delay.yaml'),
    ]);
    expect(waypoints(f)).toEqual(['default/ratings → ratings-v1', 'default/reviews → reviews-v1 reviews-v2 reviews-v3']);
    expect(f.services.map((s) => s.reasons)).toEqual([['VirtualService ratings: subsets, header matches, fault injection'], ['VirtualService reviews: weights, subsets']]);
    const jason = findings([...bookinfo, ...yamlObjects('istio/virtual-service-reviews-jason-v2-v3.yaml')]);
    expect(jason.services.map((s) => s.reasons)).toEqual([['VirtualService reviews: subsets, header matches']]);
  });

  it('bookinfo-gateway: a VirtualService bound only to the ingress gateway needs no waypoint', () => {
    const f = findings([...bookinfo, ...yamlObjects('istio/bookinfo-gateway.yaml')]);
    expect(f.services).toEqual([]);
    expect(f.readiness).toEqual([]);
    // it routes ingress traffic to productpage: a canary there would need istio.io/ingress-use-waypoint
    expect(f.ingressRouted).toEqual(['default/productpage']);
  });

  it('the rate-limit EnvoyFilters are readiness findings (waypoints take none), never silently dropped', () => {
    const f = findings([...bookinfo, ...yamlObjects('istio/productpage_envoy_ratelimit.yaml')]);
    expect(f.services).toEqual([]);
    expect(found(f)).toEqual(['istio-system EnvoyFilter filter-ratelimit', 'istio-system EnvoyFilter filter-ratelimit-svc']);
  });

  it('without pod labels (a CSV inventory), a Service covers the workloads named after it', () => {
    const f = findings([...bookinfo, ...yamlObjects('istio/virtual-service-reviews-80-20.yaml')], bookinfo, false);
    expect(waypoints(f)).toEqual(['default/reviews → reviews-v1 reviews-v2 reviews-v3']);
  });

  it('the overlay sets waypoint=true on exactly the workloads behind those Services', () => {
    const objects = [...bookinfo, ...yamlObjects('istio/virtual-service-reviews-80-20.yaml')];
    const config = emptyIstioConfig();
    for (const o of objects) addIstioObject(config, o, { file: 'corpus' });
    const inv = inventoryOf(bookinfo);
    const out = overlayWaypoints(inv, findL7(config, 'c1', inv.workloads));
    expect(out.workloads.filter((w) => w.waypoint).map((w) => w.name)).toEqual(['reviews-v1', 'reviews-v2', 'reviews-v3']);
    expect(inv.workloads.some((w) => w.waypoint)).toBe(false);
  });
});

describe('security tasks (istio/istio.io)', () => {
  it('authz-http: policies with methods need L7 and are copied with targetRefs; allow-nothing stays L4; a selector of gateway pods has no Service', () => {
    const policies = snippetObjects(
      'istio.io/authz-http-snips.sh',
      'snip_configure_access_control_for_workloads_using_http_traffic_1',
      'snip_configure_access_control_for_workloads_using_http_traffic_2',
      'snip_bookinfo_gateway_viewer',
      'snip_configure_access_control_for_workloads_using_http_traffic_4',
      'snip_configure_access_control_for_workloads_using_http_traffic_5',
      'snip_configure_access_control_for_workloads_using_http_traffic_6',
    );
    const f = findings([...bookinfo, ...policies]);
    expect(waypoints(f)).toEqual([
      'default/details → details-v1',
      'default/productpage → productpage-v1',
      'default/ratings → ratings-v1',
      'default/reviews → reviews-v1 reviews-v2 reviews-v3',
    ]);
    expect(f.policies.map((p) => `${p.kind} ${p.name} → ${p.services.join(' ')}`)).toEqual([
      'AuthorizationPolicy details-viewer → details',
      'AuthorizationPolicy productpage-viewer → productpage',
      'AuthorizationPolicy ratings-viewer → ratings',
      'AuthorizationPolicy reviews-viewer → reviews',
    ]);
    expect(f.services.find((s) => s.name === 'details')!.reasons).toEqual(['AuthorizationPolicy details-viewer: L7 rules (methods)']);
    expect(found(f)).toEqual([
      'default AuthorizationPolicy bookinfo-gateway-viewer',
      'default AuthorizationPolicy details-viewer',
      'default AuthorizationPolicy productpage-viewer',
      'default AuthorizationPolicy ratings-viewer',
      'default AuthorizationPolicy reviews-viewer',
    ]);
    expect(f.readiness[0]!.finding).toMatch(/no Service of a meshed workload covers the pods it selects \(an ingress gateway's pods, say, keep enforcing it\)/);
  });

  it('authz-jwt: the RequestAuthentication and the requestPrincipals policy put httpbin behind a waypoint', () => {
    const objects = [
      ...yamlObjects('istio/httpbin.yaml').map((o) => ({ ...o, metadata: { ...o.metadata, namespace: 'foo' } })),
      ...snippetObjects('istio.io/authz-jwt-snips.sh', 'snip_allow_requests_with_valid_jwt_and_listtyped_claims_1', 'snip_allow_requests_with_valid_jwt_and_listtyped_claims_8'),
    ];
    const f = findings(objects);
    expect(waypoints(f)).toEqual(['foo/httpbin → httpbin']);
    expect(f.services[0]!.reasons).toEqual([
      'AuthorizationPolicy require-jwt: L7 rules (requestPrincipals, request.auth.claims)',
      'RequestAuthentication jwt-example: JWT validation (L7)',
    ]);
    expect(f.policies.map((p) => `${p.kind} ${p.name} → ${p.services.join(' ')}`)).toEqual(['RequestAuthentication jwt-example → httpbin', 'AuthorizationPolicy require-jwt → httpbin']);
  });
});

describe('microservices-demo (GoogleCloudPlatform)', () => {
  it('a plain pass-through VirtualService and an ingress-only one: no waypoint, nothing to change', () => {
    const f = findings([
      ...yamlObjects('microservices-demo/kubernetes-frontend.yaml'),
      ...yamlObjects('microservices-demo/frontend.yaml'),
      ...yamlObjects('microservices-demo/frontend-gateway.yaml'),
    ]);
    expect(f.services).toEqual([]);
    expect(f.readiness).toEqual([]);
    expect(f.ingressRouted).toEqual(['default/frontend']);
  });
});

/** The L7 rules of DESIGN section 6 on hand-made configuration: the cases the public corpus does not hold. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { addIstioObject, emptyIstioConfig, findL7 } from '../../src/istio/index.js';
import type { InventoryWorkload } from '../../src/inventory/types.js';
import { policiesFile } from '../../src/manifests/policies.js';
import { validateObject } from '../manifests/validate.js';
import { inventory, manifestsFor, nodes, workload } from '../manifests/plan.js';

const svc = (ns: string, name: string, selector: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector } });
const workloads: InventoryWorkload[] = [
  workload('c1', 'shop', 'cart', { labels: { app: 'cart' } }),
  workload('c1', 'shop', 'web', { labels: { app: 'web' } }),
];

function run(...objects: object[]) {
  const config = emptyIstioConfig();
  for (const o of [svc('shop', 'cart', { app: 'cart' }), svc('shop', 'web', { app: 'web' }), ...objects]) addIstioObject(config, o, { file: 'istio.json' });
  return findL7(config, 'c1', workloads);
}
const ap = (name: string, ns: string, spec: object) => ({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name, namespace: ns }, spec });

describe('L7 rules', () => {
  it('L4-only policies (principals, namespaces, ports) need no waypoint; paths, hosts, headers and CUSTOM do', () => {
    expect(run(ap('l4', 'shop', { selector: { matchLabels: { app: 'cart' } }, rules: [{ from: [{ source: { principals: ['x'], namespaces: ['y'] } }], to: [{ operation: { ports: ['80'] } }] }] })).services).toEqual([]);
    const l7 = run(
      ap('paths', 'shop', { selector: { matchLabels: { app: 'cart' } }, rules: [{ to: [{ operation: { paths: ['/admin'], hosts: ['a'] } }], when: [{ key: 'request.headers[x-user]', values: ['1'] }] }] }),
      ap('ext', 'shop', { selector: { matchLabels: { app: 'web' } }, action: 'CUSTOM', provider: { name: 'oauth' }, rules: [{}] }),
    );
    expect(l7.services.map((s) => [s.name, s.reasons])).toEqual([
      ['cart', ['AuthorizationPolicy paths: L7 rules (paths, hosts, request.headers)']],
      ['web', ['AuthorizationPolicy ext: action CUSTOM']],
    ]);
  });

  it('a namespace-wide L7 policy puts every Service of the namespace behind the waypoint, and its copy targets the waypoint', () => {
    const f = run(ap('all-get', 'shop', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }));
    expect(f.services.map((s) => s.name)).toEqual(['cart', 'web']);
    expect(f.policies.map((p) => p.services)).toEqual([[]]);
    const [copy] = (policiesFile('shop', f.policies) as { objects: any[] }).objects;
    expect(copy.spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }]);
    expect(validateObject(copy)).toEqual([]);
  });

  it('a mesh-wide L7 policy in istio-system cannot be attached: a finding, no waypoint', () => {
    const f = run(ap('mesh-get', 'istio-system', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }));
    expect(f.services).toEqual([]);
    expect(f.readiness.map((r) => `${r.namespace} ${r.name}: ${r.finding.split(':')[0]}`)).toEqual(['istio-system mesh-get: mesh-wide L7 rules (methods)']);
  });

  it('a policy already written with targetRefs needs the waypoint for its Services, and no copy', () => {
    const f = run(ap('ready', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'web' }], rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }));
    expect(f.services.map((s) => s.name)).toEqual(['web']);
    expect(f.policies).toEqual([]);
    expect(f.readiness).toEqual([]);
  });

  it('VirtualService: retries, timeouts, mirroring and rewrites count; a route to the Service itself at weight 100 does not', () => {
    const vs = (name: string, http: object[], gateways?: string[]) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace: 'shop' },
      spec: { hosts: [name], ...(gateways ? { gateways } : {}), http },
    });
    const f = run(
      vs('cart', [{ route: [{ destination: { host: 'cart' }, weight: 100 }] }]),
      vs('web', [{ route: [{ destination: { host: 'web.shop.svc.cluster.local' } }], retries: { attempts: 3 }, timeout: '2s', mirror: { host: 'cart' }, rewrite: { uri: '/' } }], ['mesh', 'shop-gateway']),
    );
    expect(f.services.map((s) => [s.name, s.reasons])).toEqual([['web', ['VirtualService web: retries, timeouts, mirroring, rewrites']]]);
  });

  it('Sidecar resources and selector-attached Telemetry are findings', () => {
    const f = run(
      { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: 'shop' }, spec: { egress: [{ hosts: ['./*'] }] } },
      { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'cart-logs', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'cart' } }, accessLogging: [{}] } },
      { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'mesh-default', namespace: 'istio-system' }, spec: { accessLogging: [{}] } },
    );
    expect(f.readiness.map((r) => `${r.kind} ${r.name}`)).toEqual(['Sidecar default', 'Telemetry cart-logs']);
  });

  it('an object the rules cannot read is bad input naming it', () => {
    const config = emptyIstioConfig();
    expect(() => addIstioObject(config, { kind: 'DestinationRule', metadata: { name: 'x', namespace: 'shop' }, spec: {} }, { file: 'istio.json', item: 'items[3]' })).toThrow(InputError);
    expect(() => addIstioObject(config, { kind: 'DestinationRule', metadata: { name: 'x', namespace: 'shop' }, spec: {} }, { file: 'istio.json', item: 'items[3]' })).toThrow(
      /^istio.json: items\[3\] \(DestinationRule\): spec\.host: Invalid input: expected string, received undefined$/,
    );
  });
});

describe('policy copies and the priced scope', () => {
  it('a copy is written only where a waypoint is: a policy in a namespace outside the scope is a warning', () => {
    const f = run(
      ap('cart-get', 'shop', { selector: { matchLabels: { app: 'cart' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }),
      svc('kube-system', 'dns', { app: 'dns' }),
      ap('dns-get', 'kube-system', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }),
    );
    expect(f.policies.map((p) => p.name)).toEqual(['dns-get', 'cart-get']);
    const inv = inventory(nodes('c1', ['a'], 1), [
      workload('c1', 'shop', 'cart', { labels: { app: 'cart' }, waypoint: true }),
      workload('c1', 'kube-system', 'dns', { labels: { app: 'dns' }, waypoint: true }),
    ]);
    const set = manifestsFor(inv, { istio: f });
    expect(set.clusters[0]!.files.filter((x) => x.step === '3-policies').map((x) => x.path)).toEqual(['shop/policies.yaml']);
    expect(set.warnings.map((w) => [w.code, w.example])).toEqual([['policy-outside-scope', 'c1/kube-system/dns-get']]);
  });
});

describe('Services without meshed workloads', () => {
  it("an ingress gateway's policy reaches no waypoint: its Service has no workload of the inventory, labels or not", () => {
    const gatewayPolicy = ap('gw-get', 'istio-system', { selector: { matchLabels: { istio: 'ingressgateway' } }, rules: [{ to: [{ operation: { methods: ['GET'] } }] }] });
    const gatewaySvc = svc('istio-system', 'istio-ingressgateway', { app: 'istio-ingressgateway', istio: 'ingressgateway' });
    for (const labelled of [true, false]) {
      const config = emptyIstioConfig();
      for (const o of [gatewaySvc, gatewayPolicy]) addIstioObject(config, o, { file: 'istio.json' });
      const ws = labelled ? workloads : workloads.map(({ labels: _labels, ...w }) => w);
      const f = findL7(config, 'c1', ws);
      expect(f.services).toEqual([]);
      expect(f.policies).toEqual([]);
      expect(f.readiness.map((r) => r.name)).toEqual(['gw-get']);
    }
  });
});

describe('canaries behind an ingress gateway', () => {
  it('the Service of a canary an ingress-bound VirtualService routes to gets istio.io/ingress-use-waypoint', () => {
    const f = run(
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'front', namespace: 'shop' }, spec: { hosts: ['shop.example.com'], gateways: ['istio-system/public'], http: [{ route: [{ destination: { host: 'cart' } }] }] } },
    );
    expect(f.ingressRouted).toEqual(['shop/cart']);
    const inv = inventory(nodes('c1', ['a'], 1), [
      workload('c1', 'shop', 'cart', { labels: { app: 'cart' }, waypoint: true, canary: true, rps: 10 }),
      workload('c1', 'shop', 'web', { labels: { app: 'web' }, canary: true, waypoint: true, rps: 10 }),
    ]);
    const patches = manifestsFor(inv, { istio: f }).clusters[0]!.files.find((x) => x.step === '4-enrol' && x.path === 'shop/service-patches.yaml');
    const labels = (patches as { objects: { metadata: { name: string; labels?: Record<string, string> } }[] }).objects.map((o) => [o.metadata.name, o.metadata.labels]);
    // every workload of shop needs L7, so use-waypoint is on the Namespace; only cart takes ingress traffic
    expect(labels).toEqual([
      ['cart', { 'istio.io/ingress-use-waypoint': 'true' }],
      ['web', undefined],
    ]);
  });
});

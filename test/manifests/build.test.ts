/** What `buildManifests` writes for hand-made inventories, run through the real model. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { InventoryWorkload } from '../../src/inventory/types.js';
import type { KubeObject, ManifestFile, ManifestSet } from '../../src/manifests/types.js';
import { parse } from 'yaml';
import { inventory, manifestsFor, nodes, shop, workload } from './plan.js';

const files = (set: ManifestSet, cluster = 'prd'): ManifestFile[] => set.clusters.find((c) => c.cluster === cluster)!.files;
/** `step/path`, e.g. `2-waypoints/checkout/waypoint.yaml` */
const file = (set: ManifestSet, path: string, cluster = 'prd') => files(set, cluster).find((f) => `${f.step}/${f.path}` === path);
const objectsOf = (f: ManifestFile | undefined): KubeObject[] => (f?.kind === 'resources' ? f.objects : []);
const find = (set: ManifestSet, kind: string, namespace: string | undefined, name: string) =>
  files(set)
    .flatMap(objectsOf)
    .find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
const dataOf = (o: KubeObject | undefined) => (o as unknown as { data: Record<string, string> }).data;
const hpa = (set: ManifestSet, ns: string) => dataOf(find(set, 'ConfigMap', ns, 'waypoint-params')).horizontalPodAutoscaler;

describe('namespaces', () => {
  it('labels every meshed namespace ambient, and nothing excluded or without meshed workloads', () => {
    const inv = shop();
    inv.workloads.push(workload('prd', 'agents', 'node-agent', { kind: 'DaemonSet' }));
    const set = manifestsFor(inv);
    const namespaces = objectsOf(file(set, '4-enrol/namespaces.yaml'));
    expect(namespaces.map((n) => n.metadata.name)).toEqual(['catalog', 'checkout', 'search']);
    for (const n of namespaces) expect(n.metadata.labels!['istio.io/dataplane-mode']).toBe('ambient');
  });
});

describe('use-waypoint', () => {
  it('labels the Namespace when every workload there needs L7, else exactly the L7 Services', () => {
    const set = manifestsFor(shop());
    expect(find(set, 'Namespace', undefined, 'checkout')!.metadata.labels!['istio.io/use-waypoint']).toBe('waypoint');
    expect(find(set, 'Namespace', undefined, 'catalog')!.metadata.labels!['istio.io/use-waypoint']).toBeUndefined();
    expect(find(set, 'Namespace', undefined, 'search')!.metadata.labels!['istio.io/use-waypoint']).toBeUndefined();
    expect(objectsOf(file(set, '4-enrol/catalog/service-patches.yaml')).map((o) => [o.metadata.name, o.metadata.labels])).toEqual([
      ['catalog-api', { 'istio.io/use-waypoint': 'waypoint' }],
    ]);
    // the namespace label already routes checkout's Services; its patches carry only the locality
    for (const s of objectsOf(file(set, '4-enrol/checkout/service-patches.yaml'))) expect(s.metadata.labels).toBeUndefined();
  });

  it('a DaemonSet in the namespace keeps the label off the Namespace (it would route the DaemonSet too)', () => {
    const inv = shop();
    inv.workloads.push(workload('prd', 'checkout', 'log-shipper', { kind: 'DaemonSet' }));
    const set = manifestsFor(inv);
    expect(find(set, 'Namespace', undefined, 'checkout')!.metadata.labels!['istio.io/use-waypoint']).toBeUndefined();
    expect(objectsOf(file(set, '4-enrol/checkout/service-patches.yaml')).map((o) => o.metadata.name)).toEqual(['checkout-api', 'payments']);
  });
});

describe('locality', () => {
  const annotated = (set: ManifestSet, value: string) =>
    files(set)
      .flatMap(objectsOf)
      .filter((o) => o.metadata.annotations?.['networking.istio.io/traffic-distribution'] === value)
      .map((o) => `${o.metadata.namespace}/${o.metadata.name}`)
      .sort();

  it('preferClose annotates exactly the waypoint-routed Services, PreferSameZone from Istio 1.27', () => {
    const set = manifestsFor(shop(), { locality: 'preferClose', istioVersion: '1.27' });
    expect(annotated(set, 'PreferSameZone')).toEqual(['catalog/catalog-api', 'checkout/checkout-api', 'checkout/payments']);
    expect(annotated(set, 'PreferClose')).toEqual([]);
  });

  it('PreferClose before 1.27, where PreferSameZone is not accepted', () => {
    const set = manifestsFor(shop(), { locality: 'preferClose', istioVersion: '1.26' });
    expect(annotated(set, 'PreferClose')).toEqual(['catalog/catalog-api', 'checkout/checkout-api', 'checkout/payments']);
    expect(annotated(set, 'PreferSameZone')).toEqual([]);
  });

  it('none writes no annotation, and no patch file where the Namespace label suffices', () => {
    const set = manifestsFor(shop(), { locality: 'none' });
    expect(JSON.stringify(set)).not.toContain('traffic-distribution');
    expect(file(set, '4-enrol/checkout/service-patches.yaml')).toBeUndefined();
    expect(file(set, '4-enrol/catalog/service-patches.yaml')).toBeDefined();
  });
});

describe('waypoints', () => {
  it('a Gateway of class istio-waypoint whose parametersRef names the sized ConfigMap', () => {
    const set = manifestsFor(shop());
    const gw = find(set, 'Gateway', 'checkout', 'waypoint') as KubeObject & { spec: Record<string, unknown> };
    expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gw.metadata.labels).toEqual({ 'istio.io/waypoint-for': 'service' });
    expect(gw.spec).toEqual({
      gatewayClassName: 'istio-waypoint',
      infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: 'waypoint-params' } },
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    });
    const { deployment } = dataOf(find(set, 'ConfigMap', 'checkout', 'waypoint-params'));
    expect(deployment).toContain('cpu: 500m');
    expect(deployment).toContain('memory: 128Mi');
    expect(deployment).toContain('topologyKey: topology.kubernetes.io/zone');
  });

  it('HPA: min f, max k, and a CPU target at the utilisation a replica reaches at its sized load', () => {
    // checkout: 10,000 rps → 600k rpm × 1.6 / 50k = 19.2 → k = 20 replicas; 3 zones → f = max(2, 3) = 3.
    // each replica at 10,000 / 20 = 500 rps uses 0.6 × 500 / 1000 = 0.3 vCPU of its 500m request → 60%
    const set = manifestsFor(shop());
    expect(parse(hpa(set, 'checkout')!)).toEqual({
      spec: { minReplicas: 3, maxReplicas: 20, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] },
    });
    const comment = file(set, '2-waypoints/checkout/waypoint.yaml')!.comment.join('\n');
    expect(comment).toContain('10,000 rps × 60 = 600k rpm; 600k rpm × 1.6 / 50k rpm per replica → 20 replicas (19.2 rounded up); the estimate priced k = 20.');
    expect(comment).toContain('HPA minReplicas 3 = f = max(profile minReplicas 2, 3 zones: eu-1a, eu-1b, eu-1c)');
    expect(comment).toContain('HPA maxReplicas 20 = k.');
    expect(comment).toContain('HPA CPU target 60% = 100 × 0.3 vCPU a replica uses at 500 rps ÷ 500m requested');
  });

  it('more zones than the load needs replicas: the plan prices one per zone and the HPA deploys it (min = max), the target floors at 1%', () => {
    // 10 rps: load needs ceil(600 × 1.6 / 50,000) = 1; k = f = max(minReplicas 2, 4 zones, 1) = 4. At 10 / 4 = 2.5 rps a
    // replica uses 0.6 × 2.5 / 1000 = 0.0015 vCPU = 0.3% of 500m, which floors at 1%
    const inv = inventory(nodes('prd', ['z1', 'z2', 'z3', 'z4'], 1), [workload('prd', 'tiny', 'api', { rps: 10, waypoint: true })]);
    const set = manifestsFor(inv);
    expect(parse(hpa(set, 'tiny')!).spec).toMatchObject({ minReplicas: 4, maxReplicas: 4, metrics: [{ resource: { target: { averageUtilization: 1 } } }] });
    expect(file(set, '2-waypoints/tiny/waypoint.yaml')!.comment.join('\n')).toContain('HPA maxReplicas 4 = k.');
    expect(set.warnings).toEqual([]);
  });

  it('below Istio 1.26: no parametersRef, an HPA object for the Deployment Istio generates, and the comment says why', () => {
    const set = manifestsFor(shop(), { istioVersion: '1.25' });
    const f = file(set, '2-waypoints/checkout/waypoint.yaml')!;
    expect(objectsOf(f).map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual([
      'gateway.networking.k8s.io/v1 Gateway waypoint',
      'autoscaling/v2 HorizontalPodAutoscaler waypoint',
    ]);
    const [gw, hpaObject] = objectsOf(f) as (KubeObject & { spec: any })[];
    expect(gw!.spec.infrastructure).toBeUndefined();
    expect(hpaObject!.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'waypoint' },
      minReplicas: 3,
      maxReplicas: 20,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
    });
    expect(f.comment.join('\n')).toContain('Istio 1.25 ignores a Gateway\'s parametersRef (its overlays apply from 1.26)');
    expect(f.comment.join('\n')).toContain('global.waypoint.resources');
    const istiod = file(set, '1-ambient-install/istiod-values.yaml')!;
    expect(istiod.kind === 'helmValues' && istiod.values.global).toEqual({
      waypoint: {
        resources: { requests: { cpu: '500m', memory: '128Mi' } },
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } } },
        ],
      },
    });
  });
});

describe('canaries', () => {
  it('a canary Service, an HTTPRoute on the Service with weights 100/0, and a Rollout on the Deployment', () => {
    const set = manifestsFor(shop());
    const f = file(set, '6-canary/checkout/canary-checkout-api.yaml');
    expect(objectsOf(f).map((o) => `${o.kind} ${o.metadata.name}`)).toEqual([
      'Service checkout-api-canary',
      'HTTPRoute checkout-api',
      'Rollout checkout-api',
    ]);
    const [, route, rollout] = objectsOf(f) as (KubeObject & { spec: any })[];
    expect(route!.spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'checkout-api' }]);
    expect(route!.spec.rules[0].backendRefs.map((b: { name: string; weight: number }) => [b.name, b.weight])).toEqual([
      ['checkout-api', 100],
      ['checkout-api-canary', 0],
    ]);
    expect(rollout!.spec.replicas).toBe(12);
    expect(rollout!.spec.workloadRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout-api', scaleDown: 'onsuccess' });
    expect(rollout!.spec.strategy.canary.trafficRouting.plugins['argoproj-labs/gatewayAPI']).toEqual({ httpRoute: 'checkout-api', namespace: 'checkout' });
  });

  it('registers the plugin once per cluster that has canaries', () => {
    const inv = shop();
    inv.workloads.push(workload('prd', 'catalog', 'catalog-web', { rps: 100, waypoint: true, canary: true }));
    const set = manifestsFor(inv);
    const configs = files(set).filter((f) => f.path === 'argo-rollouts/argo-rollouts-config.yaml' && f.step === '6-canary');
    expect(configs).toHaveLength(1);
    const data = dataOf(objectsOf(configs[0])[0]).trafficRouterPlugins;
    expect(data).toMatch(/^- name: argoproj-labs\/gatewayAPI\n  location: https:\/\/github\.com\/argoproj-labs\/rollouts-plugin-trafficrouter-gatewayapi\/releases\/download\/v[\d.]+\/gatewayapi-plugin-linux-amd64\n$/);
    expect(manifestsFor(inventory(nodes('prd', ['a'], 1), [workload('prd', 'x', 'api')])).clusters[0]!.files.map((f) => `${f.step}/${f.path}`)).toEqual([
      '1-ambient-install/istiod-values.yaml',
      '1-ambient-install/istio-cni-values.yaml',
      '1-ambient-install/ztunnel-values.yaml',
      '4-enrol/namespaces.yaml',
    ]);
  });

  it('warns about a canary that is no Deployment (and writes no Rollout) or has no waypoint', () => {
    const inv = inventory(nodes('prd', ['a'], 1), [
      workload('prd', 'data', 'db', { kind: 'StatefulSet', canary: true, waypoint: true }),
      workload('prd', 'web', 'front', { canary: true }),
    ]);
    const set = manifestsFor(inv);
    expect(set.warnings.map((w) => [w.code, w.example])).toEqual([
      ['canary-not-deployment', 'prd/data/db'],
      ['canary-without-waypoint', 'prd/web/front'],
    ]);
    expect(files(set).map((f) => f.path)).not.toContain('data/canary-db.yaml');
    expect(files(set).map((f) => `${f.step}/${f.path}`)).toContain('6-canary/web/canary-front.yaml');
  });
});

describe('cluster-wide files', () => {
  it('ztunnel Helm values carry the profile requests, explained per node', () => {
    const f = file(manifestsFor(shop()), '1-ambient-install/ztunnel-values.yaml')!;
    expect(f.kind).toBe('helmValues');
    expect(f.kind === 'helmValues' && f.values).toEqual({ resources: { requests: { cpu: '200m', memory: '512Mi' } } });
    expect(f.comment.join('\n')).toContain('6 nodes × 200m CPU = 1.2 vCPU, × 512Mi = 3 GiB requested');
  });

  it('--mtls strict adds one mesh-wide STRICT PeerAuthentication; permissive adds none', () => {
    const strict = manifestsFor(shop(), { mtls: 'strict' });
    expect(objectsOf(file(strict, '7-strict-mtls/istio-system/peer-authentication.yaml'))).toEqual([
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
    ]);
    expect(JSON.stringify(manifestsFor(shop(), { mtls: 'permissive' }))).not.toContain('PeerAuthentication');
  });

  it('orders files by step, and within a step cluster-wide first, then each namespace folder', () => {
    expect(files(manifestsFor(shop(), { mtls: 'strict' })).map((f) => `${f.step}/${f.path}`)).toEqual([
      '1-ambient-install/istiod-values.yaml',
      '1-ambient-install/istio-cni-values.yaml',
      '1-ambient-install/ztunnel-values.yaml',
      '2-waypoints/catalog/waypoint.yaml',
      '2-waypoints/checkout/waypoint.yaml',
      '4-enrol/namespaces.yaml',
      '4-enrol/catalog/service-patches.yaml',
      '4-enrol/checkout/service-patches.yaml',
      '6-canary/argo-rollouts/argo-rollouts-config.yaml',
      '6-canary/checkout/canary-checkout-api.yaml',
      '7-strict-mtls/istio-system/peer-authentication.yaml',
    ]);
  });
});

describe('names', () => {
  const attempt = (w: InventoryWorkload[], folders = true) => {
    try {
      manifestsFor(inventory(nodes('prd', ['a'], 1), w), { folders });
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('an invalid namespace exits 2 naming the input row', () => {
    const bad = workload('prd', 'Shop_EU', 'api', { origin: { file: 'workloads.csv', line: 7 } });
    const e = attempt([bad]) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('workloads.csv:7: namespace "Shop_EU" is not a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)');
  });

  it('checks the Service names of L7 and canary workloads, and lists every problem', () => {
    const e = attempt([
      workload('prd', 'shop', '9lives', { waypoint: true, origin: { file: 'w.csv', line: 2 } }),
      workload('prd', 'shop', `a${'b'.repeat(56)}`, { canary: true, origin: { file: 'w.csv', line: 3 } }),
      workload('prd', 'shop', 'UPPER', { origin: { file: 'w.csv', line: 4 } }),
    ]) as InputError;
    expect(e.message).toMatch(/^w\.csv:2: workload "9lives" \(the name of its Service\) is not a DNS-1035 label/);
    expect(e.more).toHaveLength(1);
    expect(e.more[0]).toMatch(/^w\.csv:3: workload "ab{56}" \(its canary Service "ab{56}-canary"\) is not a DNS-1035 label/);
  });

  it('checks cluster names as folder names when written as folders (--out), one cluster or several', () => {
    const e = attempt([workload('prd', 'shop', 'api', { origin: { file: 'w.csv', line: 2 } }), workload('arn:aws:eks/x', 'shop', 'api', { origin: { file: 'w.csv', line: 3 } })]) as InputError;
    expect(e.message).toMatch(/^w\.csv:3: cluster "arn:aws:eks\/x" \(the name of its output folder\) is not a name usable as a folder/);
    expect(attempt([workload('arn:aws:eks/x', 'shop', 'api', { origin: { file: 'w.csv', line: 2 } })])).toBeInstanceOf(InputError);
    expect(attempt([workload('arn:aws:eks/x', 'shop', 'api')], false)).toBeUndefined();
  });
});

/** What `buildManifests` writes for hand-made inventories, run through the real model. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { InventoryWorkload } from '../../src/inventory/types.js';
import type { KubeObject, ManifestFile, ManifestSet } from '../../src/manifests/types.js';
import { inventory, manifestsFor, nodes, shop, workload } from './plan.js';

const files = (set: ManifestSet, cluster = 'prd'): ManifestFile[] => set.clusters.find((c) => c.cluster === cluster)!.files;
const file = (set: ManifestSet, path: string, cluster = 'prd') => files(set, cluster).find((f) => f.path === path);
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
    const namespaces = objectsOf(file(set, 'namespaces.yaml'));
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
    expect(objectsOf(file(set, 'catalog/service-patches.yaml')).map((o) => [o.metadata.name, o.metadata.labels])).toEqual([
      ['catalog-api', { 'istio.io/use-waypoint': 'waypoint' }],
    ]);
    // the namespace label already routes checkout's Services; its patches carry only the locality
    for (const s of objectsOf(file(set, 'checkout/service-patches.yaml'))) expect(s.metadata.labels).toBeUndefined();
  });

  it('a DaemonSet in the namespace keeps the label off the Namespace (it would route the DaemonSet too)', () => {
    const inv = shop();
    inv.workloads.push(workload('prd', 'checkout', 'log-shipper', { kind: 'DaemonSet' }));
    const set = manifestsFor(inv);
    expect(find(set, 'Namespace', undefined, 'checkout')!.metadata.labels!['istio.io/use-waypoint']).toBeUndefined();
    expect(objectsOf(file(set, 'checkout/service-patches.yaml')).map((o) => o.metadata.name)).toEqual(['checkout-api', 'payments']);
  });
});

describe('locality', () => {
  it('preferClose annotates exactly the waypoint-routed Services', () => {
    const set = manifestsFor(shop(), { locality: 'preferClose' });
    const annotated = files(set)
      .flatMap(objectsOf)
      .filter((o) => o.metadata.annotations?.['networking.istio.io/traffic-distribution'] === 'PreferClose')
      .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(annotated.sort()).toEqual(['catalog/catalog-api', 'checkout/checkout-api', 'checkout/payments']);
  });

  it('none writes no annotation, and no patch file where the Namespace label suffices', () => {
    const set = manifestsFor(shop(), { locality: 'none' });
    expect(JSON.stringify(set)).not.toContain('traffic-distribution');
    expect(file(set, 'checkout/service-patches.yaml')).toBeUndefined();
    expect(file(set, 'catalog/service-patches.yaml')).toBeDefined();
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

  it('HPA: min = max(profile minimum, zones), max = the replicas the load needs; the comment derives both', () => {
    // checkout: 10,000 rps → 600k rpm × 1.6 / 50k = 19.2 → 20 replicas; 3 zones
    const set = manifestsFor(shop());
    expect(hpa(set, 'checkout')).toBe('spec:\n  minReplicas: 3\n  maxReplicas: 20\n');
    const comment = file(set, 'checkout/waypoint.yaml')!.comment.join('\n');
    expect(comment).toContain('10,000 rps × 60 = 600k rpm; 600k rpm × 1.6 / 50k rpm per replica → 20 replicas (19.2 rounded up)');
    expect(comment).toContain('HPA minReplicas 3 = max(profile minReplicas 2, 3 zones: eu-1a, eu-1b, eu-1c)');
    expect(comment).toContain('HPA maxReplicas 20 = the replicas the load needs');
  });

  it('more zones than the load needs replicas: the plan prices one per zone and the HPA deploys it (min = max)', () => {
    const inv = inventory(nodes('prd', ['z1', 'z2', 'z3', 'z4'], 1), [workload('prd', 'tiny', 'api', { rps: 10, waypoint: true })]);
    const set = manifestsFor(inv);
    // k = f = max(minReplicas 2, 4 zones, load 1) = 4
    expect(hpa(set, 'tiny')).toBe('spec:\n  minReplicas: 4\n  maxReplicas: 4\n');
    expect(file(set, 'tiny/waypoint.yaml')!.comment.join('\n')).toContain('the load needs fewer; the estimate priced 4 replicas');
    expect(set.warnings).toEqual([]);
  });
});

describe('canaries', () => {
  it('a canary Service, an HTTPRoute on the Service with weights 100/0, and a Rollout on the Deployment', () => {
    const set = manifestsFor(shop());
    const f = file(set, 'checkout/canary-checkout-api.yaml');
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
    const configs = files(set).filter((f) => f.path === 'argo-rollouts/argo-rollouts-config.yaml');
    expect(configs).toHaveLength(1);
    const data = dataOf(objectsOf(configs[0])[0]).trafficRouterPlugins;
    expect(data).toMatch(/^- name: argoproj-labs\/gatewayAPI\n  location: https:\/\/github\.com\/argoproj-labs\/rollouts-plugin-trafficrouter-gatewayapi\/releases\/download\/v[\d.]+\/gatewayapi-plugin-linux-amd64\n$/);
    expect(manifestsFor(inventory(nodes('prd', ['a'], 1), [workload('prd', 'x', 'api')])).clusters[0]!.files.map((f) => f.path)).toEqual([
      'namespaces.yaml',
      'ztunnel-values.yaml',
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
    expect(files(set).map((f) => f.path)).toContain('web/canary-front.yaml');
  });
});

describe('cluster-wide files', () => {
  it('ztunnel Helm values carry the profile requests, explained per node', () => {
    const f = file(manifestsFor(shop()), 'ztunnel-values.yaml')!;
    expect(f.kind).toBe('helmValues');
    expect(f.kind === 'helmValues' && f.values).toEqual({ resources: { requests: { cpu: '200m', memory: '512Mi' } } });
    expect(f.comment.join('\n')).toContain('6 nodes × 200m CPU = 1.2 vCPU, × 512Mi = 3 GiB requested');
  });

  it('--mtls strict adds one mesh-wide STRICT PeerAuthentication; permissive adds none', () => {
    const strict = manifestsFor(shop(), { mtls: 'strict' });
    expect(objectsOf(file(strict, 'istio-system/peer-authentication.yaml'))).toEqual([
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
    ]);
    expect(JSON.stringify(manifestsFor(shop(), { mtls: 'permissive' }))).not.toContain('PeerAuthentication');
  });

  it('orders files: cluster-wide first, then each namespace folder', () => {
    expect(files(manifestsFor(shop(), { mtls: 'strict' })).map((f) => f.path)).toEqual([
      'namespaces.yaml',
      'ztunnel-values.yaml',
      'argo-rollouts/argo-rollouts-config.yaml',
      'istio-system/peer-authentication.yaml',
      'catalog/waypoint.yaml',
      'catalog/service-patches.yaml',
      'checkout/waypoint.yaml',
      'checkout/service-patches.yaml',
      'checkout/canary-checkout-api.yaml',
    ]);
  });
});

describe('names', () => {
  const attempt = (w: InventoryWorkload[]) => {
    try {
      manifestsFor(inventory(nodes('prd', ['a'], 1), w));
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

  it('checks cluster names as folder names when there are several clusters', () => {
    const e = attempt([workload('prd', 'shop', 'api', { origin: { file: 'w.csv', line: 2 } }), workload('arn:aws:eks/x', 'shop', 'api', { origin: { file: 'w.csv', line: 3 } })]) as InputError;
    expect(e.message).toMatch(/^w\.csv:3: cluster "arn:aws:eks\/x" \(the name of its output folder\) is not a name usable as a folder/);
    expect(attempt([workload('arn:aws:eks/x', 'shop', 'api')])).toBeUndefined();
  });
});

/**
 * Hand-made inventories for the manifest tests: in memory, no files. `planFor` runs
 * the real model on them, so the manifests are tested against real Plans.
 */
import { TOOL } from '../../src/version.js';
import type { Inventory, InventoryNode, InventoryWorkload } from '../../src/inventory/types.js';
import type { IstioFindings } from '../../src/istio/index.js';
import { buildManifests, type ManifestInput } from '../../src/manifests/index.js';
import { parseIstioVersion } from '../../src/manifests/istioVersion.js';
import type { MtlsMode } from '../../src/manifests/types.js';
import { estimate } from '../../src/model/estimate.js';
import { DEFAULT_EXCLUDED_NAMESPACES, type Locality } from '../../src/model/types.js';
import { priceSheetSchema, proxyProfileSchema } from '../../src/profiles/schema.js';

export const profile = proxyProfileSchema.parse({
  apiVersion: 'mesh-cost/v1',
  kind: 'ProxyProfile',
  metadata: { name: 'test-profile' },
  spec: {
    sidecar: { usage: { cpu: { base: 0.2 }, memoryMiB: { base: 60 } }, requests: { cpu: '100m', memory: '128Mi' } },
    ztunnel: { usage: { cpu: { base: 0.06 }, memoryMiB: { base: 12 } }, requests: { cpu: '200m', memory: '512Mi' } },
    waypoint: {
      usage: { cpu: { per1kRps: 0.6 }, memoryMiB: { base: 60 } },
      requests: { cpu: '500m', memory: '128Mi' },
      scaling: { rpmPerReplica: 50000, headroom: 0.6, minReplicas: 2 },
    },
  },
});

export const prices = priceSheetSchema.parse({
  apiVersion: 'mesh-cost/v1',
  kind: 'PriceSheet',
  metadata: { name: 'test-prices' },
  spec: { CPU: 0.031611, RAM: 0.004237 },
});

export function nodes(cluster: string, zones: string[], perZone: number): InventoryNode[] {
  return zones.flatMap((zone, z) =>
    Array.from({ length: perZone }, (_, i) => ({
      cluster,
      environment: cluster.toUpperCase(),
      name: `${cluster}-node-${z}-${i}`,
      zone,
      capacityType: 'on-demand' as const,
      vcpu: 8,
      memoryGiB: 32,
    })),
  );
}

let line = 1;
export function workload(cluster: string, namespace: string, name: string, extra: Partial<InventoryWorkload> = {}): InventoryWorkload {
  return {
    cluster,
    environment: cluster.toUpperCase(),
    namespace,
    name,
    kind: 'Deployment',
    replicas: 3,
    rps: 0,
    waypoint: false,
    canary: false,
    hostNetwork: false,
    origin: { file: 'workloads.csv', line: ++line },
    ...extra,
  };
}

export function inventory(n: InventoryNode[], w: InventoryWorkload[]): Inventory {
  return { sources: ['test'], nodes: n, workloads: w, pods: w.reduce((s, x) => s + x.replicas, 0) };
}

export interface Options {
  locality?: Locality;
  mtls?: MtlsMode;
  /** the target release, default 1.30 */
  istioVersion?: string;
  folders?: boolean;
  istio?: IstioFindings;
}

export function inputFor(inv: Inventory, opts: Options = {}): ManifestInput {
  const options = { basis: 'max' as const, locality: opts.locality ?? 'preferClose', excludedNamespaces: DEFAULT_EXCLUDED_NAMESPACES };
  const plan = estimate({ inventory: inv, profile, prices, options, generatedAt: '2026-01-01T00:00:00.000Z', tool: TOOL });
  return {
    plan,
    inventory: inv,
    profile,
    options: { ...options, mtls: opts.mtls ?? 'permissive', istioVersion: parseIstioVersion(opts.istioVersion ?? '1.30'), folders: opts.folders ?? true },
    ...(opts.istio ? { istio: opts.istio } : {}),
  };
}

export function manifestsFor(inv: Inventory, opts: Options = {}) {
  return buildManifests(inputFor(inv, opts));
}

/** One production-like cluster: 3 zones, an L7 namespace with a canary, a mixed namespace, an L4-only one. */
export function shop(): Inventory {
  return inventory(nodes('prd', ['eu-1a', 'eu-1b', 'eu-1c'], 2), [
    workload('prd', 'checkout', 'checkout-api', { replicas: 12, rps: 8000, waypoint: true, canary: true }),
    workload('prd', 'checkout', 'payments', { replicas: 6, rps: 2000, waypoint: true }),
    workload('prd', 'catalog', 'catalog-api', { replicas: 8, rps: 3000, waypoint: true }),
    workload('prd', 'catalog', 'catalog-worker', { replicas: 4 }),
    workload('prd', 'search', 'search-api', { replicas: 5, rps: 500 }),
    workload('prd', 'kube-system', 'coredns', { replicas: 2 }),
  ]);
}

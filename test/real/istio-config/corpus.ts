/**
 * The corpus as the CLI reads it: objects out of the authors' files, with the namespace
 * `kubectl apply` gives them, gathered into the JSON List `kubectl get … -A -o json`
 * prints; and an inventory made from the files' Deployments (name, replicas, pod
 * template labels), as the kube reader would fold their pods.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { Inventory, InventoryWorkload } from '../../../src/inventory/types.js';

const DIR = fileURLToPath(new URL('.', import.meta.url));

export type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

/** Every document of a YAML file, namespaced as `kubectl apply` would. */
export function yamlObjects(file: string): Obj[] {
  return parseAllDocuments(readFileSync(DIR + file, 'utf8'))
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null)
    .map((o) => ({ ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? 'default' } }));
}

/** The objects `kubectl apply -f - <<EOF … EOF` applies in the named functions of an Istio docs snips.sh. */
export function snippetObjects(file: string, ...functions: string[]): Obj[] {
  const text = readFileSync(DIR + file, 'utf8');
  return functions.flatMap((fn) => {
    const body = new RegExp(`^${fn}\\(\\) \\{\\nkubectl apply -f - <<EOF\\n([\\s\\S]*?)\\nEOF\\n\\}`, 'm').exec(text);
    if (!body) throw new Error(`${file}: no snippet ${fn}`);
    return parseAllDocuments(body[1]!).map((d) => d.toJS() as Obj);
  });
}

/** `kubectl get … -A -o json` of these objects */
export function asList(objects: readonly Obj[]): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } }, null, 2);
}

/** One workload per Deployment, with its pod template's labels; `labels: false` drops them (a CSV inventory). */
export function inventoryOf(objects: readonly Obj[], opts: { cluster?: string; rps?: number; labels?: boolean } = {}): Inventory {
  const cluster = opts.cluster ?? 'c1';
  const workloads: InventoryWorkload[] = objects
    .filter((o) => o.kind === 'Deployment')
    .map((d) => ({
      cluster,
      environment: cluster,
      namespace: d.metadata.namespace!,
      name: d.metadata.name,
      kind: 'Deployment',
      replicas: d.spec.replicas ?? 1,
      rps: opts.rps ?? 0,
      waypoint: false,
      canary: false,
      hostNetwork: false,
      ...(opts.labels === false ? {} : { labels: d.spec.template.metadata.labels }),
    }));
  const nodes = ['a', 'b'].map((zone) => ({ cluster, environment: cluster, name: `n-${zone}`, zone, capacityType: 'on-demand' as const, vcpu: 8, memoryGiB: 32 }));
  return { sources: ['corpus'], nodes, workloads, pods: workloads.reduce((s, w) => s + w.replicas, 0) };
}

/** What `kubectl get nodes,pods -A -o json` prints for these Deployments: two zones, their pods with the templates' labels, running sidecars. */
export function kubeListOf(objects: readonly Obj[]): string {
  const nodes = ['a', 'b'].map((z) => ({
    kind: 'Node',
    metadata: { name: `node-${z}`, labels: { 'topology.kubernetes.io/zone': `zone-${z}` } },
    status: { allocatable: { cpu: '8', memory: '32Gi' } },
  }));
  const pods = objects
    .filter((o) => o.kind === 'Deployment')
    .flatMap((d) =>
      Array.from({ length: d.spec.replicas ?? 1 }, (_, i) => ({
        kind: 'Pod',
        metadata: {
          name: `${d.metadata.name}-5f7d9c-${i}`,
          namespace: d.metadata.namespace,
          labels: { ...d.spec.template.metadata.labels, 'pod-template-hash': '5f7d9c' },
          ownerReferences: [{ kind: 'ReplicaSet', name: `${d.metadata.name}-5f7d9c`, controller: true }],
        },
        spec: { nodeName: `node-${i % 2 ? 'b' : 'a'}`, containers: [{ name: d.metadata.name }, { name: 'istio-proxy' }] },
        status: { phase: 'Running' },
      })),
    );
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...nodes, ...pods] });
}

/** What `kubectl get services,virtualservices,… -A -o json` lists: Services and Istio's kinds (Deployments come as pods) */
const CONFIG_KINDS = new Set(['Service', 'VirtualService', 'DestinationRule', 'AuthorizationPolicy', 'EnvoyFilter', 'RequestAuthentication', 'Telemetry']);

/** bookinfo as a cluster shows it: its pods, and its configuration with a weighted route, subsets, an EnvoyFilter and an L7 policy. */
export function bookinfoCluster(): { kube: string; istio: string } {
  const bookinfo = yamlObjects('istio/bookinfo.yaml');
  const config = [
    ...bookinfo,
    ...yamlObjects('istio/virtual-service-reviews-80-20.yaml'),
    ...yamlObjects('istio/destination-rule-all.yaml'),
    ...yamlObjects('istio/productpage_envoy_ratelimit.yaml'),
    ...snippetObjects('istio.io/authz-http-snips.sh', 'snip_configure_access_control_for_workloads_using_http_traffic_2'),
  ].filter((o) => CONFIG_KINDS.has(o.kind));
  return { kube: kubeListOf(bookinfo), istio: asList(config) };
}

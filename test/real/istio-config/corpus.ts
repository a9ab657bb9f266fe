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

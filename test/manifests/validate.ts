/**
 * Validates generated objects against the upstream schemas: the CRDs' openAPIV3Schema
 * (copied into ./schemas by ./schemas/extract.mjs) with ajv, and the built-in kinds with
 * kubernetes-models (the Kubernetes OpenAPI). What neither can check — CEL rules
 * (x-kubernetes-validations) and the API server's own cross-field checks — is not
 * claimed here. A kind with no schema is an error, never a silent pass.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { parse } from 'yaml';

const SCHEMAS = fileURLToPath(new URL('./schemas/', import.meta.url));

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(s));
ajv.addFormat('ipv4', isIPv4);
ajv.addFormat('ipv6', isIPv6);

/** `group/version Kind` → validator, from the schema files' names (`Kind.group.version.json`) */
const crds = new Map<string, ValidateFunction>();
for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'))) {
  const [kind, ...rest] = file.slice(0, -'.json'.length).split('.');
  const version = rest.pop()!;
  crds.set(`${rest.join('.')}/${version} ${kind}`, ajv.compile(JSON.parse(readFileSync(SCHEMAS + file, 'utf8'))));
}

export const crdKinds = (): string[] => [...crds.keys()].sort();

type Obj = { apiVersion: string; kind: string; [k: string]: unknown };

const models: Record<string, (o: Obj) => { validate(): void }> = {
  'v1 Namespace': (o) => new Namespace(o as never),
  'v1 Service': (o) => new Service(o as never),
  'v1 ConfigMap': (o) => new ConfigMap(o as never),
  'apps/v1 Deployment': (o) => new Deployment(o as never),
  'autoscaling/v2 HorizontalPodAutoscaler': (o) => new HorizontalPodAutoscaler(o as never),
};

/** Problems with one object; empty when it is valid. */
export function validateObject(o: Obj): string[] {
  const id = `${o.apiVersion} ${o.kind}`;
  const crd = crds.get(id);
  if (crd) return crd(o) ? [] : crd.errors!.map((e) => `${id}: ${e.instancePath || '/'} ${e.message}`);
  const model = models[id];
  if (!model) return [`${id}: no schema to validate it against`];
  try {
    model(o).validate();
    return [];
  } catch (e) {
    return [`${id}: ${(e as Error).message}`];
  }
}

/**
 * A waypoint's parameters ConfigMap carries overlays, not objects: Istio merges them
 * into the Deployment and HPA it generates. Validate them the same way, merged onto
 * the skeleton of Istio's waypoint template (manifests/charts/istio-control/
 * istio-discovery/files/waypoint.yaml).
 */
export function validateWaypointOverlays(configMap: { data: Record<string, string> }): string[] {
  const name = { name: 'waypoint' };
  const deployment = strategicMerge(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: name,
      spec: {
        selector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } },
        template: {
          metadata: { labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } },
          spec: { containers: [{ name: 'istio-proxy', image: 'istio/proxyv2' }] },
        },
      },
    },
    parse(configMap.data.deployment!),
  ) as Obj;
  const hpa = strategicMerge(
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: name,
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'waypoint' }, maxReplicas: 1 },
    },
    parse(configMap.data.horizontalPodAutoscaler!),
  ) as Obj & { spec: { minReplicas: number; maxReplicas: number } };
  const problems = [...validateObject(deployment), ...validateObject(hpa)];
  // the API server's check, not the schema's
  if (hpa.spec.minReplicas > hpa.spec.maxReplicas) problems.push(`HPA minReplicas ${hpa.spec.minReplicas} > maxReplicas ${hpa.spec.maxReplicas}`);
  return problems;
}

/** Kubernetes' strategic merge, as far as these overlays need it: lists of named objects merge by name. */
function strategicMerge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) {
    const named = (x: unknown): x is { name: string } => typeof x === 'object' && x !== null && 'name' in x;
    if (!patch.every(named)) return patch;
    const out = [...base];
    for (const p of patch) {
      const i = out.findIndex((b) => named(b) && b.name === p.name);
      if (i >= 0) out[i] = strategicMerge(out[i], p);
      else out.push(p);
    }
    return out;
  }
  if (isRecord(base) && isRecord(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) out[k] = k in base ? strategicMerge(base[k], v) : v;
    return out;
  }
  return patch;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The cluster's Istio configuration (`kubectl get services,virtualservices,
 * destinationrules,authorizationpolicies,envoyfilters,requestauthentications,
 * telemetries -A -o json`) as the few fields the L7 rules read, validated with zod.
 * Everything else in an object is kept as it is (the policies are copied whole).
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

const labels = z.record(z.string(), z.string());
const metadata = z.looseObject({ name: z.string().min(1), namespace: z.string().min(1), labels: labels.optional() });
const selector = z.looseObject({ matchLabels: labels.optional() });
const targetRef = z.looseObject({ group: z.string().optional(), kind: z.string(), name: z.string() });
const attachment = { selector: selector.optional(), targetRef: targetRef.optional(), targetRefs: z.array(targetRef).optional() };

const service = z.looseObject({ metadata, spec: z.looseObject({ selector: labels.nullish() }).optional() });
const destination = z.looseObject({ host: z.string(), subset: z.string().optional() });
const httpRoute = z.looseObject({
  match: z.array(z.record(z.string(), z.unknown())).nullish(),
  route: z.array(z.looseObject({ destination, weight: z.number().optional() })).nullish(),
});
const virtualService = z.looseObject({
  metadata,
  spec: z.looseObject({ hosts: z.array(z.string()).optional(), gateways: z.array(z.string()).optional(), http: z.array(httpRoute).nullish() }),
});
const destinationRule = z.looseObject({
  metadata,
  spec: z.looseObject({ host: z.string(), subsets: z.array(z.looseObject({ name: z.string() })).nullish() }),
});
const rule = z.looseObject({
  from: z.array(z.looseObject({ source: z.record(z.string(), z.unknown()).optional() })).nullish(),
  to: z.array(z.looseObject({ operation: z.record(z.string(), z.unknown()).optional() })).nullish(),
  when: z.array(z.looseObject({ key: z.string() })).nullish(),
});
const authorizationPolicy = z.looseObject({
  metadata,
  spec: z.looseObject({ ...attachment, action: z.string().optional(), rules: z.array(rule).nullish() }).optional(),
});
const attached = z.looseObject({ metadata, spec: z.looseObject(attachment).optional() });

export type IstioService = z.output<typeof service>;
export type VirtualService = z.output<typeof virtualService>;
export type HttpRoute = z.output<typeof httpRoute>;
export type DestinationRule = z.output<typeof destinationRule>;
export type AuthorizationPolicy = z.output<typeof authorizationPolicy>;
/** RequestAuthentication, EnvoyFilter, Telemetry, Sidecar: only where they attach matters */
export type AttachedObject = z.output<typeof attached>;

export interface IstioConfig {
  services: IstioService[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  authorizationPolicies: AuthorizationPolicy[];
  requestAuthentications: AttachedObject[];
  envoyFilters: AttachedObject[];
  telemetries: AttachedObject[];
  sidecars: AttachedObject[];
}

const KINDS = {
  Service: ['services', service],
  VirtualService: ['virtualServices', virtualService],
  DestinationRule: ['destinationRules', destinationRule],
  AuthorizationPolicy: ['authorizationPolicies', authorizationPolicy],
  RequestAuthentication: ['requestAuthentications', attached],
  EnvoyFilter: ['envoyFilters', attached],
  Telemetry: ['telemetries', attached],
  Sidecar: ['sidecars', attached],
} as const satisfies Record<string, [keyof IstioConfig, z.ZodType]>;

export function emptyIstioConfig(): IstioConfig {
  return { services: [], virtualServices: [], destinationRules: [], authorizationPolicies: [], requestAuthentications: [], envoyFilters: [], telemetries: [], sidecars: [] };
}

/**
 * Adds one object to the configuration; `where` names it in errors (file and item).
 * Kinds the rules do not read (a PeerAuthentication, a Gateway) are skipped: they carry
 * over to ambient unchanged.
 */
export function addIstioObject(config: IstioConfig, obj: object, where: { file: string; item?: string }): void {
  const { kind } = obj as { kind?: unknown };
  const entry = typeof kind === 'string' ? KINDS[kind as keyof typeof KINDS] : undefined;
  if (!entry) return;
  const [field, schema] = entry;
  const parsed = schema.safeParse(obj);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.join('.');
    throw new InputError(`${where.item ? `${where.item} (${kind}): ` : ''}${at ? `${at}: ` : ''}${issue.message}`, { file: where.file });
  }
  (config[field] as unknown[]).push(parsed.data);
}

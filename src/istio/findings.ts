/**
 * What needs L7 in ambient, read off the cluster's Istio configuration by the rules of
 * DESIGN section 6, and what ambient does not carry over. Pure: configuration +
 * inventory in, findings out.
 *
 * Needs a waypoint:
 * - a VirtualService that applies to mesh traffic (`gateways` empty or holding `mesh`)
 *   with HTTP routing beyond a plain pass-through (see `routingOf`);
 * - an AuthorizationPolicy with L7 rules (paths, methods, hosts, headers or request
 *   principals; or action CUSTOM/AUDIT, which waypoints enforce);
 * - a RequestAuthentication.
 * VirtualServices bound only to ingress gateways are the gateway's business, not the
 * mesh's: they do not count.
 */
import type { InventoryWorkload } from '../inventory/types.js';
import type { ReadinessFinding } from '../model/types.js';
import type { AttachedObject, AuthorizationPolicy, HttpRoute, IstioConfig, IstioService, VirtualService } from './config.js';
import { servicesSelectedBy, workloadsOf } from './select.js';

/** Istio's root namespace: a policy there without a selector applies mesh-wide. */
const ROOT_NAMESPACE = 'istio-system';

export interface L7Service {
  namespace: string;
  name: string;
  /** why, e.g. `VirtualService reviews: weights, subsets` */
  reasons: string[];
  /** the workloads behind it, which get waypoint = true */
  workloads: string[];
}

/** A selector-attached (or namespace-wide) L7 policy, to be copied for the waypoint with targetRefs. */
export interface PolicyCopy {
  kind: 'AuthorizationPolicy' | 'RequestAuthentication';
  namespace: string;
  name: string;
  /** the original spec, selector included (the copy drops it) */
  spec: Record<string, unknown>;
  /** Services the selector reaches; empty = the namespace's waypoint itself (a namespace-wide policy) */
  services: string[];
}

export interface IstioFindings {
  cluster: string;
  services: L7Service[];
  /** Services an Istio ingress gateway routes to (a VirtualService bound to it), as `namespace/name` */
  ingressRouted: string[];
  policies: PolicyCopy[];
  readiness: ReadinessFinding[];
}

const L7_OPERATION_FIELDS = ['paths', 'notPaths', 'methods', 'notMethods', 'hosts', 'notHosts'];
const L7_SOURCE_FIELDS = ['requestPrincipals', 'notRequestPrincipals'];

export function findL7(config: IstioConfig, cluster: string, allWorkloads: readonly InventoryWorkload[]): IstioFindings {
  const workloads = allWorkloads.filter((w) => w.cluster === cluster);
  const behind = new Map(config.services.map((s) => [s, workloadsOf(s, workloads)]));
  const needs = new Map<IstioService, string[]>();
  const need = (svc: IstioService, reason: string) => needs.set(svc, [...(needs.get(svc) ?? []), reason]);
  const readiness: ReadinessFinding[] = [];
  const finding = (o: { metadata: { namespace: string; name: string } }, kind: string, text: string) =>
    readiness.push({ cluster, namespace: o.metadata.namespace, kind, name: o.metadata.name, finding: text });
  const inNamespace = (ns: string) => config.services.filter((s) => s.metadata.namespace === ns);

  // --- VirtualServices: L7 routing of mesh traffic
  const subsetsRouted = new Set<string>();
  const ingressRouted = new Set<string>();
  for (const vs of config.virtualServices) {
    if (boundToGateway(vs)) {
      for (const r of vs.spec.http ?? []) for (const d of r.route ?? []) ingressRouted.add(hostKey(d.destination.host, vs.metadata.namespace));
    }
    if (!appliesToMesh(vs)) continue;
    const routing = (vs.spec.http ?? []).flatMap((r) => routingOf(r, vs));
    if (routing.length === 0) continue;
    const kinds = [...new Set(routing)];
    const targets = (vs.spec.hosts ?? []).map((h) => serviceFor(h, vs.metadata.namespace, config.services));
    for (const svc of targets) if (svc) need(svc, `VirtualService ${vs.metadata.name}: ${kinds.join(', ')}`);
    const missing = (vs.spec.hosts ?? []).filter((_, i) => !targets[i]);
    finding(
      vs,
      'VirtualService',
      `routes mesh traffic at L7 (${kinds.join(', ')}): a waypoint serves it, where VirtualService support is Alpha; move it to an HTTPRoute on the Service` +
        (missing.length > 0 ? `; hosts ${missing.join(', ')} are no Service in the configuration and get no waypoint` : ''),
    );
    for (const r of vs.spec.http ?? []) for (const d of r.route ?? []) if (d.destination.subset) subsetsRouted.add(hostKey(d.destination.host, vs.metadata.namespace));
  }
  for (const dr of config.destinationRules) {
    if (!dr.spec.subsets?.length || !subsetsRouted.has(hostKey(dr.spec.host, dr.metadata.namespace))) continue;
    finding(
      dr,
      'DestinationRule',
      `subsets ${dr.spec.subsets.map((s) => s.name).join(', ')} are routed to by a VirtualService: an HTTPRoute routes to Services, so each subset needs a Service of its own (e.g. ${hostName(dr.spec.host)}-${dr.spec.subsets[0]!.name}) before the move; its traffic policies carry over unchanged`,
    );
  }

  // --- L7 policies: enforced by the waypoint, attached with targetRefs
  const policies: PolicyCopy[] = [];
  const attach = (kind: PolicyCopy['kind'], p: AuthorizationPolicy | AttachedObject, why: string) => {
    const spec = (p.spec ?? {}) as Record<string, unknown> & { selector?: { matchLabels?: Record<string, string> }; targetRef?: unknown; targetRefs?: unknown[] };
    if (spec.targetRef || spec.targetRefs?.length) {
      // already written for a waypoint: the Services it names need one
      const refs = [...(spec.targetRefs ?? []), ...(spec.targetRef ? [spec.targetRef] : [])] as { kind: string; name: string }[];
      for (const ref of refs.filter((r) => r.kind === 'Service')) {
        const svc = config.services.find((s) => s.metadata.namespace === p.metadata.namespace && s.metadata.name === ref.name);
        if (svc) need(svc, `${kind} ${p.metadata.name}: ${why}`);
      }
      return;
    }
    const labels = spec.selector?.matchLabels;
    if (p.metadata.namespace === ROOT_NAMESPACE && !labels) {
      finding(p, kind, `mesh-wide ${why}: a waypoint enforces only what is attached to it; attach a copy to each namespace's waypoint that must enforce it (targetRefs cannot name the whole mesh)`);
      return;
    }
    const reached = labels ? servicesSelectedBy(labels, p.metadata.namespace, config.services, behind) : inNamespace(p.metadata.namespace);
    if (reached.length === 0) {
      finding(
        p,
        kind,
        labels
          ? `${why}, but no Service of a meshed workload covers the pods it selects (an ingress gateway's pods, say, keep enforcing it): there is nothing to attach to a waypoint; if it protects meshed pods, it stops applying when their sidecars go`
          : `${why}, but its namespace has no Service: there is nothing to attach to a waypoint; it stops applying when the sidecars go`,
      );
      return;
    }
    for (const svc of reached) need(svc, `${kind} ${p.metadata.name}: ${why}`);
    policies.push({ kind, namespace: p.metadata.namespace, name: p.metadata.name, spec, services: labels ? reached.map((s) => s.metadata.name).sort() : [] });
    finding(
      p,
      kind,
      `${labels ? 'selector-attached' : 'namespace-wide'} ${why}: the sidecar enforces it, a waypoint only with targetRefs; its copy is in 3-policies, and this one can go once 5-remove-sidecars is done`,
    );
  };
  for (const ap of config.authorizationPolicies) {
    const why = l7RulesOf(ap);
    if (why) attach('AuthorizationPolicy', ap, why);
  }
  for (const ra of config.requestAuthentications) attach('RequestAuthentication', ra, 'JWT validation (L7)');

  // --- what ambient does not carry over
  for (const ef of config.envoyFilters) {
    finding(ef, 'EnvoyFilter', 'configures sidecar Envoys: ztunnel ignores it and waypoints do not support EnvoyFilters; rewrite it (a WasmPlugin or an HTTPRoute filter on the waypoint) before the sidecars go');
  }
  for (const sc of config.sidecars) {
    finding(sc, 'Sidecar', 'a sidecar-only setting: ambient ignores it (ztunnel and waypoints are not scoped by Sidecar resources)');
  }
  for (const t of config.telemetries) {
    if (t.spec?.selector) finding(t, 'Telemetry', 'selector-attached: it applies to sidecars; for a waypoint, attach it with targetRefs');
  }

  const services: L7Service[] = [...needs].map(([svc, reasons]) => ({
    namespace: svc.metadata.namespace,
    name: svc.metadata.name,
    reasons,
    workloads: (behind.get(svc) ?? []).map((w) => w.name).sort(),
  }));
  const byPlace = <T extends { namespace: string; name: string }>(a: T, b: T) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name);
  const known = new Set(config.services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  return {
    cluster,
    services: services.sort(byPlace),
    ingressRouted: [...ingressRouted].filter((k) => known.has(k)).sort(),
    policies: policies.sort(byPlace),
    readiness: readiness.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.kind, b.kind) || cmp(a.name, b.name)),
  };
}

/** bound to a gateway other than `mesh`: it routes traffic arriving through an ingress gateway */
function boundToGateway(vs: VirtualService): boolean {
  return (vs.spec.gateways ?? []).some((g) => g !== 'mesh');
}

function appliesToMesh(vs: VirtualService): boolean {
  const gateways = vs.spec.gateways ?? [];
  return gateways.length === 0 || gateways.includes('mesh');
}

/** What an HTTP route does beyond passing the request on to the Service it was sent to. */
function routingOf(r: HttpRoute, vs: VirtualService): string[] {
  const found: string[] = [];
  const own = new Set((vs.spec.hosts ?? []).map((h) => hostKey(h, vs.metadata.namespace)));
  const routes = r.route ?? [];
  if (routes.length > 1 || routes.some((d) => d.weight !== undefined && d.weight !== 100)) found.push('weights');
  if (routes.some((d) => d.destination.subset)) found.push('subsets');
  if (routes.some((d) => !own.has(hostKey(d.destination.host, vs.metadata.namespace)))) found.push('a different destination');
  for (const m of r.match ?? []) {
    if (m.headers) found.push('header matches');
    if (m.uri) found.push('path matches');
    if (m.method || m.queryParams || m.authority) found.push('request matches');
  }
  const has = (k: string) => (r as Record<string, unknown>)[k] !== undefined;
  if (has('fault')) found.push('fault injection');
  if (has('retries')) found.push('retries');
  if (has('timeout')) found.push('timeouts');
  if (has('mirror') || has('mirrors') || has('mirrorPercentage')) found.push('mirroring');
  if (has('rewrite')) found.push('rewrites');
  if (has('redirect') || has('directResponse')) found.push('redirects');
  if (has('headers')) found.push('header changes');
  if (has('corsPolicy')) found.push('CORS');
  return [...new Set(found)];
}

/** Why an AuthorizationPolicy needs L7, or undefined when ztunnel enforces it alone (principals, namespaces, ports). */
function l7RulesOf(ap: AuthorizationPolicy): string | undefined {
  const action = ap.spec?.action;
  if (action === 'CUSTOM' || action === 'AUDIT') return `action ${action}`;
  const fields = new Set<string>();
  for (const rule of ap.spec?.rules ?? []) {
    for (const to of rule.to ?? []) for (const f of L7_OPERATION_FIELDS) if (to.operation?.[f] !== undefined) fields.add(f);
    for (const from of rule.from ?? []) for (const f of L7_SOURCE_FIELDS) if (from.source?.[f] !== undefined) fields.add(f);
    for (const w of rule.when ?? []) if (w.key.startsWith('request.')) fields.add(w.key.replace(/\[.*$/, ''));
  }
  return fields.size > 0 ? `L7 rules (${[...fields].join(', ')})` : undefined;
}

/** `reviews` in namespace prod, `reviews.prod`, `reviews.prod.svc.cluster.local` → `prod/reviews`; other hosts stay as written. */
function hostKey(host: string, namespace: string): string {
  const parts = host.split('.');
  if (parts.length === 1) return `${namespace}/${host}`;
  if (parts.length === 2 || parts[2] === 'svc') return `${parts[1]}/${parts[0]}`;
  return host;
}

function hostName(host: string): string {
  return host.split('.')[0]!;
}

function serviceFor(host: string, namespace: string, services: readonly IstioService[]): IstioService | undefined {
  const key = hostKey(host, namespace);
  return services.find((s) => `${s.metadata.namespace}/${s.metadata.name}` === key);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

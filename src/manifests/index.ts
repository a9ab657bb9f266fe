/**
 * The ambient migration as data (DESIGN section 6): Plan + inventory + profile →
 * per cluster, the steps of Istio's sidecar-to-ambient migration, each with its files
 * and README. Pure: no I/O, no clock; the same input gives the same files in the same
 * order.
 */
import { Warnings, type Inventory, type InventoryWorkload } from '../inventory/types.js';
import type { IstioFindings } from '../istio/index.js';
import { isMeshed } from '../model/meshed.js';
import type { ModelOptions, Plan, WaypointPlan } from '../model/types.js';
import type { ProxyProfile } from '../profiles/schema.js';
import { ambientInstall } from './ambientInstall.js';
import { argoRolloutsConfigFile, canaryFile, canaryServiceName, type CanaryWorkload } from './canary.js';
import type { IstioVersion } from './istioVersion.js';
import { NameChecker } from './names.js';
import { namespacesFile, type MeshedNamespace } from './namespaces.js';
import { strictMtlsFile } from './peerAuthentication.js';
import { policiesFile } from './policies.js';
import { removeSidecarsGuide } from './removeSidecars.js';
import { servicePatchesFile } from './services.js';
import { canaryGuide, enrolGuide, policiesGuide, strictMtlsGuide, waypointsGuide } from './steps.js';
import { type ClusterManifests, type ManifestFile, type ManifestSet, type MtlsMode, type StepGuide } from './types.js';
import { waypointFile } from './waypoint.js';
import { groupBy } from '../groupBy.js';

export interface ManifestInput {
  plan: Plan;
  /** the inventory the plan was computed from: origins for error messages, replicas, namespaces' contents */
  inventory: Inventory;
  profile: ProxyProfile;
  options: ModelOptions & {
    mtls: MtlsMode;
    istioVersion: IstioVersion;
    /** written as folders (--out): cluster names become folder names and are checked as such */
    folders: boolean;
  };
  /** what the cluster's Istio configuration says (--istio-config), for the cluster it belongs to */
  istio?: IstioFindings;
}

const key = (...parts: string[]) => parts.join('\u0000');

/** The inventory, indexed once: workloads by (cluster, namespace, name) and by (cluster, namespace). */
interface Index {
  byName: ReadonlyMap<string, InventoryWorkload>;
  inNamespace: ReadonlyMap<string, InventoryWorkload[]>;
}

export function buildManifests(input: ManifestInput): ManifestSet {
  const index: Index = {
    byName: new Map(input.inventory.workloads.map((w) => [key(w.cluster, w.namespace, w.name), w])),
    inNamespace: groupBy(input.inventory.workloads, (w) => key(w.cluster, w.namespace)),
  };
  checkNames(input.plan, index, input.options.folders);
  const warnings = new Warnings();
  // the priced scope, exactly: the plan's meshed namespaces (DESIGN section 2)
  const clusters = [...new Set(input.plan.meshedNamespaces.map((n) => n.cluster))].sort();
  return { clusters: clusters.map((c) => clusterManifests(c, input, index, warnings)), warnings: warnings.list() };
}

function clusterManifests(cluster: string, input: ManifestInput, index: Index, warnings: Warnings): ClusterManifests {
  const { plan, inventory, profile, options } = input;
  const version = options.istioVersion;
  const istio = input.istio?.cluster === cluster ? input.istio : undefined;
  const waypoints = new Map(plan.waypoints.filter((w) => w.cluster === cluster).map((w) => [w.namespace, w]));
  const namespaces = plan.meshedNamespaces.filter((n) => n.cluster === cluster);
  const meshed = namespaces.map((n) => meshedNamespace(cluster, n.namespace, waypoints.get(n.namespace), input, index));
  const canaries = canaryWorkloads(cluster, waypoints, input, index, warnings);

  const environment = namespaces[0]!.environment;
  const nodes = inventory.nodes.filter((n) => n.cluster === cluster).length;

  const install = ambientInstall(cluster, nodes, profile, version);
  const files: ManifestFile[] = [...install.files];
  const guides: StepGuide[] = [install.guide];

  const wps = [...waypoints.values()].sort((a, b) => cmp(a.namespace, b.namespace));
  files.push(...wps.map((w) => waypointFile(w, profile.spec.waypoint, profile.metadata.name, version)));
  if (wps.length > 0) guides.push(waypointsGuide(wps.map((w) => w.namespace)));

  // a copy needs its namespace's waypoint: outside the priced scope there is none
  const policies = (istio?.policies ?? []).filter((p) => {
    if (waypoints.has(p.namespace)) return true;
    warnings.add('policy-outside-scope', '{count} L7 {policy is|policies are} in namespaces without a waypoint (outside the priced scope): no targetRefs copy was written for {it|them}', `${cluster}/${p.namespace}/${p.name}`);
    return false;
  });
  const policyFiles = [...groupBy(policies, (p) => p.namespace)].sort(([a], [b]) => cmp(a, b)).map(([ns, ps]) => policiesFile(ns, ps));
  files.push(...policyFiles);
  if (policyFiles.length > 0) guides.push(policiesGuide(policies));

  files.push(namespacesFile({ name: cluster, environment }, meshed, options.excludedNamespaces));
  for (const ns of meshed) {
    const w = waypoints.get(ns.namespace);
    // a canary's Service (named like it) that an ingress gateway routes to
    const throughIngress = new Set(canaries.filter((c) => c.namespace === ns.namespace && istio?.ingressRouted.includes(`${c.namespace}/${c.name}`)).map((c) => c.name));
    const patches = w && servicePatchesFile(w, servicesOf(w, istio), throughIngress, ns.allThroughWaypoint, options.locality, version);
    if (patches) files.push(patches);
  }
  guides.push(enrolGuide(meshed.map((n) => n.namespace), policies));

  const excluded = new Set(options.excludedNamespaces);
  guides.push(
    removeSidecarsGuide(meshed.map((n) => ({ namespace: n.namespace, workloads: (index.inNamespace.get(key(cluster, n.namespace)) ?? []).filter((w) => isMeshed(w, excluded)) }))),
  );

  if (canaries.length > 0) {
    files.push(argoRolloutsConfigFile(canaries.length), ...canaries.map(canaryFile));
    guides.push(canaryGuide(canaries));
  }
  if (options.mtls === 'strict') {
    files.push(strictMtlsFile(cluster));
    guides.push(strictMtlsGuide(meshed.map((n) => n.namespace), options.excludedNamespaces));
  }
  // files and guides were added step by step, in the order of STEPS
  return { cluster, environment, steps: guides, files, readiness: istio?.readiness ?? [] };
}

/** The Services use-waypoint goes on: those the Istio configuration found, else one per L7 workload, named like it. */
function servicesOf(w: WaypointPlan, istio: IstioFindings | undefined): { names: string[]; fromConfig: boolean } {
  const found = istio?.services.filter((s) => s.namespace === w.namespace).map((s) => s.name) ?? [];
  const fromCsv = w.workloads.map((x) => x.name).filter((name) => !istio?.services.some((s) => s.namespace === w.namespace && s.workloads.includes(name)));
  return found.length > 0 ? { names: [...new Set([...found, ...fromCsv])], fromConfig: true } : { names: fromCsv, fromConfig: false };
}

function meshedNamespace(cluster: string, namespace: string, waypoint: WaypointPlan | undefined, input: ManifestInput, index: Index): MeshedNamespace {
  const all = index.inNamespace.get(key(cluster, namespace)) ?? [];
  const excluded = new Set(input.options.excludedNamespaces);
  const own = all.filter((w) => isMeshed(w, excluded));
  const l7 = new Set(waypoint?.workloads.map((w) => w.name));
  return {
    namespace,
    workloads: own.length,
    pods: own.reduce((s, w) => s + w.replicas, 0),
    // a non-meshed workload (a DaemonSet, say) there would be routed through the waypoint too
    allThroughWaypoint: waypoint !== undefined && all.every((w) => l7.has(w.name)),
  };
}

/** The plan's canaries that get a Rollout (Deployments), sorted by namespace and name; the rest are warnings. */
function canaryWorkloads(cluster: string, waypoints: ReadonlyMap<string, WaypointPlan>, input: ManifestInput, index: Index, warnings: Warnings): CanaryWorkload[] {
  const canaries: CanaryWorkload[] = [];
  for (const c of input.plan.canaries.filter((c) => c.cluster === cluster)) {
    const where = `${c.cluster}/${c.namespace}/${c.workload}`;
    if (c.kind !== 'Deployment') {
      warnings.add('canary-not-deployment', "{count} canary {workload is not a Deployment|workloads are not Deployments}: an Argo Rollout's workloadRef takes a Deployment, so none was written for {it|them}", where);
      continue;
    }
    if (!waypoints.get(c.namespace)?.workloads.some((w) => w.name === c.workload)) {
      warnings.add('canary-without-waypoint', '{count} canary {workload has|workloads have} no waypoint (waypoint=false): in ambient {its|their} HTTPRoute takes effect only through one', where);
    }
    const w = index.byName.get(key(c.cluster, c.namespace, c.workload));
    canaries.push({ namespace: c.namespace, name: c.workload, replicas: w?.replicas ?? 0, rps: w?.rps ?? 0 });
  }
  return canaries.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
}

/** Every name the manifests derive from the inventory, checked up front (see names.ts). */
function checkNames(plan: Plan, { byName, inNamespace }: Index, folders: boolean): void {
  const names = new NameChecker();
  const origin = (cluster: string, namespace: string, name: string) => byName.get(key(cluster, namespace, name))?.origin;
  const firstIn = (cluster: string, namespace: string) => inNamespace.get(key(cluster, namespace))?.[0]?.origin;
  for (const n of plan.meshedNamespaces) names.expect(n.namespace, 'namespace', `namespace "${n.namespace}"`, firstIn(n.cluster, n.namespace));
  for (const w of plan.waypoints) {
    for (const x of w.workloads) {
      names.expect(x.name, 'service', `workload "${x.name}" (the name of its Service)`, origin(w.cluster, w.namespace, x.name));
    }
  }
  for (const c of plan.canaries.filter((c) => c.kind === 'Deployment')) {
    const at = origin(c.cluster, c.namespace, c.workload);
    const canary = canaryServiceName(c.workload);
    names.expect(c.workload, 'service', `workload "${c.workload}" (the name of its Service, HTTPRoute and Rollout)`, at);
    names.expect(canary, 'service', `workload "${c.workload}" (its canary Service "${canary}")`, at);
  }
  // in --out, every cluster has a folder of its own
  for (const cluster of folders ? new Set(plan.meshedNamespaces.map((n) => n.cluster)) : []) {
    const first = plan.meshedNamespaces.find((n) => n.cluster === cluster)!;
    names.expect(cluster, 'folder', `cluster "${cluster}" (the name of its output folder)`, firstIn(cluster, first.namespace));
  }
  names.check();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

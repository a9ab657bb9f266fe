/**
 * The ambient migration as data (DESIGN section 6): Plan + inventory + profile →
 * per cluster, an ordered list of files. Pure: no I/O, no clock; the same input gives
 * the same files in the same order.
 */
import { Warnings, type Inventory, type InventoryWorkload } from '../inventory/types.js';
import { isMeshed } from '../model/meshed.js';
import type { ModelOptions, Plan, WaypointPlan } from '../model/types.js';
import type { ProxyProfile } from '../profiles/schema.js';
import { argoRolloutsConfigFile, canaryFile, canaryServiceName, type CanaryWorkload } from './canary.js';
import { NameChecker } from './names.js';
import { namespacesFile, type MeshedNamespace } from './namespaces.js';
import { strictMtlsFile } from './peerAuthentication.js';
import { servicePatchesFile } from './services.js';
import type { ClusterManifests, ManifestFile, ManifestSet, MtlsMode } from './types.js';
import { waypointFile } from './waypoint.js';
import { ztunnelValuesFile } from './ztunnel.js';
import { groupBy } from '../groupBy.js';

export interface ManifestInput {
  plan: Plan;
  /** the inventory the plan was computed from: origins for error messages, replicas, namespaces' contents */
  inventory: Inventory;
  profile: ProxyProfile;
  options: ModelOptions & { mtls: MtlsMode };
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
  checkNames(input.plan, index);
  const warnings = new Warnings();
  const clusters = [...new Set(input.plan.meshedNamespaces.map((n) => n.cluster))].sort();
  return { clusters: clusters.map((c) => clusterManifests(c, input, index, warnings)), warnings: warnings.list() };
}

function clusterManifests(cluster: string, input: ManifestInput, index: Index, warnings: Warnings): ClusterManifests {
  const { plan, inventory, profile, options } = input;
  const waypoints = new Map(plan.waypoints.filter((w) => w.cluster === cluster).map((w) => [w.namespace, w]));
  const namespaces = plan.meshedNamespaces.filter((n) => n.cluster === cluster);
  const meshed = namespaces.map((n) => meshedNamespace(cluster, n.namespace, waypoints.get(n.namespace), input, index));
  const canaries = canaryWorkloads(cluster, waypoints, input, index, warnings);

  const environment = namespaces[0]!.environment;
  const files: ManifestFile[] = [
    namespacesFile({ name: cluster, environment }, meshed, options.excludedNamespaces),
    ztunnelValuesFile(cluster, inventory.nodes.filter((n) => n.cluster === cluster).length, profile.spec.ztunnel, profile.metadata.name),
  ];
  if (canaries.length > 0) files.push(argoRolloutsConfigFile(canaries.length));
  if (options.mtls === 'strict') files.push(strictMtlsFile(cluster));
  for (const ns of meshed) {
    const waypoint = waypoints.get(ns.namespace);
    if (waypoint) files.push(...waypointFiles(waypoint, ns.allThroughWaypoint, input));
    for (const c of canaries.filter((c) => c.namespace === ns.namespace)) files.push(canaryFile(c));
  }
  return { cluster, environment, files };
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

/** The plan's canaries that get a Rollout (Deployments), sorted by name; the rest are warnings. */
function canaryWorkloads(cluster: string, waypoints: ReadonlyMap<string, WaypointPlan>, input: ManifestInput, index: Index, warnings: Warnings): CanaryWorkload[] {
  const canaries: CanaryWorkload[] = [];
  for (const c of input.plan.canaries.filter((c) => c.cluster === cluster)) {
    const where = `${c.cluster}/${c.namespace}/${c.workload}`;
    if (c.kind !== 'Deployment') {
      warnings.add('canary-not-deployment', "{count} canary workloads are not Deployments: an Argo Rollout's workloadRef takes a Deployment, so none was written for them", where);
      continue;
    }
    if (!waypoints.get(c.namespace)?.workloads.some((w) => w.name === c.workload)) {
      warnings.add('canary-without-waypoint', '{count} canary workloads have no waypoint (waypoint=false): in ambient their HTTPRoute takes effect only through one', where);
    }
    const w = index.byName.get(key(c.cluster, c.namespace, c.workload));
    canaries.push({ namespace: c.namespace, name: c.workload, replicas: w?.replicas ?? 0, rps: w?.rps ?? 0 });
  }
  return canaries.sort((a, b) => cmp(a.name, b.name));
}

function waypointFiles(w: WaypointPlan, namespaceWide: boolean, input: ManifestInput): ManifestFile[] {
  const patches = servicePatchesFile(w, namespaceWide, input.options.locality);
  return [waypointFile(w, input.profile.spec.waypoint.scaling, input.profile.metadata.name), ...(patches ? [patches] : [])];
}

/** Every name the manifests derive from the inventory, checked up front (see names.ts). */
function checkNames(plan: Plan, { byName, inNamespace }: Index): void {
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
  const clusters = [...new Set(plan.meshedNamespaces.map((n) => n.cluster))];
  if (clusters.length > 1) {
    for (const cluster of clusters) {
      const first = plan.meshedNamespaces.find((n) => n.cluster === cluster)!;
      names.expect(cluster, 'folder', `cluster "${cluster}" (the name of its output folder)`, firstIn(cluster, first.namespace));
    }
  }
  names.check();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

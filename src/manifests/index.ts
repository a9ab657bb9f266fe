/**
 * The ambient migration as data (DESIGN section 6): Plan + inventory + profile →
 * per cluster, an ordered list of files. Pure: no I/O, no clock; the same input gives
 * the same files in the same order.
 */
import type { Inventory, InventoryWorkload } from '../inventory/types.js';
import { Warnings } from '../inventory/types.js';
import { isMeshed } from '../model/meshed.js';
import type { ModelOptions, Plan, WaypointPlan } from '../model/types.js';
import type { ProxyProfile } from '../profiles/schema.js';
import { argoRolloutsConfigFile, canaryFile, canaryServiceName, type CanaryWorkload } from './canary.js';
import { NameChecker } from './names.js';
import { namespacesFile, type MeshedNamespace } from './namespaces.js';
import { strictMtlsFile } from './peerAuthentication.js';
import { servicePatchesFile } from './services.js';
import type { ClusterManifests, ManifestFile, ManifestSet, MtlsMode } from './types.js';
import { waypointFile, waypointReplicas } from './waypoint.js';
import { ztunnelValuesFile } from './ztunnel.js';

export interface ManifestInput {
  plan: Plan;
  /** the inventory the plan was computed from: origins for error messages, replicas, namespaces' contents */
  inventory: Inventory;
  profile: ProxyProfile;
  options: ModelOptions & { mtls: MtlsMode };
}

const key = (...parts: string[]) => parts.join('\u0000');

export function buildManifests(input: ManifestInput): ManifestSet {
  const { plan, inventory, profile, options } = input;
  const warnings = new Warnings();
  const byName = new Map(inventory.workloads.map((w) => [key(w.cluster, w.namespace, w.name), w]));
  const inNamespace = groupBy(inventory.workloads, (w) => key(w.cluster, w.namespace));
  checkNames(input, byName, inNamespace);

  const excluded = new Set(options.excludedNamespaces);
  const clusterNames = [...new Set(plan.meshedNamespaces.map((n) => n.cluster))].sort();
  const clusters: ClusterManifests[] = clusterNames.map((cluster) => {
    const namespaces = plan.meshedNamespaces.filter((n) => n.cluster === cluster);
    const waypoints = new Map(plan.waypoints.filter((w) => w.cluster === cluster).map((w) => [w.namespace, w]));
    const meshed: MeshedNamespace[] = namespaces.map((n) => {
      const all = inNamespace.get(key(cluster, n.namespace)) ?? [];
      const own = all.filter((w) => isMeshed(w, excluded));
      const waypoint = waypoints.get(n.namespace);
      const l7 = new Set(waypoint?.workloads.map((w) => w.name));
      return {
        namespace: n.namespace,
        workloads: own.length,
        pods: own.reduce((s, w) => s + w.replicas, 0),
        allThroughWaypoint: waypoint !== undefined && all.every((w) => l7.has(w.name)),
      };
    });

    const canaries: CanaryWorkload[] = [];
    for (const c of plan.canaries.filter((c) => c.cluster === cluster)) {
      const where = `${c.cluster}/${c.namespace}/${c.workload}`;
      if (c.kind !== 'Deployment') {
        warnings.add('canary-not-deployment', "{count} canary workloads are not Deployments: an Argo Rollout's workloadRef takes a Deployment, so none was written for them", where);
        continue;
      }
      if (!waypoints.get(c.namespace)?.workloads.some((w) => w.name === c.workload)) {
        warnings.add('canary-without-waypoint', '{count} canary workloads have no waypoint (waypoint=false): in ambient their HTTPRoute takes effect only through one', where);
      }
      const w = byName.get(key(c.cluster, c.namespace, c.workload));
      canaries.push({ namespace: c.namespace, name: c.workload, replicas: w?.replicas ?? 0, rps: w?.rps ?? 0 });
    }

    for (const w of waypoints.values()) {
      if (waypointReplicas(w, profile.spec.waypoint.scaling).min > w.replicas) {
        warnings.add('waypoint-zone-minimum', '{count} waypoints keep one replica per zone, more than the estimate priced (see the comment in their waypoint.yaml)', `${w.cluster}/${w.namespace}`);
      }
    }

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
      for (const c of canaries.filter((c) => c.namespace === ns.namespace).sort((a, b) => cmp(a.name, b.name))) files.push(canaryFile(c));
    }
    return { cluster, environment, files };
  });
  return { clusters, warnings: warnings.list() };
}

function waypointFiles(w: WaypointPlan, namespaceWide: boolean, input: ManifestInput): ManifestFile[] {
  const patches = servicePatchesFile(w, namespaceWide, input.options.locality);
  return [waypointFile(w, input.profile.spec.waypoint.scaling, input.profile.metadata.name), ...(patches ? [patches] : [])];
}

/** Every name the manifests derive from the inventory, checked up front (see names.ts). */
function checkNames(
  { plan }: ManifestInput,
  byName: ReadonlyMap<string, InventoryWorkload>,
  inNamespace: ReadonlyMap<string, InventoryWorkload[]>,
): void {
  const names = new NameChecker();
  const origin = (cluster: string, namespace: string, name: string) => byName.get(key(cluster, namespace, name))?.origin;
  for (const n of plan.meshedNamespaces) {
    names.expect(n.namespace, 'namespace', `namespace "${n.namespace}"`, inNamespace.get(key(n.cluster, n.namespace))?.[0]?.origin);
  }
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
      names.expect(cluster, 'folder', `cluster "${cluster}" (the name of its output folder)`, inNamespace.get(key(cluster, first.namespace))?.[0]?.origin);
    }
  }
  names.check();
}

function groupBy<T>(items: readonly T[], by: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = by(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

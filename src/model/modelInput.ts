/**
 * The inventory-dependent half of the model (DESIGN section 3), computed ONCE: who is
 * meshed, per-cluster meshed pods, nodes grouped by what prices them alike, zone weights
 * of clients and servers, ztunnel loads per node, node totals for the sanity checks.
 * `priceModel` turns it into a Plan for a profile, a price sheet and traffic scales, so
 * that a sensitivity run re-prices in memory without walking the pods again.
 */
import { InputError } from '../errors.js';
import { groupBy } from '../groupBy.js';
import { Warnings, type InfrastructureComponent, type Inventory, type InventoryNode, type InventoryWorkload, type MeshObservation, type Warning } from '../inventory/types.js';
import { isJob, isMeshed, isNodeAgent } from './meshed.js';
import { decideScope } from './scope.js';
import type { InfrastructureSummary, ModelOptions, Plan, ScopeReport } from './types.js';

/**
 * One meshed workload, as compact as 50,000 of them need to be: its inventory row by
 * reference, the figures the pricing reads, and where its placed pods sit in the
 * cluster's `classPods` pool ([class, pods] pairs: [servedFrom, keptFrom) on nodes that
 * run a ztunnel, [keptFrom, end) on nodes no ztunnel serves).
 */
export interface MeshedWorkload {
  /** names, environment, waypoint, bytes per request, sidecar requests */
  workload: InventoryWorkload;
  /** its index in the cluster: its server weights are servers[index·Z, (index + 1)·Z) */
  index: number;
  /** pods priced (the scope's: opted-out pods left out) */
  pods: number;
  /** requests/s those pods serve through their proxies, at traffic scale 1 */
  rps: number;
  servedFrom: number;
  keptFrom: number;
  end: number;
  /** placed pods on nodes no ztunnel can serve: sidecars in the ambient column too */
  keptPods: number;
  /** pods whose node is unknown: priced at the cluster average */
  unplaced: number;
  /** pods with a sidecar today */
  sidecarsToday: number;
  /** its namespace is ambient today */
  ambientToday: boolean;
}

export interface WaypointGroup {
  environment: string;
  namespace: string;
  workloads: MeshedWorkload[];
  ambientToday: boolean;
}

/** Per-node totals of placed pods, for the sanity warnings (index = node). */
export interface NodeTotals {
  /** Σ pods' own requests (all placed pods with requests, meshed or not) */
  ownCpu: Float64Array;
  ownMemoryMiB: Float64Array;
  /** 1 where some pod's own requests are known */
  requestsKnown: Uint8Array;
  /** meshed (sidecar) pods */
  sidecars: Float64Array;
  /** Σ pods·L of those sidecars at traffic scale 1 */
  sidecarLoad: Float64Array;
  /** Σ sidecar requests set by the inventory, and the pods that take the profile's instead */
  fixedCpu: Float64Array;
  profileCpuPods: Float64Array;
  fixedMemoryMiB: Float64Array;
  profileMemoryPods: Float64Array;
}

export interface PreparedCluster {
  name: string;
  environment: string;
  nodes: InventoryNode[];
  /** one node per group of nodes that every price sheet prices alike */
  classes: InventoryNode[];
  classOf: Int32Array;
  /** zones in name order */
  zones: string[];
  nodesPerZone: number[];
  /** nodes (indices) that run a ztunnel and istio-cni */
  agentNodes: number[];
  /** P_c: meshed pods of the cluster */
  meshedPods: number;
  workloads: MeshedWorkload[];
  /** [class, pods] pairs of every workload's placed pods, whole pods */
  classPods: Int32Array;
  /** server weight per workload and zone (the zones' order): placed pods plus the unplaced spread by nodes */
  servers: Float64Array;
  /** client weight per zone: the meshed pods placed there plus the unplaced spread by nodes */
  clients: number[];
  /** ztunnel load per node at traffic scale 1: every served pod (ambient) / pods of namespaces ambient today */
  load: { ambient: Float64Array; today: Float64Array };
  waypointGroups: WaypointGroup[];
  /** istio-cni seen running in the cluster today */
  cniToday: boolean;
  /** some namespace of the scope is ambient today */
  ambientToday: boolean;
  totals: NodeTotals;
}

export interface ModelInput {
  options: ModelOptions;
  inputs: { sources: string[]; clusters: number; nodes: number; workloads: number; pods: number };
  scope: ScopeReport;
  infrastructure?: InfrastructureSummary[];
  mesh?: MeshObservation;
  clusters: PreparedCluster[];
  meshedPods: number;
  /** some meshed workload has an rps figure */
  anyTraffic: boolean;
  /** the inventory shows today's data plane: the report gets `today` */
  showsToday: boolean;
  warnings: Warning[];
  meshedNamespaces: Plan['meshedNamespaces'];
  canaries: Plan['canaries'];
}

const key = (...parts: string[]) => parts.join('\u0000');
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function prepareModel(inventory: Inventory, options: ModelOptions, readerWarnings: readonly Warning[] = []): ModelInput {
  const warnings = new Warnings();
  warnings.merge(readerWarnings);
  checkEnvironments(inventory);
  const scope = decideScope(inventory, options.scope);
  const excluded = new Set(options.excludedNamespaces);

  // who is meshed, and how many of its pods
  const chosen: { w: InventoryWorkload; pods: number }[] = [];
  const left = { excluded: 0, outOfScope: 0, nodeAgents: 0, idle: 0 };
  for (const w of inventory.workloads) {
    if (excluded.has(w.namespace)) left.excluded++;
    else if (w.replicas === 0) {
      left.idle++;
      warnings.add('zero-replicas', '{count} {workload has|workloads have} 0 replicas: {it adds|they add} nothing (no proxy, waypoint, cross-zone or control plane)', `${w.cluster}/${w.namespace}/${w.name}`);
    } else if (!isMeshed(w, excluded)) left.nodeAgents++;
    else {
      // node agents are meshed only where their pods run istio-proxy today
      const pods = isNodeAgent(w) ? Math.min(w.replicas, w.sidecarsToday ?? 0) : scope.podsInScope(w);
      if (pods > 0) chosen.push({ w, pods });
      else left.outOfScope++;
    }
  }
  if (chosen.length === 0) throw nothingToPrice(inventory, scope.mode, left);

  const nodesByCluster = groupBy(inventory.nodes, (n) => n.cluster);
  const byCluster = groupBy(chosen, (x) => x.w.cluster);
  // pods' own requests count against their nodes whether meshed or not
  const withRequests = groupBy(
    inventory.workloads.filter((w) => w.podRequests && w.placement),
    (w) => w.cluster,
  );
  const clusters = [...byCluster.keys()].sort(cmp).map((name) =>
    prepareCluster(name, nodesByCluster.get(name) ?? [], byCluster.get(name)!, withRequests.get(name) ?? [], inventory, scope.dataPlaneOf),
  );

  for (const { w } of chosen) {
    if (isJob(w)) warnings.add('meshed-jobs', '{count} Job/CronJob {workload is|workloads are} counted as meshed: {its sidecar lives|their sidecars live} only while the job runs, so {its|their} sidecar cost is an upper bound', `${w.namespace}/${w.name}`);
  }
  const kept = clusters.reduce((s, c) => s + c.workloads.reduce((t, w) => t + w.keptPods, 0), 0);
  if (kept > 0) {
    const first = clusters.find((c) => c.workloads.some((w) => w.keptPods > 0))!;
    const w = first.workloads.find((x) => x.keptPods > 0)!.workload;
    warnings.add('sidecars-kept', '{count} meshed {pod runs|pods run} on nodes no ztunnel can serve (Windows, Fargate, virtual-kubelet): {it keeps its|they keep their} sidecar in the ambient column', `${first.name}/${w.namespace}/${w.name}`, kept);
  }

  // clusters are already in name order
  const meshedNamespaces = clusters.flatMap((c) =>
    [...new Set(c.workloads.map((w) => w.workload.namespace))].sort(cmp).map((namespace) => ({ cluster: c.name, environment: c.environment, namespace })),
  );

  return {
    options,
    inputs: {
      sources: inventory.sources,
      clusters: new Set([...inventory.nodes.map((n) => n.cluster), ...inventory.workloads.map((w) => w.cluster)]).size,
      nodes: inventory.nodes.length,
      workloads: inventory.workloads.length,
      pods: inventory.pods,
    },
    scope: { mode: scope.mode, reason: scope.reason, namespaces: meshedNamespaces.length },
    ...(inventory.infrastructure ? { infrastructure: summarise(inventory.infrastructure) } : {}),
    ...(inventory.mesh ? { mesh: inventory.mesh } : {}),
    clusters,
    meshedPods: clusters.reduce((s, c) => s + c.meshedPods, 0),
    anyTraffic: chosen.some(({ w }) => w.rps > 0),
    showsToday: clusters.some((c) => c.ambientToday || c.workloads.some((w) => w.sidecarsToday > 0)),
    warnings: warnings.list(),
    meshedNamespaces,
    canaries: chosen
      .filter(({ w }) => w.canary)
      .map(({ w }) => ({ cluster: w.cluster, namespace: w.namespace, workload: w.name, kind: w.kind })),
  };
}

function prepareCluster(
  name: string,
  nodes: InventoryNode[],
  chosen: { w: InventoryWorkload; pods: number }[],
  withRequests: InventoryWorkload[],
  inventory: Inventory,
  dataPlaneOf: (cluster: string, namespace: string) => string | undefined,
): PreparedCluster {
  const environment = nodes[0]?.environment ?? chosen[0]!.w.environment;
  const indexOf = new Map(nodes.map((n, i) => [n.name, i]));
  // nodes priced alike under every sheet: same type, capacity, price and shape
  const classIds = new Map<string, number>();
  const classes: InventoryNode[] = [];
  const classOf = new Int32Array(nodes.length);
  const zones = [...new Set(nodes.map((n) => n.zone))].sort(cmp);
  const zoneIndex = new Map(zones.map((z, i) => [z, i]));
  const zoneOf = new Int32Array(nodes.length);
  const nodesPerZone = zones.map(() => 0);
  const agentNodes: number[] = [];
  nodes.forEach((n, i) => {
    const id = key(n.instanceType ?? '', n.capacityType, String(n.hourlyPrice ?? ''), String(n.vcpu), String(n.memoryGiB));
    let c = classIds.get(id);
    if (c === undefined) {
      c = classes.length;
      classIds.set(id, c);
      classes.push(n);
    }
    classOf[i] = c;
    zoneOf[i] = zoneIndex.get(n.zone)!;
    nodesPerZone[zoneOf[i]!]!++;
    if (!n.noZtunnel) agentNodes.push(i);
  });

  const noAgent = Uint8Array.from(nodes, (n) => (n.noZtunnel ? 1 : 0));
  const served = new ClassTally(classes.length);
  const kept = new ClassTally(classes.length);
  const pool: number[] = [];
  const totals = nodeTotals(nodes.length, indexOf, withRequests);
  const loadAmbient = new Float64Array(nodes.length);
  const loadToday = new Float64Array(nodes.length);
  let spreadAmbient = 0;
  let spreadToday = 0;
  const clients = zones.map(() => 0);
  let unplacedClients = 0;
  const Z = zones.length;
  const servers = new Float64Array(chosen.length * Z);

  const workloads = chosen.map(({ w, pods }, index): MeshedWorkload => {
    // pods out of the scope (opted out, or without istio-proxy where only injected pods count)
    // take their share of the traffic with them; which pods they are is unknown, so the
    // placement is taken in its own order up to the scope's count (whole pods, so counts stay whole)
    const rps = w.rps * (pods / w.replicas);
    const perPod = (2 * rps) / pods;
    const dataPlane = dataPlaneOf(name, w.namespace);
    const ambientToday = dataPlane === 'ambient';
    const at = index * Z;
    let placed = 0;
    let keptPods = 0;
    // the one walk over a workload's placement (forEach: no entry array per node)
    w.placement?.forEach((count, nodeName) => {
      const i = indexOf.get(nodeName);
      if (i === undefined || placed === pods) return;
      const p = Math.min(count, pods - placed);
      placed += p;
      servers[at + zoneOf[i]!]! += p;
      clients[zoneOf[i]!]! += p;
      totals.sidecars[i]! += p;
      totals.sidecarLoad[i]! += p * perPod;
      addSidecarRequests(totals, i, p, w.sidecarRequests);
      if (noAgent[i]) {
        keptPods += p;
        kept.add(classOf[i]!, p);
      } else {
        served.add(classOf[i]!, p);
        loadAmbient[i]! += p * perPod;
        if (ambientToday) loadToday[i]! += p * perPod;
      }
    });
    const servedFrom = pool.length;
    served.drainInto(pool);
    const keptFrom = pool.length;
    kept.drainInto(pool);
    const unplaced = Math.max(0, pods - placed);
    unplacedClients += unplaced;
    spreadAmbient += unplaced * perPod;
    if (ambientToday) spreadToday += unplaced * perPod;
    if (unplaced > 0 && nodes.length > 0) for (let z = 0; z < Z; z++) servers[at + z]! += (unplaced * nodesPerZone[z]!) / nodes.length;
    return {
      workload: w,
      index,
      pods,
      rps,
      servedFrom,
      keptFrom,
      end: pool.length,
      keptPods,
      unplaced,
      sidecarsToday: Math.min(pods, w.sidecarsToday ?? (dataPlane === 'sidecar' ? pods : 0)),
      ambientToday,
    };
  });
  if (unplacedClients > 0 && nodes.length > 0) for (let z = 0; z < zones.length; z++) clients[z]! += (unplacedClients * nodesPerZone[z]!) / nodes.length;
  // load of pods without a node spreads evenly over the nodes that run a ztunnel
  for (const [load, spread] of [[loadAmbient, spreadAmbient], [loadToday, spreadToday]] as const) {
    if (spread > 0 && agentNodes.length > 0) for (const i of agentNodes) load[i]! += spread / agentNodes.length;
  }

  const groups = groupBy(workloads.filter((w) => w.workload.waypoint), (w) => w.workload.namespace);
  const waypointGroups = [...groups.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([namespace, list]): WaypointGroup => ({ environment: list[0]!.workload.environment, namespace, workloads: list, ambientToday: list[0]!.ambientToday }));

  return {
    name,
    environment,
    nodes,
    classes,
    classOf,
    zones,
    nodesPerZone,
    agentNodes,
    meshedPods: workloads.reduce((s, w) => s + w.pods, 0),
    workloads,
    classPods: Int32Array.from(pool),
    servers,
    clients,
    load: { ambient: loadAmbient, today: loadToday },
    waypointGroups,
    cniToday: (inventory.infrastructure ?? []).some((x) => x.cluster === name && x.component === 'istio-cni' && x.pods > 0),
    ambientToday: workloads.some((w) => w.ambientToday),
    totals,
  };
}

/** Pods per rate class for one workload at a time: one scratch array per cluster, no map per workload. */
class ClassTally {
  private readonly pods: Float64Array;
  private readonly touched: number[] = [];
  constructor(classes: number) {
    this.pods = new Float64Array(classes);
  }
  add(cls: number, pods: number): void {
    if (this.pods[cls] === 0) this.touched.push(cls);
    this.pods[cls]! += pods;
  }
  /** appends the tally as [class, pods] pairs, and clears the scratch for the next workload */
  drainInto(pool: number[]): void {
    for (const cls of this.touched) {
      pool.push(cls, this.pods[cls]!);
      this.pods[cls] = 0;
    }
    this.touched.length = 0;
  }
}

function nodeTotals(n: number, indexOf: Map<string, number>, withRequests: readonly InventoryWorkload[]): NodeTotals {
  const totals: NodeTotals = {
    ownCpu: new Float64Array(n),
    ownMemoryMiB: new Float64Array(n),
    requestsKnown: new Uint8Array(n),
    sidecars: new Float64Array(n),
    sidecarLoad: new Float64Array(n),
    fixedCpu: new Float64Array(n),
    profileCpuPods: new Float64Array(n),
    fixedMemoryMiB: new Float64Array(n),
    profileMemoryPods: new Float64Array(n),
  };
  for (const w of withRequests) {
    if (!w.podRequests || !w.placement) continue;
    for (const [nodeName, count] of w.placement) {
      const i = indexOf.get(nodeName);
      if (i === undefined) continue;
      totals.ownCpu[i]! += count * w.podRequests.cpu;
      totals.ownMemoryMiB[i]! += count * w.podRequests.memoryMiB;
      totals.requestsKnown[i] = 1;
    }
  }
  return totals;
}

function addSidecarRequests(t: NodeTotals, i: number, pods: number, over: InventoryWorkload['sidecarRequests']): void {
  if (over?.cpu !== undefined) t.fixedCpu[i]! += pods * over.cpu;
  else t.profileCpuPods[i]! += pods;
  if (over?.memoryMiB !== undefined) t.fixedMemoryMiB[i]! += pods * over.memoryMiB;
  else t.profileMemoryPods[i]! += pods;
}

/**
 * A cluster's environment written in the workloads that differs from its nodes' would
 * split one cluster in two in every breakdown: an error, not a guess.
 */
function checkEnvironments(inventory: Inventory): void {
  const ofCluster = new Map<string, string>();
  for (const n of inventory.nodes) if (!ofCluster.has(n.cluster)) ofCluster.set(n.cluster, n.environment);
  for (const w of inventory.workloads) {
    const env = ofCluster.get(w.cluster);
    if (env === undefined || env === w.environment) continue;
    throw new InputError(
      `cluster "${w.cluster}": expected the environment of its nodes ("${env}") for workload ${w.namespace}/${w.name}, found "${w.environment}" (one cluster, one environment; leave the column empty to take the nodes')`,
      w.origin ? { file: w.origin.file, ...(w.origin.line !== undefined ? { line: w.origin.line } : {}) } : undefined,
    );
  }
}

function nothingToPrice(inventory: Inventory, mode: string, left: { excluded: number; outOfScope: number; nodeAgents: number; idle: number }): InputError {
  const read = `${inventory.sources.join(', ') || 'the inventory'} (${inventory.nodes.length} node${inventory.nodes.length === 1 ? '' : 's'}, ${inventory.workloads.length} workload${inventory.workloads.length === 1 ? '' : 's'})`;
  const why = [
    left.excluded > 0 ? `${left.excluded} in excluded namespaces` : '',
    left.outOfScope > 0 ? `${left.outOfScope} outside the mesh (--scope ${mode})` : '',
    left.nodeAgents > 0 ? `${left.nodeAgents} DaemonSets or host-network without istio-proxy` : '',
    left.idle > 0 ? `${left.idle} with 0 replicas` : '',
  ].filter(Boolean);
  return new InputError(
    `nothing to price: read ${read}; expected at least one meshed workload, found ${why.length > 0 ? `none (${why.join(', ')})` : 'no workloads'}`,
  );
}

function summarise(seen: NonNullable<Inventory['infrastructure']>): InfrastructureSummary[] {
  const by = groupBy(seen, (x) => x.component);
  const order: InfrastructureComponent[] = ['istiod', 'ztunnel', 'istio-cni', 'waypoint', 'gateway'];
  return order
    .filter((c) => by.has(c))
    .map((component) => {
      const list = by.get(component)!;
      return { component, clusters: new Set(list.map((x) => x.cluster)).size, pods: list.reduce((s, x) => s + x.pods, 0) };
    });
}

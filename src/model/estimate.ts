/**
 * The model (DESIGN section 3) as one pure function: inventory + profile + prices →
 * a Plan whose Report prices both data-plane models. No I/O, no clock, no env.
 */
import type { Inventory, InventoryWorkload, Warning } from '../inventory/types.js';
import { Warnings } from '../inventory/types.js';
import type { ComponentProfile, PriceSheet, ProxyProfile, Requests } from '../profiles/schema.js';
import { groupBy } from '../groupBy.js';
import { clusterFacts, emptyCluster, type ClusterFacts } from './clusters.js';
import { crossZoneCost, crossZoneProbability, extraCrossZoneGiB, monthlyBytes } from './crossZone.js';
import { LineItemBook, roundCents, sumCents, type LineKey } from './lineItems.js';
import { isJob, isMeshed } from './meshed.js';
import { monthlyCost, type Rates } from './rates.js';
import { proxyFootprint } from './resources.js';
import type { CrossZoneFigures, LineItem, Locality, ModelOptions, Plan, Report, WaypointPlan } from './types.js';
import { DEFAULT_BYTES_PER_REQUEST, LOCALITIES } from './types.js';
import { sizeWaypoint } from './waypoint.js';

export interface EstimateInput {
  inventory: Inventory;
  profile: ProxyProfile;
  prices: PriceSheet;
  options: ModelOptions;
  /** ISO timestamp, passed in so that the model stays free of the clock */
  generatedAt: string;
  /** warnings the readers collected */
  warnings?: readonly Warning[];
  /** the program computing this (name and version), recorded in the report */
  tool: Report['tool'];
}

const MIB_PER_GIB = 1024;

export function estimate(input: EstimateInput): Plan {
  const { inventory, profile, options } = input;
  const sheet = input.prices.spec;
  const H = sheet.hoursPerMonth;
  const spec = profile.spec;
  const warnings = new Warnings();
  warnings.merge(input.warnings ?? []);

  const clusters = clusterFacts(inventory.nodes, sheet);
  const clusterOf = (w: InventoryWorkload): ClusterFacts => {
    let c = clusters.get(w.cluster);
    if (!c) {
      c = emptyCluster(w.cluster, w.environment, sheet);
      clusters.set(w.cluster, c);
    }
    return c;
  };

  const excluded = new Set(options.excludedNamespaces);
  const meshed = inventory.workloads.filter((w) => isMeshed(w, excluded));
  const book = new LineItemBook();

  // --- sidecar mode: every meshed pod carries a proxy; both ends of a request are charged to the server.
  for (const w of meshed) {
    if (w.replicas === 0) continue;
    if (isJob(w)) warnings.add('meshed-jobs', '{count} Job/CronJob {workload is|workloads are} counted as meshed: {its sidecar lives|their sidecars live} only while the job runs, so {its|their} sidecar cost is an upper bound', `${w.namespace}/${w.name}`);
    const c = clusterOf(w);
    const fp = proxyFootprint(spec.sidecar, (2 * w.rps) / w.replicas, options.basis, w.sidecarRequests);
    const memGiB = fp.memoryMiB / MIB_PER_GIB;
    let cost = 0;
    let placed = 0;
    for (const [node, pods] of w.placement ?? []) {
      placed += pods;
      cost += pods * monthlyCost(fp.cpu, memGiB, c.nodeRates.get(node) ?? c.average, H);
    }
    // pods whose node is unknown are priced at the cluster's average
    if (placed < w.replicas) cost += (w.replicas - placed) * monthlyCost(fp.cpu, memGiB, c.average, H);
    book.add(
      { mode: 'sidecar', component: 'sidecar', environment: w.environment, cluster: w.cluster, namespace: w.namespace },
      w.replicas,
      fp.cpu * w.replicas,
      memGiB * w.replicas,
      cost,
    );
  }

  // meshed workloads by cluster, once: both the cluster list and ztunnel loads need them
  const meshedByCluster = groupBy(meshed, (w) => w.cluster);
  const meshedClusters = [...meshedByCluster.keys()].sort().map((name) => clusterOf(meshedByCluster.get(name)![0]!));

  // --- control planes: istiod once per cluster with meshed workloads, in each mode.
  for (const c of meshedClusters) {
    addFixed(book, 'sidecar', spec.controlPlane.sidecar, c, H);
    addFixed(book, 'ambient', spec.controlPlane.ambient, c, H);
  }

  // --- ztunnel and istio-cni: one of each per node; ztunnel carries both ends of every meshed request.
  // A component the profile leaves out counts as zero: it gets no line item at all.
  const hasZtunnel = !isAbsent(spec.ztunnel);
  const hasCni = !isAbsent(spec.cni);
  for (const c of meshedClusters) {
    const load = nodeLoads(c, meshedByCluster.get(c.name)!);
    for (const node of c.nodes) {
      const rates = c.nodeRates.get(node.name)!;
      const key = { environment: node.environment, cluster: c.name, namespace: 'istio-system' };
      if (hasZtunnel) addProxy(book, { ...key, mode: 'ambient', component: 'ztunnel' }, spec.ztunnel, load.get(node.name) ?? 0, rates, options, H);
      if (hasCni) addProxy(book, { ...key, mode: 'ambient', component: 'cni' }, spec.cni, 0, rates, options, H);
    }
  }

  // --- waypoints: one per (cluster, namespace) that holds an L7 workload; each extra hop may cross a zone.
  const waypoints: WaypointPlan[] = [];
  const variantCents: Record<Locality, number[]> = { none: [], preferClose: [] };
  const variantGiB: Record<Locality, number> = { none: 0, preferClose: 0 };
  for (const group of waypointGroups(meshed)) {
    const first = group[0]!;
    const c = clusterOf(first);
    const rps = group.reduce((s, w) => s + w.rps, 0);
    const size = sizeWaypoint(rps, spec.waypoint.scaling);
    const fp = proxyFootprint(spec.waypoint, size.loadPerReplica, options.basis);
    const key = { environment: first.environment, cluster: c.name, namespace: first.namespace };
    book.add(
      { ...key, mode: 'ambient', component: 'waypoint' },
      size.replicas,
      fp.cpu * size.replicas,
      (fp.memoryMiB / MIB_PER_GIB) * size.replicas,
      size.replicas * monthlyCost(fp.cpu, fp.memoryMiB / MIB_PER_GIB, c.average, H),
    );
    const zones = c.nodesPerZone.size;
    const groupGiB: Record<Locality, number> = { none: 0, preferClose: 0 };
    for (const w of group) {
      const p = crossZoneProbability(podsPerZone(w, c).values());
      const bytes = monthlyBytes(w.rps, w.bytesPerRequest ?? DEFAULT_BYTES_PER_REQUEST, H);
      for (const l of LOCALITIES) groupGiB[l] += extraCrossZoneGiB(bytes, p, l, size.replicas, zones);
    }
    const groupCost = {} as Record<Locality, number>;
    for (const l of LOCALITIES) {
      groupCost[l] = crossZoneCost(groupGiB[l], sheet.zoneNetworkEgress, sheet.billBothDirections);
      variantGiB[l] += groupGiB[l];
      variantCents[l].push(roundCents(groupCost[l]));
    }
    const itemVariants = Object.fromEntries(LOCALITIES.map((l) => [l, { extraGiB: groupGiB[l], extraMonthlyCost: groupCost[l] }])) as Record<Locality, CrossZoneFigures>;
    book.add({ ...key, mode: 'ambient', component: 'crossZone' }, group.length, 0, 0, groupCost[options.locality], itemVariants);
    waypoints.push({
      ...key,
      rps,
      replicas: size.replicas,
      replicasForLoad: size.replicasForLoad,
      requests: { cpu: spec.waypoint.requests.cpu, memoryMiB: spec.waypoint.requests.memory },
      zones: [...c.nodesPerZone.keys()].sort(),
      workloads: group.map((w) => ({ name: w.name, rps: w.rps })),
    });
  }

  if (meshed.length > 0 && meshed.every((w) => w.rps === 0) && options.basis !== 'requests') {
    warnings.add('no-traffic', 'no workload has an rps figure: proxies are priced as idle (add rps to workloads.csv for load-based usage)');
  }

  const lineItems = book.finish();
  const variants = Object.fromEntries(
    LOCALITIES.map((l) => [l, { extraGiB: variantGiB[l], extraMonthlyCost: sumCents(variantCents[l]) }]),
  ) as Record<Locality, CrossZoneFigures>;

  const report = buildReport(input, lineItems, variants, waypoints, {
    clusters: new Set([...inventory.nodes.map((n) => n.cluster), ...inventory.workloads.map((w) => w.cluster)]).size,
    meshedPods: meshed.reduce((s, w) => s + w.replicas, 0),
    waypoints: waypoints.length,
    warnings: warnings.list(),
  });

  return {
    report,
    waypoints,
    meshedNamespaces: meshedNamespaces(meshed, (w) => clusterOf(w).environment),
    canaries: meshed
      .filter((w) => w.canary)
      .map((w) => ({ cluster: w.cluster, namespace: w.namespace, workload: w.name, kind: w.kind })),
  };
}

function isAbsent(c: ComponentProfile): boolean {
  const u = c.usage;
  return u.cpu.base + u.cpu.per1kRps + u.memoryMiB.base + u.memoryMiB.per1kRps + c.requests.cpu + c.requests.memory === 0;
}

function addProxy(
  book: LineItemBook,
  key: LineKey,
  component: ComponentProfile,
  loadRps: number,
  rates: Rates,
  options: ModelOptions,
  H: number,
): void {
  const fp = proxyFootprint(component, loadRps, options.basis);
  const memGiB = fp.memoryMiB / MIB_PER_GIB;
  book.add(key, 1, fp.cpu, memGiB, monthlyCost(fp.cpu, memGiB, rates, H));
}

/** istiod: fixed requests, priced at the cluster's average; skipped when the profile leaves it out. */
function addFixed(book: LineItemBook, mode: 'sidecar' | 'ambient', req: Requests, c: ClusterFacts, H: number): void {
  if (req.cpu === 0 && req.memory === 0) return;
  const memGiB = req.memory / MIB_PER_GIB;
  book.add(
    { mode, component: 'controlPlane', environment: c.environment, cluster: c.name, namespace: 'istio-system' },
    1,
    req.cpu,
    memGiB,
    monthlyCost(req.cpu, memGiB, c.average, H),
  );
}

/**
 * ztunnel load per node: each meshed pod adds 2R/r (it is both the client-side and the
 * server-side hop, as in sidecar mode). Workloads without placement spread evenly.
 */
function nodeLoads(c: ClusterFacts, meshedInCluster: readonly InventoryWorkload[]): Map<string, number> {
  const load = new Map<string, number>();
  let spread = 0;
  for (const w of meshedInCluster) {
    if (w.replicas === 0 || w.rps === 0) continue;
    const perPod = (2 * w.rps) / w.replicas;
    let placed = 0;
    for (const [node, pods] of w.placement ?? []) {
      if (!c.zoneOfNode.has(node)) continue;
      placed += pods;
      load.set(node, (load.get(node) ?? 0) + pods * perPod);
    }
    spread += (w.replicas - placed) * perPod;
  }
  if (spread > 0 && c.nodes.length > 0) {
    const each = spread / c.nodes.length;
    for (const n of c.nodes) load.set(n.name, (load.get(n.name) ?? 0) + each);
  }
  return load;
}

/** Meshed L7 workloads grouped by (cluster, namespace), in a stable order. */
function waypointGroups(meshed: readonly InventoryWorkload[]): InventoryWorkload[][] {
  const groups = groupBy(
    meshed.filter((w) => w.waypoint),
    (w) => `${w.cluster}\u0000${w.namespace}`,
  );
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Zone shares of a workload's pods: its placement, else the cluster's nodes per zone. */
function podsPerZone(w: InventoryWorkload, c: ClusterFacts): Map<string, number> {
  if (!w.placement || w.placement.size === 0) return c.nodesPerZone;
  const perZone = new Map<string, number>();
  for (const [node, pods] of w.placement) {
    const zone = c.zoneOfNode.get(node);
    if (zone !== undefined) perZone.set(zone, (perZone.get(zone) ?? 0) + pods);
  }
  return perZone.size > 0 ? perZone : c.nodesPerZone;
}

function meshedNamespaces(meshed: readonly InventoryWorkload[], envOf: (w: InventoryWorkload) => string): Plan['meshedNamespaces'] {
  const seen = new Map<string, Plan['meshedNamespaces'][number]>();
  for (const w of meshed) {
    const id = `${w.cluster}\u0000${w.namespace}`;
    if (!seen.has(id)) seen.set(id, { cluster: w.cluster, environment: envOf(w), namespace: w.namespace });
  }
  return [...seen.values()].sort((a, b) => (a.cluster + '\u0000' + a.namespace < b.cluster + '\u0000' + b.namespace ? -1 : 1));
}

interface Counts {
  clusters: number;
  meshedPods: number;
  waypoints: number;
  warnings: Warning[];
}

function buildReport(
  input: EstimateInput,
  lineItems: LineItem[],
  variants: Record<Locality, CrossZoneFigures>,
  waypoints: readonly WaypointPlan[],
  counts: Counts,
): Report {
  const sheet = input.prices.spec;
  const sum = (items: LineItem[], f: (i: LineItem) => number) => items.reduce((s, i) => s + f(i), 0);
  const side = lineItems.filter((i) => i.mode === 'sidecar');
  const amb = lineItems.filter((i) => i.mode === 'ambient');
  // proxy counts come from the line items that priced them, like sidecar.proxies
  const countOf = (component: LineItem['component']) => sum(amb.filter((i) => i.component === component), (i) => i.count);
  const sidecarCost = sumCents(side.map((i) => i.monthlyCost));
  const ambientCost = sumCents(amb.map((i) => i.monthlyCost));
  const crossZoneCostCounted = sumCents(amb.filter((i) => i.component === 'crossZone').map((i) => i.monthlyCost));
  const savings = roundCents(sidecarCost - ambientCost);
  const { locality } = input.options;
  return {
    schemaVersion: 'mesh-cost/v1',
    generatedAt: input.generatedAt,
    tool: input.tool,
    currency: sheet.currency,
    hoursPerMonth: sheet.hoursPerMonth,
    basis: input.options.basis,
    inputs: {
      sources: input.inventory.sources,
      profile: input.profile.metadata.name,
      prices: input.prices.metadata.name,
      clusters: counts.clusters,
      nodes: input.inventory.nodes.length,
      workloads: input.inventory.workloads.length,
      pods: input.inventory.pods,
      meshedPods: counts.meshedPods,
    },
    sidecar: {
      proxies: sum(side.filter((i) => i.component === 'sidecar'), (i) => i.count),
      vcpu: sum(side, (i) => i.vcpu),
      memoryGiB: sum(side, (i) => i.memoryGiB),
      monthlyCost: sidecarCost,
    },
    ambient: {
      ztunnels: countOf('ztunnel'),
      waypoints: counts.waypoints,
      waypointReplicas: countOf('waypoint'),
      vcpu: sum(amb, (i) => i.vcpu),
      memoryGiB: sum(amb, (i) => i.memoryGiB),
      monthlyCost: ambientCost,
      crossZoneMonthlyCost: crossZoneCostCounted,
    },
    crossZone: {
      locality,
      extraGiB: variants[locality].extraGiB,
      // the counted variant is, by construction, the sum of the crossZone line items
      extraMonthlyCost: crossZoneCostCounted,
      variants,
    },
    savings: {
      monthlyCost: savings,
      percent: sidecarCost === 0 ? null : (100 * savings) / sidecarCost,
    },
    lineItems,
    waypoints: waypoints.map((w) => ({ cluster: w.cluster, namespace: w.namespace, rps: w.rps, replicas: w.replicas, floor: input.profile.spec.waypoint.scaling.minReplicas, zones: w.zones.length })),
    ...(input.inventory.mesh ? { mesh: input.inventory.mesh } : {}),
    warnings: counts.warnings,
  };
}

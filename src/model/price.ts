/**
 * The pricing half of the model (DESIGN section 3): a prepared ModelInput, a profile, a
 * price sheet and traffic scales → the Plan. Cheap by construction (per node class, per
 * workload, per node, never per pod), so sensitivity re-runs it for every input.
 *
 * Three columns share these functions: sidecar (every pod of the scope with a sidecar),
 * ambient (every namespace enrolled; pods on nodes no ztunnel serves keep their sidecar)
 * and today (the current mix, when the inventory shows it).
 */
import { Warnings, type InventoryNode } from '../inventory/types.js';
import type { ComponentProfile, PriceSheet, ProxyProfile } from '../profiles/schema.js';
import { bytesToGiB, crossZoneCost, extraShareNone, extraSharePreferClose, monthlyBytes } from './crossZone.js';
import { LineItemBook, LineKeys, roundCents, sumCents } from './lineItems.js';
import type { ModelInput, PreparedCluster, WaypointGroup } from './modelInput.js';
import { averageRates, monthlyCost, nodeRates, spotAtListRates, type Rates } from './rates.js';
import { controlPlaneFootprint, proxyFootprint, usageAt } from './resources.js';
import { buildReport } from './report.js';
import type { CrossZoneFigures, LineItem, Locality, Mode, Plan, Scales, Tool, WaypointPlan } from './types.js';
import { DEFAULT_BYTES_PER_REQUEST, LOCALITIES } from './types.js';
import { sizeWaypoint, spreadReplicas } from './waypoint.js';

export interface Pricing {
  profile: ProxyProfile;
  prices: PriceSheet;
  /** ISO timestamp, passed in so that the model stays free of the clock */
  generatedAt: string;
  tool: Tool;
}

const MIB_PER_GIB = 1024;
const ISTIO_SYSTEM = 'istio-system';

type Column = 'sidecar' | 'ambient' | 'today';

/** What one run prices with: the profile, the sheet, the scales and one cluster's rates. */
interface Context {
  spec: ProxyProfile['spec'];
  sheet: PriceSheet['spec'];
  H: number;
  basis: ModelInput['options']['basis'];
  rps: number;
  bytes: number;
}

interface Rated {
  c: PreparedCluster;
  classRates: Rates[];
  average: Rates;
  /** the waypoints of the cluster, sized once for every column */
  waypoints: { group: WaypointGroup; plan: WaypointPlan; extra: Record<Locality, number[]> }[];
}

export function priceModel(model: ModelInput, pricing: Pricing, scales: Scales = {}): Plan {
  const sheet = pricing.prices.spec;
  const ctx = contextOf(model, pricing, scales);
  const warnings = new Warnings();
  warnings.merge(model.warnings);
  const rated = model.clusters.map((c) => rate(c, ctx, scales.nodePrice ?? 1, warnings));
  checkNodes(rated, ctx, warnings);

  const keys = keysOf(model);
  const book = new LineItemBook(keys.book);
  const today = new LineItemBook(keys.book);
  rated.forEach((r, k) => {
    const ids = keys.clusters[k]!;
    priceColumn('sidecar', r, ctx, book, ids);
    priceColumn('ambient', r, ctx, book, ids, model.options.locality);
    if (model.showsToday) priceColumn('today', r, ctx, today, ids, model.options.locality);
  });
  if (!model.anyTraffic && model.options.basis !== 'requests') {
    warnings.add('no-traffic', 'no workload has an rps figure: proxies are priced as idle (add rps to workloads.csv for load-based usage)');
  }

  // both variants, each summed from its per-group cents as the counted one is from its line items
  const variants = Object.fromEntries(
    LOCALITIES.map((l): [Locality, CrossZoneFigures] => {
      const gib = rated.flatMap((r) => r.waypoints.map((w) => w.extra[l].reduce((s, x) => s + x, 0)));
      const cents = gib.map((g) => roundCents(crossZoneCost(g, sheet.zoneNetworkEgress, sheet.billBothDirections)));
      return [l, { extraGiB: gib.reduce((s, x) => s + x, 0), extraMonthlyCost: sumCents(cents) }];
    }),
  ) as Record<Locality, CrossZoneFigures>;

  const waypoints = rated.flatMap((r) => r.waypoints.map((w) => w.plan));
  const todayItems = today.finish();
  const todaySidecars = rated.reduce((s, r) => s + r.c.workloads.reduce((t, w) => t + w.sidecarsToday, 0), 0);
  const report = buildReport({
    model,
    pricing,
    lineItems: book.finish(),
    variants,
    waypoints,
    warnings: warnings.list(),
    sidecarsKept: rated.reduce((s, r) => s + r.c.workloads.reduce((t, w) => t + w.keptPods, 0), 0),
    ...(model.showsToday
      ? {
          today: {
            monthlyCost: sumCents(todayItems.map((i) => i.monthlyCost)),
            sidecars: todaySidecars,
            ambientNamespaces: rated.reduce((s, r) => s + new Set(r.c.workloads.filter((w) => w.ambientToday).map((w) => w.workload.namespace)).size, 0),
          },
        }
      : {}),
  });
  return { report, waypoints, meshedNamespaces: model.meshedNamespaces, canaries: model.canaries };
}

/** Each column's cost in integer cents, as the report sums it from its line items. */
export interface ColumnCents {
  sidecar: number;
  ambient: number;
}

/**
 * The sidecar and ambient columns alone, priced by the same functions in the same order
 * as `priceModel`, so that each line item adds up to the same float and each column to
 * the same cents; no report, no warnings, no today column. Sensitivity's re-runs need
 * the savings, or one namespace's items, only.
 */
function priceBook(model: ModelInput, pricing: Pricing, scales: Scales): LineItemBook {
  const ctx = contextOf(model, pricing, scales);
  const keys = keysOf(model);
  const book = new LineItemBook(keys.book);
  model.clusters.forEach((c, k) => {
    const r = rate(c, ctx, scales.nodePrice ?? 1);
    priceColumn('sidecar', r, ctx, book, keys.clusters[k]!);
    priceColumn('ambient', r, ctx, book, keys.clusters[k]!, model.options.locality);
  });
  return book;
}

export function priceColumns(model: ModelInput, pricing: Pricing, scales: Scales = {}): ColumnCents {
  const book = priceBook(model, pricing, scales);
  return { sidecar: book.cents('sidecar'), ambient: book.cents('ambient') };
}

/** The sidecar and ambient columns' line items, as the report of `priceModel` lists them. */
export function priceLineItems(model: ModelInput, pricing: Pricing, scales: Scales = {}): LineItem[] {
  return priceBook(model, pricing, scales).finish();
}

/** The savings as the report states them: the column totals in cents, their difference rounded to cents. */
export function savingsOf(cents: ColumnCents): number {
  return roundCents(cents.sidecar / 100 - cents.ambient / 100);
}

function contextOf(model: ModelInput, pricing: Pricing, scales: Scales): Context {
  const sheet = pricing.prices.spec;
  return {
    spec: pricing.profile.spec,
    sheet,
    H: sheet.hoursPerMonth,
    basis: model.options.basis,
    rps: scales.rps ?? 1,
    bytes: scales.bytes ?? 1,
  };
}

/** One cluster's line-item ids, by the position of what they price. */
interface ClusterIds {
  /** per workload: its sidecars in the sidecar column, and those kept in ambient (and today) */
  sidecar: Int32Array;
  kept: Int32Array;
  /** per agent node (position in agentNodes): ztunnel (ambient), istio-cni per mode */
  ztunnel: Int32Array;
  cni: Record<Mode, Int32Array>;
  /** per waypoint group */
  waypoint: Int32Array;
  crossZone: Int32Array;
  controlPlane: Record<Mode, number>;
}

interface ModelIds {
  book: LineKeys;
  clusters: ClusterIds[];
}

// a model's ids depend on its aggregates only: numbered on its first run, reused by every re-run
const idsOfModel = new WeakMap<ModelInput, ModelIds>();

function keysOf(model: ModelInput): ModelIds {
  let ids = idsOfModel.get(model);
  if (ids) return ids;
  const book = new LineKeys();
  const clusters = model.clusters.map((c): ClusterIds => {
    const shared = { environment: c.environment, cluster: c.name, namespace: ISTIO_SYSTEM };
    const perWorkload = (mode: Mode) => Int32Array.from(c.workloads, (w) => book.id({ mode, component: 'sidecar', environment: w.workload.environment, cluster: c.name, namespace: w.workload.namespace }));
    const perAgent = (mode: Mode, component: 'ztunnel' | 'cni') => Int32Array.from(c.agentNodes, (i) => book.id({ ...shared, environment: c.nodes[i]!.environment, mode, component }));
    const perGroup = (component: 'waypoint' | 'crossZone') => Int32Array.from(c.waypointGroups, (g) => book.id({ mode: 'ambient', component, environment: g.environment, cluster: c.name, namespace: g.namespace }));
    return {
      sidecar: perWorkload('sidecar'),
      kept: perWorkload('ambient'),
      ztunnel: perAgent('ambient', 'ztunnel'),
      cni: { sidecar: perAgent('sidecar', 'cni'), ambient: perAgent('ambient', 'cni') },
      waypoint: perGroup('waypoint'),
      crossZone: perGroup('crossZone'),
      controlPlane: { sidecar: book.id({ ...shared, mode: 'sidecar', component: 'controlPlane' }), ambient: book.id({ ...shared, mode: 'ambient', component: 'controlPlane' }) },
    };
  });
  idsOfModel.set(model, (ids = { book, clusters }));
  return ids;
}

interface NodeRates {
  sheet: PriceSheet['spec'];
  nodeScale: number;
  classRates: Rates[];
  average: Rates;
}

// the last sheet's rates per cluster's node classes (shared by a cluster and its one-namespace copies):
// the re-runs that vary a profile figure or the traffic price every node alike
const ratesOfNodes = new WeakMap<Int32Array, NodeRates>();

function nodeRatesOf(c: PreparedCluster, sheet: PriceSheet['spec'], nodeScale: number): NodeRates {
  const last = ratesOfNodes.get(c.classOf);
  if (last && last.sheet === sheet && last.nodeScale === nodeScale) return last;
  const classRates = c.classes.map((n) => nodeRates(n, sheet, nodeScale));
  const average = averageRates(c.nodes, Array.from(c.classOf, (k) => classRates[k]!), sheet);
  const rates = { sheet, nodeScale, classRates, average };
  ratesOfNodes.set(c.classOf, rates);
  return rates;
}

type Shares = Record<Locality, number[]>;

// per waypoint group and replica spread, each workload's share of its bytes that crosses a
// zone only through the waypoint: it moves only where the replicas' count does
const sharesOfGroup = new WeakMap<WaypointGroup, Map<string, Shares>>();

function sharesOf(c: PreparedCluster, group: WaypointGroup, spread: number[]): Shares {
  let bySpread = sharesOfGroup.get(group);
  if (!bySpread) sharesOfGroup.set(group, (bySpread = new Map()));
  const id = spread.join(',');
  let share = bySpread.get(id);
  if (!share) {
    const Z = c.zones.length;
    const servers = group.workloads.map((w) => c.servers.subarray(w.index * Z, (w.index + 1) * Z));
    share = { none: servers.map((s) => extraShareNone(c.clients, spread, s)), preferClose: servers.map((s) => extraSharePreferClose(c.clients, spread, s)) };
    bySpread.set(id, share);
  }
  return share;
}

/** A cluster's rates under this sheet, and its waypoints sized under this profile and traffic. */
function rate(c: PreparedCluster, ctx: Context, nodeScale: number, warnings?: Warnings): Rated {
  const { classRates, average } = nodeRatesOf(c, ctx.sheet, nodeScale);
  // only the report's run warns
  if (warnings) c.classes.forEach((n, k) => {
    if (!spotAtListRates(n, ctx.sheet)) return;
    const count = c.classOf.reduce((s, x) => s + (x === k ? 1 : 0), 0);
    warnings.add('spot-at-list-rates', "{count} spot {node is|nodes are} priced at the sheet's spot rates: {its|their} instance type has only an on-demand price (add its spot price to the sheet's instanceTypes)", `${c.name}/${n.name} (${n.instanceType})`, count);
  });
  const scaling = ctx.spec.waypoint.scaling;
  const waypoints = c.waypointGroups.map((group) => {
    const rps = group.workloads.reduce((s, w) => s + w.rps * ctx.rps, 0);
    const size = sizeWaypoint(rps, scaling, c.zones.length);
    const spread = spreadReplicas(size.replicas, c.zones.length);
    const extra = { none: [] as number[], preferClose: [] as number[] };
    const share = sharesOf(c, group, spread);
    group.workloads.forEach((w, k) => {
      const bytes = (w.workload.bytesPerRequest ?? DEFAULT_BYTES_PER_REQUEST) * ctx.bytes;
      const gib = bytesToGiB(monthlyBytes(w.rps * ctx.rps, bytes, ctx.H));
      extra.none.push(gib * share.none[k]!);
      extra.preferClose.push(gib * share.preferClose[k]!);
    });
    const plan: WaypointPlan = {
      cluster: c.name,
      environment: group.environment,
      namespace: group.namespace,
      rps,
      replicas: size.replicas,
      floor: size.floor,
      replicasForLoad: size.replicasForLoad,
      requests: { cpu: ctx.spec.waypoint.requests.cpu, memoryMiB: ctx.spec.waypoint.requests.memory },
      zones: c.zones,
      spread,
      zoneSpread: scaling.zoneSpread,
      workloads: group.workloads.map((w) => ({ name: w.workload.name, rps: w.rps * ctx.rps })),
    };
    return { group, plan, extra };
  });
  return { c, classRates, average, waypoints };
}

function priceColumn(column: Column, r: Rated, ctx: Context, book: LineItemBook, ids: ClusterIds, locality: Locality = 'preferClose'): void {
  const { c } = r;
  const mode: Mode = column === 'sidecar' ? 'sidecar' : 'ambient';
  const ambientInfra = column === 'ambient' || (column === 'today' && c.ambientToday);
  const sidecarIds = column === 'sidecar' ? ids.sidecar : ids.kept;

  // sidecars: all of the scope's pods; in ambient those no ztunnel serves; today those that run one
  let sidecars = 0;
  for (let k = 0; k < c.workloads.length; k++) {
    const w = c.workloads[k]!;
    const share = column === 'sidecar' ? 1 : column === 'today' ? w.sidecarsToday / w.pods : 0;
    const pods = column === 'ambient' ? w.keptPods : w.pods * share;
    if (pods === 0) continue;
    sidecars += pods;
    const fp = proxyFootprint(ctx.spec.sidecar, (2 * w.rps * ctx.rps) / w.pods, ctx.basis, w.workload.sidecarRequests, c.meshedPods);
    const mem = fp.memoryMiB / MIB_PER_GIB;
    const perPod = (rates: Rates) => monthlyCost(fp.cpu, mem, rates, ctx.H);
    const cost =
      column === 'ambient'
        ? classCost(r, w.keptFrom, w.end, perPod)
        : share * (classCost(r, w.servedFrom, w.end, perPod) + w.unplaced * perPod(r.average));
    book.add(sidecarIds[k]!, pods, fp.cpu * pods, mem * pods, cost);
  }

  // node agents: ztunnel (ambient) and istio-cni (ambient, and sidecar mode where it runs there too)
  const cni = ambientInfra || ctx.spec.cni.inSidecarMode || c.cniToday;
  let ztunnels = 0;
  if (ambientInfra || cni) {
    const load = column === 'today' ? c.load.today : c.load.ambient;
    const withZtunnel = ambientInfra && present(ctx.spec.ztunnel);
    const withCni = cni && present(ctx.spec.cni);
    c.agentNodes.forEach((i, k) => {
      const rates = r.classRates[c.classOf[i]!]!;
      if (withZtunnel) {
        addProxy(book, ids.ztunnel[k]!, ctx.spec.ztunnel, load[i]! * ctx.rps, rates, ctx, c.meshedPods);
        ztunnels++;
      }
      if (withCni) addProxy(book, ids.cni[mode][k]!, ctx.spec.cni, 0, rates, ctx, c.meshedPods);
    });
  }

  // waypoints, with the cross-zone their hop adds: every group in ambient, today those already ambient
  let replicas = 0;
  if (ambientInfra) {
    r.waypoints.forEach(({ group, plan, extra }, k) => {
      if (column === 'today' && !group.ambientToday) return;
      const fp = proxyFootprint(ctx.spec.waypoint, plan.rps / plan.replicas, ctx.basis, undefined, c.meshedPods);
      const mem = fp.memoryMiB / MIB_PER_GIB;
      book.add(ids.waypoint[k]!, plan.replicas, fp.cpu * plan.replicas, mem * plan.replicas, plan.replicas * monthlyCost(fp.cpu, mem, r.average, ctx.H));
      replicas += plan.replicas;
      // the item carries both locality variants (the CSV shows them beside the counted one, not summed)
      const variants = Object.fromEntries(
        LOCALITIES.map((l): [Locality, CrossZoneFigures] => {
          const extraGiB = extra[l].reduce((s, x) => s + x, 0);
          return [l, { extraGiB, extraMonthlyCost: crossZoneCost(extraGiB, ctx.sheet.zoneNetworkEgress, ctx.sheet.billBothDirections) }];
        }),
      ) as Record<Locality, CrossZoneFigures>;
      book.add(ids.crossZone[k]!, group.workloads.length, 0, 0, variants[locality].extraMonthlyCost, variants);
    });
  }

  // istiod once per cluster, sized by the proxies connected to it
  const cp = ctx.spec.controlPlane[ambientInfra ? 'ambient' : 'sidecar'];
  if (column === 'today' && sidecars === 0 && !ambientInfra) return;
  const fp = controlPlaneFootprint(cp, sidecars + ztunnels + replicas, ctx.basis);
  if (fp.cpu === 0 && fp.memoryMiB === 0) return;
  const mem = fp.memoryMiB / MIB_PER_GIB;
  book.add(ids.controlPlane[mode], 1, fp.cpu, mem, monthlyCost(fp.cpu, mem, r.average, ctx.H));
}

/** Σ pods · cost per pod over the [class, pods] pairs [from, to) of the cluster's pool */
function classCost(r: Rated, from: number, to: number, perPod: (rates: Rates) => number): number {
  const pool = r.c.classPods;
  let cost = 0;
  for (let j = from; j < to; j += 2) cost += pool[j + 1]! * perPod(r.classRates[pool[j]!]!);
  return cost;
}

/** A component the profile leaves out counts as zero: it gets no line item at all. */
function present(c: ComponentProfile): boolean {
  const u = c.usage;
  return u.cpu.base + u.cpu.per1kRps + u.memoryMiB.base + u.memoryMiB.per1kRps + u.memoryMiB.perKPods + c.requests.cpu + c.requests.memory > 0;
}

function addProxy(book: LineItemBook, id: number, component: ComponentProfile, loadRps: number, rates: Rates, ctx: Context, meshedPods: number): void {
  const fp = proxyFootprint(component, loadRps, ctx.basis, undefined, meshedPods);
  const mem = fp.memoryMiB / MIB_PER_GIB;
  book.add(id, 1, fp.cpu, mem, monthlyCost(fp.cpu, mem, rates, ctx.H));
}

/**
 * Sanity (DESIGN section 3): nodes whose placed pods, with their sidecars, ask for more
 * than the node has (requests, where pods' own requests are known), or would use more
 * (their own requests plus their sidecars' usage at the model's load).
 */
function checkNodes(rated: Rated[], ctx: Context, warnings: Warnings): void {
  const sidecar = ctx.spec.sidecar;
  for (const { c } of rated) {
    const t = c.totals;
    const base = usageAt(sidecar, 0, c.meshedPods);
    const perRps = { cpu: sidecar.usage.cpu.per1kRps / 1000, memoryMiB: sidecar.usage.memoryMiB.per1kRps / 1000 };
    c.nodes.forEach((n: InventoryNode, i) => {
      if (t.sidecars[i] === 0 && t.requestsKnown[i] === 0) return;
      const cap = { cpu: n.vcpu, memoryMiB: n.memoryGiB * MIB_PER_GIB };
      const where = `${c.name}/${n.name}`;
      if (t.requestsKnown[i]) {
        const cpu = t.ownCpu[i]! + t.fixedCpu[i]! + t.profileCpuPods[i]! * sidecar.requests.cpu;
        const mem = t.ownMemoryMiB[i]! + t.fixedMemoryMiB[i]! + t.profileMemoryPods[i]! * sidecar.requests.memory;
        if (cpu > cap.cpu || mem > cap.memoryMiB) {
          warnings.add('node-requests-over-allocatable', "{count} {node holds|nodes hold} pods whose requests with their sidecars exceed the node's allocatable", where);
        }
      }
      const load = t.sidecarLoad[i]! * ctx.rps;
      const cpu = t.ownCpu[i]! + t.sidecars[i]! * base.cpu + load * perRps.cpu;
      const mem = t.ownMemoryMiB[i]! + t.sidecars[i]! * base.memoryMiB + load * perRps.memoryMiB;
      if (cpu > cap.cpu || mem > cap.memoryMiB) {
        warnings.add('node-usage-over-allocatable', "{count} {node|nodes} would use more than {its|their} allocatable: {its|their} pods' requests plus their sidecars' usage at the model's load (check rps and placement)", where);
      }
    });
  }
}

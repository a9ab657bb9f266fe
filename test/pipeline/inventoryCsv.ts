/**
 * Generated inventories and their CSV text, for the pipeline property tests: a fast-check
 * arbitrary for an Inventory (the truth), and an encoder that writes it as nodes.csv,
 * workloads.csv and pods.csv the way real exports vary: header case and order, BOM,
 * CRLF, quoting, blank lines, every notation a quantity may take.
 *
 * Quantities are written only in notations that parse back to the very same double
 * (`3.92`, `3920e-3`, `16Gi`, bytes), so the truth and the read inventory compare
 * exactly; the `m`, `k`, `G` suffixes multiply by an inexact factor and are covered by
 * the reader's own unit tests.
 */
import fc from 'fast-check';
import type { Inventory, InventoryNode, InventoryWorkload } from '../../src/inventory/types.js';
// mulberry32, seeded, so a failing case replays from fast-check's seed
import { prng } from '../../bench/lib/prng.mjs';

/** text a CSV cell may hold after trimming: commas, quotes, line breaks and non-ASCII included */
const name = fc.stringMatching(/^[a-z][a-z0-9, "'\n.é-]{0,6}[a-z0-9]$/);
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
// a comma, a quote, and the starts of a spreadsheet formula: the CSV export must keep them text
const NAMESPACES = ['shop', 'pay', 'kube-system', 'istio-system', 'a,b', 'x"y', '=SUM(A1)', '-x', '@me'];

interface ClusterSpec {
  name: string;
  environment: string;
  zones: string[];
  nodes: Omit<InventoryNode, 'cluster' | 'environment' | 'zone'>[];
  zoneOf: number[];
  workloads: WorkloadSpec[];
}

type WorkloadSpec = Omit<InventoryWorkload, 'cluster' | 'environment' | 'placement' | 'sidecarRequests' | 'origin'> & {
  /** pods per node index, when pods.csv places it */
  placement?: number[];
  /** known only from pods.csv (an owner absent from workloads.csv) */
  podsOnly: boolean;
};

const node = fc.record(
  {
    name,
    instanceType: fc.constantFrom('m5.xlarge', 'c5.2xlarge', 'r6g.large'),
    capacityType: fc.constantFrom('on-demand' as const, 'spot' as const),
    // millicores and MiB: whole numbers, so every notation below is exact
    vcpu: fc.integer({ min: 1, max: 64_000 }).map((m) => m / 1000),
    memoryGiB: fc.integer({ min: 256, max: 512 * 1024 }).map((mib) => mib / 1024),
    hourlyPrice: fc.double({ min: 0, max: 50, noNaN: true }).map((x) => x + 0),
  },
  { requiredKeys: ['name', 'capacityType', 'vcpu', 'memoryGiB'] },
);

const workload = fc.record(
  {
    namespace: fc.constantFrom(...NAMESPACES),
    name,
    kind: fc.constantFrom(...KINDS),
    replicas: fc.integer({ min: 0, max: 40 }),
    rps: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000 }), fc.double({ min: 0, max: 20_000, noNaN: true }).map((x) => x + 0)), // + 0: no -0
    bytesPerRequest: fc.integer({ min: 1, max: 2 ** 20 }),
    waypoint: fc.boolean(),
    canary: fc.boolean(),
    hostNetwork: fc.boolean(),
    placed: fc.boolean(),
    podsOnly: fc.boolean(),
  },
  { requiredKeys: ['namespace', 'name', 'kind', 'replicas', 'rps', 'waypoint', 'canary', 'hostNetwork', 'placed', 'podsOnly'] },
);

const cluster = fc
  .record({
    name,
    environment: fc.option(fc.constantFrom('PRD', 'STG', 'qa env'), { nil: undefined }),
    zones: fc.uniqueArray(fc.constantFrom('us-east-1a', 'us-east-1b', 'us-east-1c', 'eu-west-1a'), { minLength: 1, maxLength: 3 }),
    nodes: fc.uniqueArray(node, { minLength: 1, maxLength: 6, selector: (n) => n.name }),
    workloads: fc.uniqueArray(workload, { maxLength: 8, selector: (w) => `${w.namespace}\0${w.name}` }),
    seed: fc.integer(),
  })
  .map(({ name, environment, zones, nodes, workloads, seed }): ClusterSpec => {
    const pick = prng(seed);
    return {
      name,
      environment: environment ?? name,
      zones,
      nodes,
      zoneOf: nodes.map(() => Math.floor(pick() * zones.length)),
      workloads: workloads.map(({ placed, podsOnly, ...w }) => {
        // pods-only owners and placed workloads need pods: at least one, on the cluster's nodes
        const withPods = (placed || podsOnly) && w.replicas > 0;
        const spec: WorkloadSpec = { ...w, podsOnly: podsOnly && withPods };
        if (spec.podsOnly) Object.assign(spec, { rps: 0, waypoint: false, canary: false, bytesPerRequest: undefined });
        if (withPods) {
          spec.placement = nodes.map(() => 0);
          for (let i = 0; i < w.replicas; i++) spec.placement[Math.floor(pick() * nodes.length)]!++;
        }
        return spec;
      }),
    };
  });

export const inventorySpec = fc.uniqueArray(cluster, { minLength: 1, maxLength: 3, selector: (c) => c.name });
export type InventorySpec = ClusterSpec[];

/** The Inventory the CSV reader must produce from `toCsv(spec)` (without origins). */
export function toInventory(spec: InventorySpec, sources: string[]): Inventory {
  const nodes: InventoryNode[] = spec.flatMap((c) =>
    c.nodes.map((n, i) => ({
      cluster: c.name,
      environment: c.environment,
      name: n.name,
      zone: c.zones[c.zoneOf[i]!]!,
      ...(n.instanceType === undefined ? {} : { instanceType: n.instanceType }),
      capacityType: n.capacityType,
      vcpu: n.vcpu,
      memoryGiB: n.memoryGiB,
      ...(n.hourlyPrice === undefined ? {} : { hourlyPrice: n.hourlyPrice }),
    })),
  );
  const toWorkload = (c: ClusterSpec, w: WorkloadSpec): InventoryWorkload => ({
    cluster: c.name,
    environment: c.environment,
    namespace: w.namespace,
    name: w.name,
    kind: w.kind,
    replicas: w.replicas,
    rps: w.rps,
    ...(w.bytesPerRequest === undefined ? {} : { bytesPerRequest: w.bytesPerRequest }),
    waypoint: w.waypoint,
    canary: w.canary,
    hostNetwork: w.hostNetwork,
    ...(w.placement ? { placement: placementMap(c, w.placement) } : {}),
  });
  // the reader lists workloads.csv's rows first, then owners known only from pods.csv
  const workloads = [
    ...spec.flatMap((c) => c.workloads.filter((w) => !w.podsOnly).map((w) => toWorkload(c, w))),
    ...spec.flatMap((c) => c.workloads.filter((w) => w.podsOnly).map((w) => toWorkload(c, w))),
  ];
  const hasPods = spec.some((c) => c.workloads.some((w) => w.placement));
  const pods = hasPods
    ? workloads.reduce((s, w) => s + [...(w.placement?.values() ?? [])].reduce((a, b) => a + b, 0), 0)
    : workloads.reduce((s, w) => s + w.replicas, 0);
  return { sources, nodes, workloads, pods };
}

function placementMap(c: ClusterSpec, placement: number[]): Map<string, number> {
  const m = new Map<string, number>();
  placement.forEach((pods, i) => pods > 0 && m.set(c.nodes[i]!.name, pods));
  return m;
}

export interface CsvFiles {
  nodes: string;
  workloads?: string;
  pods?: string;
}

/** The inventory as CSV text, in a format chosen by `seed`. */
export function toCsv(spec: InventorySpec, seed: number): CsvFiles {
  const pick = prng(seed);
  const one = <T>(xs: readonly T[]): T => xs[Math.floor(pick() * xs.length)]!;
  const eol = one(['\n', '\r\n']);
  const bom = pick() < 0.3 ? '\uFEFF' : '';
  const quoteAll = pick() < 0.2;

  const cell = (v: string): string => (quoteAll || /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const headerName = (c: string): string => one([c, c.toUpperCase(), c.replaceAll('_', '-'), c.replaceAll('_', ' '), ` ${c} `]);
  const table = (columns: string[], rows: Record<string, string>[]): string => {
    const order = shuffle(columns, pick);
    const lines = [order.map((c) => cell(headerName(c))).join(',')];
    for (const row of rows) {
      if (pick() < 0.1) lines.push(one(['', order.map(() => '').join(',')])); // blank rows from a spreadsheet
      lines.push(order.map((c) => cell(row[c] ?? '')).join(','));
    }
    return bom + lines.join(eol) + (pick() < 0.8 ? eol : '');
  };

  const cpu = (v: number) => one([String(v), `${Math.round(v * 1000)}e-3`]);
  const memory = (gib: number) => one([`${gib}Gi`, `${gib * 1024}Mi`, String(gib * 2 ** 30)]);
  const bool = (b: boolean) => (b ? one(['true', 'yes', '1', 'TRUE']) : one(['false', 'no', '0', '']));
  const kindCell = (k: string) => (k === 'Deployment' && pick() < 0.5 ? '' : one([k, k.toLowerCase()]));

  const nodes = table(
    ['cluster', 'environment', 'node', 'zone', 'instance_type', 'capacity_type', 'vcpu', 'memory', 'hourly_price'],
    spec.flatMap((c) =>
      c.nodes.map((n, i) => ({
        cluster: c.name,
        // the first node gives the cluster its environment; the others may leave it out only when it is the cluster's name
        environment: c.environment === c.name && (i > 0 || pick() < 0.5) ? '' : c.environment,
        node: n.name,
        zone: c.zones[c.zoneOf[i]!]!,
        instance_type: n.instanceType ?? '',
        capacity_type: n.capacityType === 'spot' ? one(['spot', 'Spot', 'SPOT']) : one(['on-demand', 'ON_DEMAND', 'OnDemand', '']),
        vcpu: cpu(n.vcpu),
        memory: memory(n.memoryGiB),
        hourly_price: n.hourlyPrice === undefined ? '' : String(n.hourlyPrice),
      })),
    ),
  );
  const listed = spec.flatMap((c) => c.workloads.filter((w) => !w.podsOnly).map((w) => ({ c, w })));
  const workloads =
    listed.length === 0 ? undefined
    : table(
        ['cluster', 'environment', 'namespace', 'workload', 'kind', 'replicas', 'rps', 'bytes_per_request', 'waypoint', 'canary', 'host_network'],
        listed.map(({ c, w }) => ({
          cluster: c.name,
          environment: pick() < 0.5 ? '' : c.environment,
          namespace: w.namespace,
          workload: w.name,
          kind: kindCell(w.kind),
          replicas: one([String(w.replicas), `${w.replicas}e0`]),
          rps: w.rps === 0 && pick() < 0.5 ? '' : String(w.rps),
          bytes_per_request: w.bytesPerRequest === undefined ? '' : one([String(w.bytesPerRequest), `${w.bytesPerRequest / 1024}Ki`]),
          waypoint: bool(w.waypoint),
          canary: bool(w.canary),
          host_network: bool(w.hostNetwork),
        })),
      );
  const placed = spec.flatMap((c) => c.workloads.filter((w) => w.placement).map((w) => ({ c, w })));
  const pods =
    placed.length === 0 ? undefined
    : table(
        ['cluster', 'namespace', 'pod', 'node', 'owner_kind', 'owner_name', 'host_network'],
        placed.flatMap(({ c, w }) =>
          w.placement!.flatMap((count, i) =>
            Array.from({ length: count }, (_, k) => ({
              cluster: c.name,
              namespace: w.namespace,
              pod: `${w.name}-${i}-${k}`,
              node: c.nodes[i]!.name,
              owner_kind: kindCell(w.kind) || 'Deployment',
              owner_name: w.name,
              host_network: bool(w.hostNetwork),
            })),
          ),
        ),
      );
  return { nodes, ...(workloads === undefined ? {} : { workloads }), ...(pods === undefined ? {} : { pods }) };
}

function shuffle<T>(xs: readonly T[], pick: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(pick() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}


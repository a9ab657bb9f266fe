/** workloads.csv → InventoryWorkload[], keyed for the join with pods.csv. */
import { MIB } from '../../quantity.js';
import type { InventoryWorkload, PodRequests } from '../types.js';
import { bool, kind, quantity, required } from './cells.js';
import type { NodeIndex } from './nodes.js';
import { inputName, readTable, type CsvRun, type Row } from './table.js';

export const COLUMNS = {
  known: ['cluster', 'environment', 'namespace', 'workload', 'kind', 'replicas', 'rps', 'bytes_per_request', 'waypoint', 'canary', 'host_network', 'cpu_request', 'memory_request'],
  required: ['cluster', 'namespace', 'workload', 'replicas'],
} as const;
export type Column = (typeof COLUMNS.known)[number];

/** Workloads whose row wrote a kind (not the default): only those can disagree with their pods' owner_kind. */
export const kindWritten = new WeakSet<InventoryWorkload>();

export const workloadKey = (cluster: string, namespace: string, name: string): string => `${cluster}\0${namespace}\0${name}`;

/** Workloads by workloadKey, in file order. */
export async function readWorkloads(file: string, nodes: { file: string; index: NodeIndex } | undefined, run: CsvRun): Promise<Map<string, InventoryWorkload>> {
  const workloads = new Map<string, InventoryWorkload>();
  const rows = await readTable(file, COLUMNS, run, (row) => {
    const w = toWorkload(row);
    if (!w) return;
    workloads.set(workloadKey(w.cluster, w.namespace, w.name), w);
    if (row.text('kind') !== '') kindWritten.add(w);
  });
  if (rows === 0) run.ctx.warnings.add(`csv-no-rows:${file}`, `${inputName(file)}: no workloads below the header`);
  return workloads;

  function toWorkload(row: Row<Column>): InventoryWorkload | undefined {
    const cluster = required(row, 'cluster');
    const namespace = required(row, 'namespace');
    const name = required(row, 'workload');
    const replicas = quantity(row, 'replicas', { what: 'a whole number of replicas from 0 to 1000000', integer: true, max: 1e6 });
    const traffic = trafficOf(row);
    const hostNetwork = bool(row, 'host_network');
    const podRequests = requestsOf(row);
    // without nodes (--newrelic), a cluster New Relic lacks is a warning later, not an error here
    if (nodes && cluster !== undefined && !nodes.index.environmentOf.has(cluster)) {
      row.bad('cluster', `a cluster with nodes in ${inputName(nodes.file)} (${listed(nodes.index.environmentOf.keys())})`);
    }
    if (cluster !== undefined && namespace !== undefined && name !== undefined) {
      const first = workloads.get(workloadKey(cluster, namespace, name));
      if (first) row.report(`duplicate workload: cluster ${JSON.stringify(cluster)}, namespace ${JSON.stringify(namespace)}, workload ${JSON.stringify(name)} is also on line ${first.origin!.line}`);
    }
    if (row.failed) return undefined;
    return {
      cluster: cluster!,
      environment: row.text('environment') || nodes?.index.environmentOf.get(cluster!) || cluster!,
      namespace: namespace!,
      name: name!,
      kind: kind(row.text('kind') || 'Deployment'),
      replicas: replicas!,
      ...traffic,
      hostNetwork: hostNetwork!,
      ...(podRequests ? { podRequests } : {}),
      origin: { file: inputName(file), line: row.line },
    };
  }
}

/** The columns of one pod's own requests, in workloads.csv (one pod of the workload) and pods.csv (each pod). */
export type RequestColumn = 'cpu_request' | 'memory_request';

/**
 * One pod's own requests (its containers without istio-proxy), or undefined when both
 * cells are empty; one given alone leaves the other 0, as Kubernetes counts it.
 */
export function requestsOf<C extends string>(row: Row<C | RequestColumn>): PodRequests | undefined {
  const cpuText = row.text('cpu_request');
  const memoryText = row.text('memory_request');
  if (cpuText === '' && memoryText === '') return undefined;
  const cpu = quantity(row, 'cpu_request', { what: 'a cpu quantity up to 10000 (e.g. 250m or 0.5)', max: 1e4 }, 0);
  const bytes = quantity(row, 'memory_request', { what: 'a memory quantity up to 1Pi (e.g. 256Mi or 1.5Gi)', max: 2 ** 50 }, 0);
  if (cpu === undefined || bytes === undefined) return undefined;
  return { cpu, memoryMiB: bytes / MIB };
}

export type Traffic = Pick<InventoryWorkload, 'rps' | 'bytesPerRequest' | 'waypoint' | 'canary'>;

/** The traffic cells of a row; also what `--workloads` adds to a `--kube` inventory. Check row.failed after. */
export function trafficOf(row: Row<Column>): Traffic {
  const rps = quantity(row, 'rps', { what: 'requests/s from 0 to 1e9 (e.g. 250 or 1e3)', max: 1e9 }, 0);
  const bytesPerRequest =
    row.text('bytes_per_request') === '' ? undefined
    : quantity(row, 'bytes_per_request', { what: 'a positive number of bytes up to 1Gi (e.g. 2048 or 2Ki)', positive: true, max: 2 ** 30 });
  const waypoint = bool(row, 'waypoint');
  const canary = bool(row, 'canary');
  return {
    rps: rps!,
    ...(bytesPerRequest === undefined ? {} : { bytesPerRequest }),
    waypoint: waypoint!,
    canary: canary!,
  };
}

/** the first few names: a fleet of 300 clusters must not make a 300-name error line */
function listed(names: Iterable<string>, max = 10): string {
  const all = [...names];
  return all.length > max ? `${all.slice(0, max).join(', ')} and ${all.length - max} more` : all.join(', ');
}

/**
 * The CSV source: nodes.csv, workloads.csv, pods.csv → Inventory (DESIGN section 2).
 * The files are streamed (table.ts, through csv-parse) and folded as they go, so a million pod rows
 * take bounded memory. Bad cells are collected across all three files and thrown as
 * one InputError (first problem + up to 19 more, then "and N more"); nodes.csv's
 * problems stop the run before the others are read.
 */
import { InputError } from '../../errors.js';
import { readNodes } from './nodes.js';
import { readPods, type PodGroup, type Pods } from './pods.js';
import { Problems } from './problems.js';
import { inputName, type CsvRun } from './table.js';
import { kindWritten, readWorkloads } from './workloads.js';
import type { InventoryReader } from '../reader.js';
import type { Inventory, InventoryWorkload, ReadContext } from '../types.js';

/** file paths, as the user gave them (--nodes, --workloads, --pods); `-` reads stdin */
export interface CsvInputs {
  nodes?: string;
  workloads?: string;
  pods?: string;
}

export const csvReader: InventoryReader<CsvInputs> = {
  name: 'csv',
  read: (inputs, ctx) => readCsvInventory(inputs, ctx),
};

export async function readCsvInventory(inputs: CsvInputs, ctx: ReadContext): Promise<Inventory> {
  if (!inputs.nodes) {
    const given = inputs.workloads ? '--workloads' : inputs.pods ? '--pods' : undefined;
    // the model prices proxies by node, so workloads without nodes cannot be costed
    throw new InputError(
      given
        ? `${given} needs the clusters' nodes too: pass --nodes FILE (a nodes.csv with cluster, node, zone, vcpu, memory)`
        : 'no CSV input: pass --nodes FILE, with --workloads FILE and/or --pods FILE',
    );
  }
  const run: CsvRun = { ctx, problems: new Problems(), rows: 0 };
  const nodes = await readNodes(inputs.nodes, run);
  // The other files are judged against the nodes: with nodes.csv's rows in doubt,
  // every workload of a cluster whose nodes all failed would add "expected a cluster
  // with nodes" and every pod on a failed node "expected a node": noise after the real
  // problem. So nodes.csv's problems are reported alone.
  run.problems.throwIfAny();
  const workloads = inputs.workloads ? await readWorkloads(inputs.workloads, { file: inputs.nodes, index: nodes }, run) : new Map<string, InventoryWorkload>();
  const pods = inputs.pods ? await readPods(inputs.pods, inputs.nodes, nodes, run) : undefined;
  run.problems.throwIfAny();

  if (pods) joinPods(pods, workloads, nodes.environmentOf, inputs, ctx);
  const list = [...workloads.values()];
  return {
    sources: [inputs.nodes, inputs.workloads, inputs.pods].filter((f): f is string => f !== undefined).map(inputName),
    nodes: nodes.nodes,
    workloads: list,
    pods: pods ? pods.rows : list.reduce((sum, w) => sum + w.replicas, 0),
  };
}

/**
 * Pods are the truth about what runs: they set replicas and placement of their
 * workload, and pods of an unlisted owner still become a workload (rps 0).
 */
function joinPods(pods: Pods, workloads: Map<string, InventoryWorkload>, environmentOf: Map<string, string>, inputs: CsvInputs, ctx: ReadContext): void {
  for (const [key, g] of pods.groups) {
    const w = workloads.get(key);
    if (w) {
      w.replicas = g.pods;
      w.placement = g.placement;
      if (g.hostNetwork) w.hostNetwork = true;
      // the pods say what their controller is (DESIGN section 2): a kind that disagrees is a typo or a migration
      if (w.kind !== g.kind && kindWritten.has(w)) {
        ctx.warnings.add('csv-kind-disagrees', `{count} {workload has|workloads have} a kind in ${inputName(inputs.workloads!)} that {its|their} pods' owner_kind contradicts: owner_kind is used`, `${g.cluster}/${g.namespace}/${g.owner}: ${w.kind} in ${inputName(inputs.workloads!)}, ${g.kind} in ${inputName(inputs.pods!)}`);
      }
      w.kind = g.kind;
      Object.assign(w, podRequestsOf(g) ?? {});
      continue;
    }
    // only worth a warning when there was a workloads.csv to be absent from
    if (inputs.workloads) {
      ctx.warnings.add(
        'csv-pods-without-workload',
        '{count} {pod references a workload|pods reference workloads} absent from workloads.csv',
        `${inputName(inputs.pods!)}:${g.line}: ${g.kind} ${g.namespace}/${g.owner} in cluster ${g.cluster}`,
        g.pods,
      );
    }
    workloads.set(key, {
      cluster: g.cluster,
      environment: environmentOf.get(g.cluster) ?? g.cluster,
      namespace: g.namespace,
      name: g.owner,
      kind: g.kind,
      replicas: g.pods,
      rps: 0,
      waypoint: false,
      canary: false,
      hostNetwork: g.hostNetwork,
      placement: g.placement,
      ...podRequestsOf(g),
      origin: { file: inputName(inputs.pods!), line: g.line },
    });
  }
}

/** The pods' own requests (their mean) when pods.csv gives any: they win over workloads.csv's one pod. */
function podRequestsOf(g: PodGroup): Pick<InventoryWorkload, 'podRequests' | 'podsWithoutRequests'> | undefined {
  const r = g.requests;
  if (r.n === 0) return undefined;
  return { podRequests: { cpu: r.cpu / r.n, memoryMiB: r.memoryMiB / r.n }, podsWithoutRequests: g.pods - r.n };
}

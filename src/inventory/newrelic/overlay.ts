/**
 * --workloads beside --newrelic: what New Relic cannot know (which workloads need a
 * waypoint, which roll out as canaries, bytes per request) and traffic where Istio's
 * metrics are missing. Read with the CSV reader's own workloads.csv parser, before
 * any query is sent, so a bad cell fails fast.
 */
import type { InventoryWorkload, ReadContext } from '../types.js';

/**
 * workloads.csv checks each row's cluster against nodes.csv; here the nodes come from
 * New Relic, later, and a row for a cluster New Relic lacks is a warning (map.ts), not
 * an error — one workloads.csv may serve runs over different --clusters.
 */
class EveryCluster extends Map<string, string> {
  override has(): boolean {
    return true;
  }
}

export async function readOverlay(file: string, ctx: ReadContext): Promise<InventoryWorkload[]> {
  const [{ readWorkloads }, { Problems }] = await Promise.all([import('../csv/workloads.js'), import('../csv/problems.js')]);
  const run = { ctx, problems: new Problems(), rows: 0 };
  const workloads = await readWorkloads(file, file, { nodes: [], byCluster: new Map(), environmentOf: new EveryCluster() }, run);
  run.problems.throwIfAny();
  return [...workloads.values()];
}

/**
 * --workloads beside --newrelic: what New Relic cannot know (which workloads need a
 * waypoint, which roll out as canaries, bytes per request) and traffic where Istio's
 * metrics are missing. Read with the CSV reader's own workloads.csv parser, before
 * any query is sent, so a bad cell fails fast.
 */
import type { InventoryWorkload, ReadContext } from '../types.js';

export async function readOverlay(file: string, ctx: ReadContext): Promise<InventoryWorkload[]> {
  const [{ readWorkloads }, { Problems }] = await Promise.all([import('../csv/workloads.js'), import('../csv/problems.js')]);
  const run = { ctx, problems: new Problems(), rows: 0 };
  const workloads = await readWorkloads(file, undefined, run);
  run.problems.throwIfAny();
  return [...workloads.values()];
}

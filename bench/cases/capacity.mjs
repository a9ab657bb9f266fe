/**
 * Capacity and sensitivity (issue 16): `estimate -f json` on the inventory with pods' own
 * requests — which adds the nodes freed, first-fit decreasing over every pod — and the
 * same with `--sensitivity`, each against the plain estimate of the same inventory
 * without the request columns, run in turn. Targets: capacity ≤ 1.5×, sensitivity ≤ 2×
 * the plain estimate's wall time.
 */
import { join } from 'node:path';
import { generate } from '../generate.mjs';
import { count, ratio, seconds, table, target } from '../lib/format.mjs';
import { interleave, median } from '../lib/measure.mjs';

const MAX_CAPACITY = 1.5;
const MAX_SENSITIVITY = 2;

export const title = 'capacity: estimate with pods\' requests (nodes freed) and --sensitivity, vs the plain estimate';

export async function run({ size, runs, seed, bin, dir, inventory, print }) {
  const plain = (await inventory(size)).files;
  const withRequests = generate({ pods: size, seed, dir: join(dir, `requests-${size}`), requests: true });
  const args = (f) => [bin, 'estimate', '--nodes', f.nodes, '--workloads', f.workloads, '--pods', f.pods, '-f', 'json'];
  const [base, capacity, sensitivity] = interleave([args(plain), args(withRequests.files), [...args(withRequests.files), '--sensitivity']], runs);
  // run by run, as the ingest case does: a machine that slows mid-way slows both sides of a ratio
  const capacityRatio = median(capacity.map((c, i) => c.wallMs / base[i].wallMs));
  const sensitivityRatio = median(sensitivity.map((s, i) => s.wallMs / base[i].wallMs));
  const wall = (rs) => `wall ${seconds(median(rs.map((r) => r.wallMs)))}`;
  print(`${count(withRequests.pods)} pods, ${count(withRequests.nodes)} nodes, ${count(withRequests.workloads)} workloads; median of ${runs} run${runs > 1 ? 's' : ''} each, in turn`);
  print(
    table([
      ['plain estimate (no requests)', wall(base), ''],
      ['with requests (capacity)', wall(capacity), ratio(capacityRatio)],
      ['with requests --sensitivity', wall(sensitivity), ratio(sensitivityRatio)],
    ]),
  );
  print(`  capacity ${ratio(capacityRatio)}: ${target(capacityRatio <= MAX_CAPACITY, `≤ ${MAX_CAPACITY}×`)}; sensitivity ${ratio(sensitivityRatio)}: ${target(sensitivityRatio <= MAX_SENSITIVITY, `≤ ${MAX_SENSITIVITY}×`)}`);
}

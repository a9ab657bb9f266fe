/**
 * Writing an exported snapshot (`newrelic export`, `prometheus export`): the CSV files,
 * the observed profile and a mesh-cost.yaml tying them together, as one directory, then
 * one line saying what the snapshot holds and how to run it offline. Both commands write
 * the same layout; only where the data came from differs.
 */
import { join } from 'node:path';
import type { Inventory, Warnings } from '../inventory/types.js';
import type { ProxyProfile } from '../profiles/schema.js';
import { writeDirectory, type GeneratedFile } from './outputDir.js';
import type { SnapshotCsv } from './snapshotCsv.js';
import { note, warn } from './terminal.js';

export interface Snapshot {
  out: string;
  /** `newrelic export`: its marker lets a later export replace the directory, and nothing else */
  command: string;
  /** where the data came from, e.g. `New Relic account 1234567`, `Prometheus http://…` */
  source: string;
  /** what answered the queries, e.g. `NerdGraph`, `Prometheus` */
  api: string;
  window: { since: number; until: number };
  queries: number;
  inventory: Inventory;
  csv: SnapshotCsv;
  profile: ProxyProfile;
  profileText: string;
  warnings: Warnings;
}

export async function writeSnapshot(s: Snapshot): Promise<void> {
  const marker = `# mesh-cost ${s.command}:`;
  const window = `${new Date(s.window.since).toISOString()} to ${new Date(s.window.until).toISOString()}`;
  const files: GeneratedFile[] = [
    ...s.csv.files,
    { path: 'profile.yaml', text: s.profileText },
    {
      path: 'mesh-cost.yaml',
      text:
        `${marker} ${s.source}, ${window}.\n` +
        '# Run offline: mesh-cost estimate -c mesh-cost.yaml (paths are relative to this file)\n' +
        'version: 1\ninputs:\n  nodes: nodes.csv\n  workloads: workloads.csv\n  pods: pods.csv\nprofile: profile.yaml\n',
    },
  ];
  // a whole directory at once, and only over a directory an earlier export wrote
  await writeDirectory(s.out, files, (line) => line.startsWith(marker), 'mesh-cost.yaml');
  warn(s.warnings.list());
  const { inventory, csv } = s;
  note(
    `wrote ${files.map((f) => f.path).join(', ')} to ${s.out}: ${inventory.nodes.length} nodes, ${csv.workloads} of ${inventory.workloads.length} workloads ` +
      `and ${csv.pods} of ${inventory.pods} pods in the scope (${csv.scope}), profile ${s.profile.metadata.name} (${s.queries} ${s.api} queries). ` +
      `Estimate offline with: mesh-cost estimate -c ${join(s.out, 'mesh-cost.yaml')}`,
  );
}

/** `mesh-cost manifests`: read → the same plan as `estimate` → the ambient manifests → stdout or a directory. */
import { buildManifests } from '../manifests/index.js';
import { GENERATED_BY, renderDirectory, renderDryRun, renderStream } from '../manifests/render.js';
import type { MtlsMode } from '../manifests/types.js';
import { modelRun } from './analyses.js';
import type { InputFlags } from './inputOptions.js';
import { writeResult } from './output.js';
import { writeDirectory } from './outputDir.js';
import { prepare } from './prepare.js';
import { note, warn } from './terminal.js';

export interface ManifestsFlags extends InputFlags {
  out?: string;
  mtls: MtlsMode;
  dryRun?: boolean;
}

export async function manifestsCommand(flags: ManifestsFlags): Promise<void> {
  const run = await prepare(flags);
  // the same run as the estimate's, --set what-ifs included: the manifests deploy what was priced
  const { plan } = modelRun(run);
  const set = buildManifests({ plan, inventory: run.inventory, profile: run.profile, options: { ...run.options, mtls: flags.mtls } });
  warn([...plan.report.warnings, ...set.warnings]);
  if (flags.dryRun) return writeResult(renderDryRun(set));
  if (!flags.out) return writeResult(renderStream(set));

  const files = renderDirectory(set);
  await writeDirectory(flags.out, files, (line) => line.startsWith(`# ${GENERATED_BY}`));
  const roots = set.clusters.length > 1 ? set.clusters.map((c) => `${flags.out}/${c.cluster}`) : [flags.out];
  note(`wrote ${files.length} files to ${flags.out}; apply with ${roots.map((r) => `kubectl apply -k ${r}`).join(', ')} (Helm values: see each ztunnel-values.yaml)`);
}

/** `mesh-cost manifests`: read → the same plan as `estimate` → the staged ambient migration → stdout or a directory. */
import { buildManifests } from '../manifests/index.js';
import { parseIstioVersion, releaseOfProfile } from '../manifests/istioVersion.js';
import { GENERATED_BY, renderDirectory, renderDryRun, renderStream } from '../manifests/render.js';
import type { MtlsMode } from '../manifests/types.js';
import { modelRun } from './analyses.js';
import type { InputFlags } from './inputOptions.js';
import { writeResult } from './output.js';
import { writeDirectory } from './outputDir.js';
import { DEFAULT_PROFILE } from '../profiles/defaultProfile.js';
import { prepare } from './prepare.js';
import { note, warn } from './terminal.js';

export interface ManifestsFlags extends InputFlags {
  out?: string;
  mtls: MtlsMode;
  dryRun?: boolean;
  istioVersion?: string;
}

export async function manifestsCommand(flags: ManifestsFlags): Promise<void> {
  // a bad version fails before the inventory is read; the default target is the default profile's release
  const istioVersion = parseIstioVersion(flags.istioVersion ?? releaseOfProfile(DEFAULT_PROFILE));
  const run = await prepare(flags);
  // the same run as the estimate's, --set what-ifs included: the manifests deploy what was priced
  const { plan } = modelRun(run);
  const folders = Boolean(flags.out) && !flags.dryRun;
  const set = buildManifests({
    plan,
    inventory: run.inventory,
    profile: run.profile,
    options: { ...run.options, mtls: flags.mtls, istioVersion, folders },
    ...(run.istio ? { istio: run.istio } : {}),
  });
  warn([...plan.report.warnings, ...set.warnings]);
  if (flags.dryRun) return writeResult(renderDryRun(set));
  if (!flags.out) return writeResult(renderStream(set));

  const files = renderDirectory(set);
  await writeDirectory(flags.out, files, (line) => line.startsWith(`# ${GENERATED_BY}`), 'README.md');
  note(
    [
      `wrote ${files.length} files to ${flags.out}. Apply each cluster's steps in order, from its folder, running each README's check before the next step:`,
      ...set.clusters.map((c) => `  ${flags.out}/${c.cluster}: ${c.steps.map((g) => g.step).join(' → ')}`),
    ].join('\n'),
  );
}

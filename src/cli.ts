/**
 * The command line: flags only. Each command lazy-imports its module, so `--help`
 * and `--version` load commander and nothing else. One error boundary maps typed
 * errors to exit codes (src/errors.ts); commands return, they never call process.exit.
 */
import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { addInputOptions } from './cli/inputOptions.js';
import { addNewRelicOptions } from './cli/newrelicOptions.js';
import { redact } from './errors.js';
import { DEFAULT_STATISTIC, STATISTICS } from './profiles/fit/statistic.js';
import { DIFF_FORMATS } from './report/diff/index.js';
import { MTLS_MODES } from './manifests/types.js';
import { FORMATS, GROUP_BYS } from './report/index.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const program = new Command('mesh-cost')
  .description('What your Istio mesh costs as sidecars, and what it would cost as ambient (ztunnel + waypoints).')
  .version(version, '-V, --version')
  .option('--debug', 'print stack traces and internal detail on stderr (secrets stay redacted)')
  .exitOverride()
  // Bad usage is one line like every other error (no help dump after it); commander
  // echoes bad flag values, and a pasted key is one of them, so it is redacted too.
  .configureOutput({ outputError: (text, write) => write(redact(`mesh-cost: ${text.replace(/^error: /, '')}`)) });

addInputOptions(
  program
    .command('estimate')
    .description('price the mesh both ways and print the comparison (runs the bundled example when no inventory is given)'),
)
  .addOption(new Option('--group-by <key>', 'breakdown by').choices(GROUP_BYS).default('environment'))
  .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
  .option('-o, --output <file>', 'write the result to FILE (atomically) instead of stdout')
  .option('--budget <amount>', 'exit 1 when the ambient monthly total exceeds AMOUNT')
  .option('--min-savings <pct>', 'exit 1 when ambient saves less than PCT percent of the sidecar cost')
  .option('--baseline <report.json>', 'a previous `-f json` report to compare the ambient total with')
  .option('--max-increase <amount|pct>', 'exit 1 when the ambient total grew by more than AMOUNT or PCT% over the baseline (default 0)')
  .option('--sensitivity [delta]', 'add the tornado: every input re-run at ±delta (default 0.25), with break-evens')
  .option('--pack-target <fraction>', "how full packing may fill a node's allocatable, for the nodes freed (default 1)")
  .action(async (opts) => (await import('./cli/estimate.js')).estimateCommand(opts));

addInputOptions(
  program
    .command('manifests')
    .description('write the ambient migration manifests, sized by the same plan as the estimate (a YAML stream on stdout)'),
)
  .option('--out <dir>', 'write a kustomize directory instead (one folder per cluster when there are several)')
  .addOption(new Option('--mtls <mode>', 'strict adds a mesh-wide STRICT PeerAuthentication').choices(MTLS_MODES).default('permissive'))
  .option('--dry-run', 'list what would be created, per cluster and namespace, instead of writing YAML')
  .action(async (opts) => (await import('./cli/manifests.js')).manifestsCommand(opts));

program
  .command('diff <old> <new>')
  .description('compare two `estimate -f json` reports: old → new, change and change in percent')
  .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('table'))
  .option('-o, --output <file>', 'write the result to FILE (atomically) instead of stdout')
  .action(async (oldFile: string, newFile: string, opts) => (await import('./cli/diff.js')).diffCommand(oldFile, newFile, opts));

const profiles = program.command('profiles').description('list or show the built-in proxy profiles and price sheets, or fit one to observed usage');
profiles
  .command('list', { isDefault: true })
  .description('list the built-in proxy profiles and price sheets')
  .action(async () => (await import('./cli/profiles.js')).listProfiles());
profiles
  .command('show <name>')
  .description('print a built-in profile or price sheet (a name or a path)')
  .action(async (name: string) => (await import('./cli/profiles.js')).showProfile(name));
profiles
  .command('fit')
  .description('derive an observed proxy profile from usage samples (usage.csv)')
  .requiredOption('--usage <file>', 'usage.csv: cluster, namespace, pod, proxy, cpu, memory, rps?, timestamp?')
  .addOption(new Option('--stat <statistic>', 'statistic of the samples').choices(STATISTICS).default(DEFAULT_STATISTIC))
  .option('--base-profile <name|file>', 'profile that gives requests, waypoint scaling, istio-cni and control plane (default istio-1.24)')
  .option('-o, --output <file>', 'write the profile to FILE (atomically) instead of stdout')
  .action(async (opts) => (await import('./cli/profilesFit.js')).fitProfileCommand(opts));

addNewRelicOptions(
  program
    .command('newrelic')
    .description('New Relic (NerdGraph) tools')
    .command('export')
    .description('snapshot New Relic data as nodes.csv, workloads.csv, pods.csv and the observed profile, for offline runs'),
)
  .requiredOption('--out <dir>', 'the directory to write the snapshot to')
  .option('--workloads <file>', 'workloads.csv adding waypoint, canary, bytes per request and rps to what New Relic finds')
  .option('--base-profile <name|file>', 'the profile whose requests, waypoint scaling and control plane the observed profile keeps (default istio-1.24)')
  .action(async (opts) => (await import('./cli/newrelic.js')).exportCommand(opts));

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    // --help and --version end here too (exitOverride): nothing to report, nothing more to load
    if (error instanceof CommanderError && error.exitCode === 0) return;
    const { reportError } = await import('./cli/reportError.js');
    process.exitCode = reportError(error, Boolean(program.opts().debug));
  }
}

await main();

/**
 * The command line: flags only. Each command lazy-imports its module, so `--help`
 * and `--version` load commander and nothing else. One error boundary maps typed
 * errors to exit codes (src/errors.ts); commands return, they never call process.exit.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { addInputOptions } from './cli/inputOptions.js';
import { addNewRelicOptions } from './cli/newrelicOptions.js';
import { addPrometheusOptions } from './cli/prometheusOptions.js';
import { redact } from './errors.js';
import { DEFAULT_PROFILE } from './profiles/defaultProfile.js';
import { DEFAULT_STATISTIC, STATISTICS } from './profiles/fit/statistic.js';
import { DIFF_FORMATS } from './report/diff/index.js';
import { MTLS_MODES } from './manifests/types.js';
import { CSV_TABLES } from './report/csvTables.js';
import { SCOPES } from './model/types.js';
import { FORMATS, GROUP_BYS } from './report/index.js';
import { SHELLS, type Shell } from './cli/shells.js';
import { TOOL } from './version.js';


const program = new Command('mesh-cost')
  .description('What your Istio mesh costs as sidecars, and what it would cost as ambient (ztunnel + waypoints).')
  .version(TOOL.version, '-V, --version')
  .option('--debug', 'print stack traces and internal detail on stderr (secrets stay redacted)')
  .exitOverride()
  // Bad usage is one line like every other error (no help dump after it); commander
  // echoes bad flag values, and a pasted key is one of them, so it is redacted too.
  .configureOutput({ outputError: (text, write) => write(redact(`mesh-cost: ${text.replace(/^error: /, '')}`)) })
  .hook('preAction', async () => {
    if (program.opts().debug) (await import('./cli/terminal.js')).enableDebug();
  });

addInputOptions(
  program
    .command('estimate')
    .description('price the mesh both ways and print the comparison (runs the bundled example when no inventory is given)'),
)
  .addOption(new Option('--group-by <key>', 'breakdown by').choices(GROUP_BYS).default('environment'))
  .addOption(new Option('-f, --format <format>', 'output format (default: from the -o file\'s extension, else table)').choices(FORMATS))
  .addOption(new Option('--table <name>', 'with -f csv: the flat table to write (default line-items)').choices(CSV_TABLES))
  .option('-o, --output <file>', 'write the result to FILE (atomically) instead of stdout; .json .csv .md .html choose the format')
  .option('--budget <amount>', 'exit 1 when the ambient monthly total exceeds AMOUNT')
  .option('--min-savings <pct>', 'exit 1 when ambient saves less than PCT percent of the sidecar cost')
  .option('--baseline <report.json>', 'a previous `-f json` report to compare the ambient total with')
  .option('--max-increase <amount|pct>', 'exit 1 when the ambient total grew by more than AMOUNT or PCT% over the baseline (default 0)')
  .option('--sensitivity [delta]', 'add the tornado: every input re-run at ±delta (default 0.25), with break-evens')
  .option('--pack-target <fraction>', "how full packing may fill a node's allocatable, for the nodes freed (default 1)")
  .addHelpText('after', examples(
    ['mesh-cost estimate --nodes nodes.csv --workloads workloads.csv', 'price your inventory, a table on the terminal'],
    ['mesh-cost estimate --example olx-india -o report.html', 'the bundled reference case as a page to open in a browser'],
    ['mesh-cost estimate --example olx-india -f markdown --budget 700 --min-savings 50', 'a pull-request comment, exit 1 on a broken budget'],
  ))
  .action(async (opts) => (await import('./cli/estimate.js')).estimateCommand(opts));

addInputOptions(
  program
    .command('manifests')
    .description('write the ambient migration, staged in Istio\'s own order and sized by the same plan as the estimate (a YAML stream on stdout)'),
)
  .option('--out <dir>', 'write one folder per cluster and in it one per step, each with a README (what to check before the next)')
  .option('--istio-version <x.y>', "the Istio release the migration targets (default: the default profile's)")
  .addOption(new Option('--mtls <mode>', 'strict adds a mesh-wide STRICT PeerAuthentication').choices(MTLS_MODES).default('permissive'))
  .option('--dry-run', 'list what would be created, per cluster and namespace, instead of writing YAML')
  .addHelpText('after', examples(
    ['mesh-cost manifests --example olx-india --dry-run', 'what would be created, per cluster and namespace'],
    ['mesh-cost manifests --example olx-india --out ambient/', 'a kustomize directory to review and apply'],
  ))
  .action(async (opts) => (await import('./cli/manifests.js')).manifestsCommand(opts));

program
  .command('diff <old> <new>')
  .description('compare two `estimate -f json` reports: old → new, change and change in percent')
  .addOption(new Option('-f, --format <format>', "output format (default: from the -o file's extension, else table)").choices(DIFF_FORMATS))
  .option('-o, --output <file>', 'write the result to FILE (atomically) instead of stdout; .json .md choose the format')
  .addHelpText('after', examples(
    ['mesh-cost diff baseline.json report.json', 'what changed, in total, per component and per namespace'],
    ['mesh-cost diff baseline.json report.json -f markdown', 'the same as a pull-request comment'],
  ))
  .action(async (oldFile: string, newFile: string, opts) => (await import('./cli/diff.js')).diffCommand(oldFile, newFile, opts));

const profiles = program.command('profiles').description('list or show the built-in proxy profiles and price sheets, or fit one to observed usage');
profiles
  .command('list', { isDefault: true })
  .description('list the built-in proxy profiles and price sheets')
  .addHelpText('after', examples(['mesh-cost profiles list', 'the built-in profiles and price sheets, with their sources']))
  .action(async () => (await import('./cli/profiles.js')).listProfiles());
profiles
  .command('show <name>')
  .description('print a built-in profile or price sheet (a name or a path)')
  .addHelpText('after', examples(
    ['mesh-cost profiles show istio-1.24', 'a proxy profile, every figure with its source'],
    ['mesh-cost profiles show opencost-default', 'a price sheet'],
  ))
  .action(async (name: string) => (await import('./cli/profiles.js')).showProfile(name));
profiles
  .command('fit')
  .description('derive an observed proxy profile from usage samples (usage.csv)')
  .requiredOption('--usage <file>', 'usage.csv: cluster, namespace, pod, proxy, cpu, memory, rps?, timestamp?')
  .addOption(new Option('--stat <statistic>', 'statistic of the samples').choices(STATISTICS).default(DEFAULT_STATISTIC))
  .option('--base-profile <name|file>', `profile that gives requests, waypoint scaling, istio-cni and control plane (default ${DEFAULT_PROFILE})`)
  .option('-o, --output <file>', 'write the profile to FILE (atomically) instead of stdout')
  .addHelpText('after', examples(
    ['mesh-cost profiles fit --usage fixtures/usage-sample/usage.csv', 'an observed profile from usage samples'],
    ['mesh-cost profiles fit --usage fixtures/usage-sample/usage.csv --stat p95 -o observed.yaml', 'sized at the 95th percentile, written to a file'],
  ))
  .action(async (opts) => (await import('./cli/profilesFit.js')).fitProfileCommand(opts));

addSnapshotOptions(addNewRelicOptions(
  program
    .command('newrelic')
    .description('New Relic (NerdGraph) tools')
    .command('export')
    .description('snapshot New Relic data as nodes.csv, workloads.csv, pods.csv and the observed profile, for offline runs'),
))
  .option('--workloads <file>', 'workloads.csv adding waypoint, canary, bytes per request and rps to what New Relic finds')
  .addHelpText('after', examples(
    ['NEW_RELIC_API_KEY=… mesh-cost newrelic export --nr-account 1234567 --out snapshot/', 'nodes, workloads, pods and the observed profile as files'],
    ["NEW_RELIC_API_KEY=… mesh-cost newrelic export --nr-account 1234567 --since '7 days ago' --out snapshot/", 'a shorter window'],
  ))
  .action(async (opts) => (await import('./cli/newrelic.js')).exportCommand(opts));

addSnapshotOptions(addPrometheusOptions(
  program
    .command('prometheus')
    .description('Prometheus tools')
    .command('export')
    .description('snapshot Prometheus data as nodes.csv, workloads.csv, pods.csv and the observed profile, for offline runs'),
))
  .requiredOption('--prometheus <url>', 'the Prometheus API base URL (Thanos, Mimir: with their path prefix)')
  .option('--since <when>', 'the window traffic and usage are averaged over: 7d, 36h, 90m, or an ISO date (default 7d)')
  .option('--clusters <names>', 'only these clusters (comma-separated values of the cluster label)')
  .option('--cluster <name>', 'the name of the only cluster of a single-cluster Prometheus')
  .option('--environment <name>', 'the environment of that cluster (default: the cluster name)')
  .option('--workloads <file>', 'workloads.csv adding waypoint and canary flags, and rps or bytes per request where Istio measured none')
  .addHelpText('after', examples(
    ['mesh-cost prometheus export --prometheus http://prometheus.monitoring:9090 --out snapshot/', 'nodes, workloads, pods and the observed profile as files'],
    ["mesh-cost prometheus export --prometheus http://prometheus.monitoring:9090 --cluster prod --since 24h --out snapshot/", 'a single-cluster Prometheus, the last day'],
  ))
  .action(async (opts) => (await import('./cli/prometheus.js')).exportCommand(opts));

program
  .command('completion')
  .description('print a shell completion script for bash, zsh or fish')
  .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
  .addHelpText('after', examples(
    ['source <(mesh-cost completion bash)', 'completion in this bash session (add it to ~/.bashrc to keep it)'],
    ['mesh-cost completion fish > ~/.config/fish/completions/mesh-cost.fish', 'completion for fish'],
  ))
  .action(async (shell: Shell) => (await import('./cli/completion.js')).completionCommand(program, shell));

program.addHelpText('after', examples(
  ['mesh-cost estimate', 'the bundled reference case (OLX India), priced both ways'],
  ['mesh-cost estimate --nodes nodes.csv --workloads workloads.csv -o report.html', 'your inventory, as a page'],
  ['mesh-cost manifests --example olx-india --dry-run', 'what the migration would create'],
));

/** What both export commands take besides their source's flags: where to write, the base profile, the scope. */
function addSnapshotOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--out <dir>', 'the directory to write the snapshot to')
    .option('--base-profile <name|file>', `the profile whose requests, waypoint scaling and control plane the observed profile keeps (default ${DEFAULT_PROFILE})`)
    .addOption(new Option('--scope <scope>', 'which workloads the snapshot holds: what the source shows meshed today, or every namespace (default auto, as estimate reads it)').choices(SCOPES));
}

/** The "Examples:" block that ends a command's --help: each command line, then what it does. */
function examples(...lines: [command: string, what: string][]): string {
  return `\nExamples:\n${lines.map(([command, what]) => `  $ ${command}\n      ${what}`).join('\n')}\n`;
}

async function main(): Promise<void> {
  // a reader that closed the pipe early (`mesh-cost estimate --help | head`) has what it wanted: stop quietly
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
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

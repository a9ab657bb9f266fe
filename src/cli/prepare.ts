/**
 * Everything `estimate` and `manifests` do before the model: merge flags over the
 * config (or the bundled example), load the profile and prices, read the inventory.
 * Returns data; prints only notes on stderr.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { InputError } from '../errors.js';
import { inputName } from '../inventory/csv/table.js';
import { readers } from '../inventory/index.js';
import { Warnings, type Inventory, type Warning } from '../inventory/types.js';
import { DEFAULT_EXCLUDED_NAMESPACES, type ModelOptions } from '../model/types.js';
import { packageRoot } from '../packageRoot.js';
import { loadProfile, readPriceSheet } from '../profiles/load.js';
import { DEFAULT_STATISTIC } from '../profiles/fit/statistic.js';
import { DEFAULT_PROFILE } from '../profiles/defaultProfile.js';
import { applyOverrides, DEFAULT_SCALES, type Override, type Scales } from '../profiles/overrides.js';
import type { PriceSheet, ProxyProfile } from '../profiles/schema.js';
import type { IstioFindings } from '../istio/index.js';
import { checkFlagSources } from './flagSources.js';
import type { InputFlags } from './inputOptions.js';
import { progressOnStderr } from './progress.js';
import { note } from './terminal.js';

const DEFAULT_EXAMPLE = 'olx-india';
const DEFAULT_PRICES = 'opencost-default';

export interface Prepared {
  inventory: Inventory;
  profile: ProxyProfile;
  prices: PriceSheet;
  options: ModelOptions;
  /** the sensitivity's multipliers, as --set left them */
  scales: Scales;
  /** what --set changed, for the report */
  overrides: Override[];
  warnings: Warning[];
  config?: Config;
  /** what --istio-config says; its waypoints are already laid over the inventory */
  istio?: IstioFindings;
}

/**
 * The defaults plus every namespace named (flags and config add up: naming one never
 * drops kube-system); --no-default-excludes (or `defaultExcludes: false`) drops the defaults.
 */
function excludedNamespaces(flags: InputFlags, config: Config | undefined): string[] {
  // commander sets defaultExcludes true unless --no-default-excludes is given
  const defaults = flags.defaultExcludes === false ? false : (config?.defaultExcludes ?? true);
  const named = [...(config?.excludeNamespaces ?? []), ...(flags.excludeNamespace ?? [])];
  return [...new Set([...(defaults ? DEFAULT_EXCLUDED_NAMESPACES : []), ...named])];
}

function exampleNames(): string[] {
  const dir = join(packageRoot(), 'fixtures');
  return readdirSync(dir).filter((d) => existsSync(join(dir, d, 'mesh-cost.yaml'))).sort();
}

function exampleConfigFile(name: string): string {
  const file = join(packageRoot(), 'fixtures', name, 'mesh-cost.yaml');
  if (!existsSync(file)) throw new InputError(`unknown example "${name}": expected one of ${exampleNames().join(', ')}`);
  return file;
}

function hasInputFlags(flags: InputFlags): boolean {
  return Boolean(flags.nodes || flags.workloads || flags.pods || flags.kube?.length || flags.newrelic || flags.prometheus);
}

export async function prepare(flags: InputFlags): Promise<Prepared> {
  if (flags.example && flags.config) throw new InputError('--example and --config both name a configuration: pass one of them');
  let configFile = flags.config;
  if (flags.example) configFile = exampleConfigFile(flags.example);
  else if (!configFile && !hasInputFlags(flags)) {
    configFile = exampleConfigFile(DEFAULT_EXAMPLE);
    note(`no inventory given: running the bundled example "${DEFAULT_EXAMPLE}" (fixtures/${DEFAULT_EXAMPLE}). Pass --nodes/--workloads/--pods or --kube to estimate your own.`);
  }
  const config = configFile ? await loadConfig(configFile) : undefined;

  // flags override the file, one input at a time
  const inputs = { ...config?.inputs };
  for (const key of ['nodes', 'workloads', 'pods'] as const) if (flags[key]) inputs[key] = flags[key];
  // --kube on the command line replaces the file's nodes and pods, and --nodes/--pods its kube
  if (flags.kube?.length) {
    inputs.kube = flags.kube;
    if (!flags.nodes) delete inputs.nodes;
    if (!flags.pods) delete inputs.pods;
  } else if (flags.nodes || flags.pods) delete inputs.kube;

  const usageFile = flags.proxyUsage ?? inputs.proxyUsage;
  // stdin can be read once: `-` may stand for one input only
  const piped = [
    ...(['nodes', 'workloads', 'pods'] as const).filter((k) => inputs[k] === '-').map((k) => `--${k} -`),
    ...(inputs.kube ?? []).filter((f) => f === '-').map(() => '--kube -'),
    ...(usageFile === '-' ? ['--proxy-usage -'] : []),
    ...(flags.istioConfig === '-' ? ['--istio-config -'] : []),
  ];
  if (piped.length > 1) throw new InputError(`expected at most one input read from stdin ("-"), found ${piped.join(' and ')}`);
  if (flags.stat && !usageFile) throw new InputError('--stat is the statistic of observed usage: pass --proxy-usage FILE with it');
  const warnings = new Warnings();
  checkFlagSources(flags, inputs.kube);
  const [baseProfile, loadedPrices] = await Promise.all([
    loadProfile(flags.profile ?? config?.profile ?? DEFAULT_PROFILE),
    readPriceSheet(flags.prices ?? config?.prices ?? DEFAULT_PRICES, warnings),
  ]);
  // a misspelt what-if fails before the inventory is read (a New Relic read can take minutes)
  applyOverrides({ profile: baseProfile, prices: loadedPrices, scales: DEFAULT_SCALES }, flags.set ?? []);

  // one progress line over the whole read, whatever the source: CSV rows, kubectl pods, New Relic queries
  const progress = progressOnStderr();
  const ctx = { warnings, progress: progress.report };
  let inventory: Inventory;
  let profile = baseProfile;
  try {
    if (flags.prometheus) {
      ({ inventory, profile } = await (await import('./prometheus.js')).fromPrometheus(flags, inputs.workloads, baseProfile, ctx));
    } else if (flags.newrelic) {
      ({ inventory, profile } = await (await import('./newrelic.js')).fromNewRelic(flags, inputs.workloads, baseProfile, ctx));
    } else if (!inputs.nodes && !inputs.workloads && !inputs.pods && !inputs.kube?.length) {
      throw new InputError('no inventory: pass --nodes FILE with --workloads FILE and/or --pods FILE, --kube FILE, or --example NAME');
    } else if (inputs.kube?.length) {
      if (inputs.nodes || inputs.pods) throw new InputError('--kube reads nodes and pods from the cluster: drop --nodes/--pods (--workloads still adds traffic)');
      const kube = await readers.kube();
      inventory = await kube.read({ files: inputs.kube, workloads: inputs.workloads, cluster: flags.cluster ?? inputs.cluster, environment: flags.environment ?? inputs.environment }, ctx);
    } else {
      const csv = await readers.csv();
      inventory = await csv.read({ nodes: inputs.nodes, workloads: inputs.workloads, pods: inputs.pods }, ctx);
    }
    if (usageFile) {
      // the observed usage replaces the profile's; the profile still gives requests, scaling, control plane
      const { fitUsageFile } = await import('./usageFile.js');
      profile = (await fitUsageFile(usageFile, { statistic: flags.stat ?? DEFAULT_STATISTIC, base: baseProfile }, ctx)).profile;
      inventory.sources.push(usageFile);
    }
  } finally {
    progress.end();
  }
  let istio: IstioFindings | undefined;
  if (flags.istioConfig) {
    // before the model: the waypoints it finds are priced and deployed like hand-set ones
    const { readIstioConfig } = await import('./istioConfig.js');
    const { overlayWaypoints } = await import('../istio/index.js');
    istio = await readIstioConfig(flags.istioConfig, inventory, flags.cluster);
    inventory = overlayWaypoints(inventory, istio);
    inventory.sources.push(inputName(flags.istioConfig));
  }
  // applied to the profile the run uses, observed usage included: a what-if wins over what was fitted
  const whatIf = applyOverrides({ profile, prices: loadedPrices, scales: DEFAULT_SCALES }, flags.set ?? []);
  profile = whatIf.run.profile;
  const { prices, scales } = whatIf.run;

  const options: ModelOptions = {
    basis: flags.basis ?? config?.basis ?? 'max',
    locality: flags.locality ?? config?.locality ?? 'preferClose',
    excludedNamespaces: excludedNamespaces(flags, config),
    scope: flags.scope ?? config?.scope ?? 'auto',
  };
  return { inventory, profile, prices, options, scales, overrides: whatIf.overrides, warnings: warnings.list(), ...(config ? { config } : {}), ...(istio ? { istio } : {}) };
}


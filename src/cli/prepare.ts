/**
 * Everything `estimate` and `manifests` do before the model: merge flags over the
 * config (or the bundled example), load the profile and prices, read the inventory.
 * Returns data; prints only notes on stderr.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { InputError } from '../errors.js';
import { readers } from '../inventory/index.js';
import { Warnings, type Inventory, type Warning } from '../inventory/types.js';
import { DEFAULT_EXCLUDED_NAMESPACES, type ModelOptions } from '../model/types.js';
import { packageRoot } from '../packageRoot.js';
import { loadPriceSheet, loadProfile } from '../profiles/load.js';
import type { PriceSheet, ProxyProfile } from '../profiles/schema.js';
import type { InputFlags } from './inputOptions.js';
import { note } from './terminal.js';

export const DEFAULT_EXAMPLE = 'olx-india';
export const DEFAULT_PROFILE = 'istio-1.24';
export const DEFAULT_PRICES = 'opencost-default';

export interface Prepared {
  inventory: Inventory;
  profile: ProxyProfile;
  prices: PriceSheet;
  options: ModelOptions;
  warnings: Warning[];
  config?: Config;
}

export function exampleNames(): string[] {
  const dir = join(packageRoot(), 'fixtures');
  return readdirSync(dir).filter((d) => existsSync(join(dir, d, 'mesh-cost.yaml'))).sort();
}

function exampleConfigFile(name: string): string {
  const file = join(packageRoot(), 'fixtures', name, 'mesh-cost.yaml');
  if (!existsSync(file)) throw new InputError(`unknown example "${name}": expected one of ${exampleNames().join(', ')}`);
  return file;
}

function hasInputFlags(flags: InputFlags): boolean {
  return Boolean(flags.nodes || flags.workloads || flags.pods || flags.newrelic);
}

export async function prepare(flags: InputFlags): Promise<Prepared> {
  if (flags.example && flags.config) throw new InputError('--example and --config both name a configuration: pass one of them');
  let configFile = flags.config;
  if (flags.example) configFile = exampleConfigFile(flags.example);
  else if (!configFile && !hasInputFlags(flags)) {
    configFile = exampleConfigFile(DEFAULT_EXAMPLE);
    note(`no inventory given: running the bundled example "${DEFAULT_EXAMPLE}" (fixtures/${DEFAULT_EXAMPLE}). Pass --nodes/--workloads/--pods to estimate your own.`);
  }
  const config = configFile ? await loadConfig(configFile) : undefined;

  // flags override the file, one input at a time
  const inputs = { ...config?.inputs };
  for (const key of ['nodes', 'workloads', 'pods'] as const) if (flags[key]) inputs[key] = flags[key];

  const [profile, prices] = await Promise.all([
    loadProfile(flags.profile ?? config?.profile ?? DEFAULT_PROFILE),
    loadPriceSheet(flags.prices ?? config?.prices ?? DEFAULT_PRICES),
  ]);

  const warnings = new Warnings();
  const ctx = { warnings };
  let inventory: Inventory;
  let runProfile = profile;
  if (flags.newrelic) {
    ({ inventory, profile: runProfile } = await (await import('./newrelic.js')).fromNewRelic(flags, inputs.workloads, profile, ctx));
  } else {
    if (!inputs.nodes && !inputs.workloads && !inputs.pods) {
      throw new InputError('no inventory: pass --nodes FILE with --workloads FILE and/or --pods FILE, or --example NAME');
    }
    const csv = await readers.csv();
    inventory = await csv.read({ nodes: inputs.nodes, workloads: inputs.workloads, pods: inputs.pods }, ctx);
  }

  const options: ModelOptions = {
    basis: flags.basis ?? (config?.basis as ModelOptions['basis'] | undefined) ?? 'max',
    locality: flags.locality ?? (config?.locality as ModelOptions['locality'] | undefined) ?? 'preferClose',
    excludedNamespaces: flags.excludeNamespace ?? config?.excludeNamespaces ?? DEFAULT_EXCLUDED_NAMESPACES,
  };
  return { inventory, profile: runProfile, prices, options, warnings: warnings.list(), ...(config ? { config } : {}) };
}

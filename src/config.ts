/**
 * `mesh-cost.yaml` (DESIGN section 2, "Config"): everything a run needs, so that a
 * CI job or a bundled example is one file. Paths are relative to the config file.
 * Flags override the file.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { AMOUNT_OR_PERCENT } from './budget/limits.js';
import { BASES, LOCALITIES, SCOPES } from './model/types.js';
import { looksLikePath } from './profiles/load.js';
import { parseYamlFile, readText } from './yamlFile.js';

const amountOrPercent = z.union([z.number().nonnegative(), z.string().regex(AMOUNT_OR_PERCENT, 'expected an amount (250) or a percentage (5%)')]);

const configSchema = z.strictObject({
  version: z.literal(1),
  inputs: z
    .strictObject({
      nodes: z.string().optional(),
      workloads: z.string().optional(),
      pods: z.string().optional(),
      kube: z.array(z.string()).optional(),
      /** the cluster and environment a kube inventory describes (kubectl dumps do not say) */
      cluster: z.string().min(1).optional(),
      environment: z.string().min(1).optional(),
      proxyUsage: z.string().optional(),
    })
    .default({}),
  profile: z.string().optional(),
  prices: z.string().optional(),
  basis: z.enum(BASES).optional(),
  locality: z.enum(LOCALITIES).optional(),
  /** added to the default exclusions (kube-system, kube-public, kube-node-lease, istio-system) */
  excludeNamespaces: z.array(z.string()).optional(),
  /** false prices the default-excluded namespaces too */
  defaultExcludes: z.boolean().optional(),
  scope: z.enum(SCOPES).optional(),
  budgets: z
    .strictObject({
      budget: z.number().nonnegative().optional(),
      minSavings: z.number().optional(),
      baseline: z.string().optional(),
      maxIncrease: amountOrPercent.optional(),
    })
    .optional(),
});

export type Config = z.output<typeof configSchema>;

/**
 * Loads a config file and resolves its paths against the file's folder. `join`, not
 * `resolve`: a path stays as short as the user's own, so messages name `inventory/nodes.csv`.
 */
export async function loadConfig(file: string): Promise<Config> {
  const config = parseYamlFile(file, await readText(file, 'a mesh-cost.yaml config file'), configSchema, 'config');
  const dir = dirname(file);
  const abs = (p: string | undefined) => (p === undefined || p === '-' || isAbsolute(p) ? p : join(dir, p));
  const { inputs } = config;
  for (const key of ['nodes', 'workloads', 'pods', 'proxyUsage'] as const) {
    if (inputs[key] !== undefined) inputs[key] = abs(inputs[key]);
  }
  if (inputs.kube) inputs.kube = inputs.kube.map((p) => abs(p)!);
  for (const key of ['profile', 'prices'] as const) {
    const v = config[key];
    // a built-in name stays a name; a path is resolved against the config's folder
    if (v !== undefined && looksLikePath(v)) config[key] = abs(v);
  }
  if (config.budgets?.baseline) config.budgets.baseline = abs(config.budgets.baseline);
  return config;
}

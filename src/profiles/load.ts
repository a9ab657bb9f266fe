/**
 * Built-in and user-supplied profiles and price sheets. A value is a built-in name
 * (`istio-1.30`) or a path to a file; anything else is an error listing the names. A
 * price file is a mesh-cost PriceSheet or one of OpenCost's own forms (opencostPrices.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { basename, extname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { Warnings } from '../inventory/types.js';
import { packageRoot } from '../packageRoot.js';
import { parseYamlFile, readText } from '../yamlFile.js';
import { defaultJsonSchema, embeddedConfigMapSchema, openCostForm, pricingConfigsSchema, toPriceSheet, USED_KEYS } from './opencostPrices.js';
import { priceSheetSchema, proxyProfileSchema, type PriceSheet, type ProxyProfile } from './schema.js';

export type Catalog = 'proxies' | 'prices';

function builtinDir(catalog: Catalog): string {
  return join(packageRoot(), 'profiles', catalog);
}

export function builtinNames(catalog: Catalog): string[] {
  return readdirSync(builtinDir(catalog))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

/** A value with a path separator or a YAML (or OpenCost's JSON) extension is a file; anything else a built-in name. */
export function looksLikePath(value: string): boolean {
  return /[/\\]/.test(value) || /\.(ya?ml|json)$/i.test(value);
}

/** A built-in's file, or the path itself when it looks like one. */
export function resolveProfileFile(catalog: Catalog, nameOrPath: string): string {
  if (looksLikePath(nameOrPath)) return nameOrPath;
  const file = join(builtinDir(catalog), `${nameOrPath}.yaml`);
  if (existsSync(file)) return file;
  if (existsSync(nameOrPath)) return nameOrPath;
  const kind = catalog === 'proxies' ? 'proxy profile' : 'price sheet';
  const what = catalog === 'proxies' ? 'a YAML file' : "a YAML file (or OpenCost's default.json or pricing-configs ConfigMap)";
  throw new InputError(`unknown ${kind} "${nameOrPath}": expected one of ${builtinNames(catalog).join(', ')} or a path to ${what}`);
}

/** Reads the file once: its text as written (its comments cite the sources) and what it parses to. */
async function readValidated<S extends z.ZodType>(catalog: Catalog, nameOrPath: string, schema: S, kind: string) {
  const file = resolveProfileFile(catalog, nameOrPath);
  const text = await readText(file, `a ${kind} YAML file`);
  return { text, value: parseYamlFile(file, text, schema, kind) };
}

export async function loadProfile(nameOrPath: string): Promise<ProxyProfile> {
  return (await readValidated('proxies', nameOrPath, proxyProfileSchema, 'ProxyProfile')).value;
}

/** A price sheet; OpenCost's files are converted (see readPriceSheet for the note on what they hold besides). */
export async function loadPriceSheet(nameOrPath: string): Promise<PriceSheet> {
  return (await readPriceFile(nameOrPath)).value;
}

/**
 * loadPriceSheet, with the OpenCost keys that price nothing a mesh runs (GPU, storage,
 * regionNetworkEgress…) noted as a warning, so the user sees what was read past.
 */
export async function readPriceSheet(nameOrPath: string, warnings: Warnings): Promise<PriceSheet> {
  return (await readPriceFile(nameOrPath, warnings)).value;
}

async function readPriceFile(nameOrPath: string, warnings?: Warnings): Promise<{ text: string; value: PriceSheet }> {
  const file = resolveProfileFile('prices', nameOrPath);
  const text = await readText(file, 'a PriceSheet YAML file or an OpenCost pricing file');
  const doc = parseYamlFile(file, text, z.unknown(), 'PriceSheet');
  const found = openCostForm(doc);
  if (!found) return { text, value: parseYamlFile(file, text, priceSheetSchema, 'PriceSheet') };
  const name = basename(file, extname(file));
  let prices;
  if (found.form === 'default.json') prices = parseYamlFile(file, text, defaultJsonSchema, 'OpenCost default.json');
  else if (found.form === 'pricing-configs') prices = parseYamlFile(file, text, pricingConfigsSchema, 'OpenCost pricing-configs ConfigMap').data;
  else prices = parseYamlFile(file, text, embeddedConfigMapSchema(found.key!), `OpenCost ConfigMap (${found.key})`).data[found.key!]!;
  const { sheet, ignored } = toPriceSheet(prices, { name, source: file, monthly: found.form === 'pricing-configs' });
  if (ignored.length > 0) {
    warnings?.add(
      'prices-opencost-ignored',
      `${file}: {count} OpenCost {key prices|keys price} nothing a mesh runs and {was|were} ignored (the mesh is priced by ${USED_KEYS.join(', ')})`,
      ignored.join(', '),
      ignored.length,
    );
  }
  return { text, value: sheet };
}

/** The validated file's text, for `profiles show`. */
export async function validatedText(catalog: Catalog, nameOrPath: string): Promise<string> {
  const read = catalog === 'proxies' ? readValidated(catalog, nameOrPath, proxyProfileSchema, 'ProxyProfile') : readPriceFile(nameOrPath);
  return (await read).text;
}

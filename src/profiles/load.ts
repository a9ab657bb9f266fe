/**
 * Built-in and user-supplied profiles and price sheets. A value is a built-in name
 * (`istio-1.30`) or a path to a YAML file; anything else is an error listing the names.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { z } from 'zod';
import { basename, join } from 'node:path';
import { InputError } from '../errors.js';
import { packageRoot } from '../packageRoot.js';
import { parseYamlFile, readText } from '../yamlFile.js';
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

/** A value with a path separator or a YAML extension is a file; anything else a built-in name. */
export function looksLikePath(value: string): boolean {
  return /[/\\]/.test(value) || /\.ya?ml$/i.test(value);
}

/** A built-in's file, or the path itself when it looks like one. */
export function resolveProfileFile(catalog: Catalog, nameOrPath: string): string {
  if (looksLikePath(nameOrPath)) return nameOrPath;
  const file = join(builtinDir(catalog), `${nameOrPath}.yaml`);
  if (existsSync(file)) return file;
  if (existsSync(nameOrPath)) return nameOrPath;
  const kind = catalog === 'proxies' ? 'proxy profile' : 'price sheet';
  throw new InputError(
    `unknown ${kind} "${nameOrPath}": expected one of ${builtinNames(catalog).join(', ')} or a path to a YAML file`,
  );
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

export async function loadPriceSheet(nameOrPath: string): Promise<PriceSheet> {
  return (await readValidated('prices', nameOrPath, priceSheetSchema, 'PriceSheet')).value;
}

/** The validated file's text, for `profiles show`. */
export async function validatedText(catalog: Catalog, nameOrPath: string): Promise<string> {
  const read = catalog === 'proxies'
    ? readValidated(catalog, nameOrPath, proxyProfileSchema, 'ProxyProfile')
    : readValidated(catalog, nameOrPath, priceSheetSchema, 'PriceSheet');
  return (await read).text;
}

/**
 * What-if runs (`--set KEY=VALUE`, DESIGN section 5): one profile or price figure changed
 * for this run. Keys are dotted paths into the schemas themselves (the profile's spec,
 * `prices.` + the price sheet's spec) plus the sensitivity's own multipliers, so a field
 * added to a schema becomes settable without a list to keep in step. Every value goes
 * through the field's own schema, so `50m` and `128Mi` mean what they mean in a YAML file.
 */
import { z } from 'zod';
import { closest } from '../didYouMean.js';
import { InputError } from '../errors.js';
import { priceSheetSchema, proxyProfileSchema, type PriceSheet, type ProxyProfile } from './schema.js';

/** Multipliers the sensitivity varies; not part of any file, so they default to 1 for each run. */
export interface Scales {
  /** every node's price at once (hourly prices, instance-type prices, CPU/RAM rates) */
  nodeScale: number;
  /** every workload's rps */
  rpsScale: number;
  /** every workload's bytes per request */
  bytesScale: number;
}

export const DEFAULT_SCALES: Scales = { nodeScale: 1, rpsScale: 1, bytesScale: 1 };

const scale = z.number().finite().nonnegative();

/** The tree `--set` keys walk: the profile's spec at the top, the price sheet under `prices`. */
const settable = proxyProfileSchema.shape.spec.extend({
  prices: priceSheetSchema.shape.spec.extend({ nodeScale: scale }),
  traffic: z.strictObject({ rpsScale: scale, bytesScale: scale }),
});

/** One run's inputs as `--set` sees them. */
export interface WhatIf {
  profile: ProxyProfile;
  prices: PriceSheet;
  scales: Scales;
}

/** As the report lists it: both sides written so that `--set KEY=…` takes them back. */
export interface Override {
  key: string;
  value: string;
  was: string;
}

type Schema = z.core.$ZodType;

/** Defaults, optionals and prefaults wrap a field; the field is what they wrap. */
function unwrap(schema: Schema): Schema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: Schema };
    if ((def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'nullable') && def.innerType) s = def.innerType;
    else return s;
  }
}

function shapeOf(schema: Schema): Record<string, Schema> | undefined {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, Schema> };
  return def.type === 'object' ? def.shape : undefined;
}

/** A leaf is a single value: not an object, and not a map or list (instance types are priced through nodeScale). */
function isLeaf(schema: Schema): boolean {
  const type = (unwrap(schema)._zod.def as { type: string }).type;
  return type !== 'object' && type !== 'record' && type !== 'array';
}

function leaves(shape: Record<string, Schema>, prefix: string, out: Map<string, Schema>): Map<string, Schema> {
  for (const [name, field] of Object.entries(shape)) {
    const sub = shapeOf(field);
    if (sub) leaves(sub, `${prefix}${name}.`, out);
    else if (isLeaf(field)) out.set(`${prefix}${name}`, field);
  }
  return out;
}

const LEAVES = leaves(settable.shape as Record<string, Schema>, '', new Map());

/** Every key `--set` accepts, sorted. */
export function settableKeys(): string[] {
  return [...LEAVES.keys()].sort();
}

function leafOf(key: string, flag: string): Schema {
  const leaf = LEAVES.get(key);
  if (leaf) return leaf;
  const hint = closest(key, [...LEAVES.keys()]);
  throw new InputError(`${flag}: unknown key "${key}"${hint ? `: did you mean "${hint}"?` : ''} (expected a profile key such as sidecar.requests.cpu, prices.<key>, or traffic.rpsScale)`);
}

/**
 * The text as the field's schema parses it. A YAML file would give a number or a boolean
 * where the text looks like one, so those are tried after the text itself (a quantity or a
 * price accepts text; a plain number field does not).
 */
function parseValue(leaf: Schema, text: string, flag: string): unknown {
  const candidates: unknown[] = [text];
  if (text.trim() !== '' && Number.isFinite(Number(text))) candidates.push(Number(text));
  if (text === 'true' || text === 'false') candidates.push(text === 'true');
  let firstIssue = '';
  for (const c of candidates) {
    const r = z.safeParse(leaf, c);
    if (r.success) return r.data;
    firstIssue ||= r.error.issues[0]?.message ?? 'invalid value';
  }
  // the last candidate's message names the field's real type (a number field says "expected number")
  const last = z.safeParse(leaf, candidates.at(-1));
  const message = last.success ? firstIssue : (last.error.issues[0]?.message ?? firstIssue);
  // the quantity fields already name what they found
  throw new InputError(`${flag}: ${/\bfound\b/.test(message) ? message : `${message}, found ${JSON.stringify(text)}`}`);
}

/**
 * How a value of the model writes back as `--set` text: a field whose schema changes a
 * bare number (memory: bytes → MiB) is divided back by what it makes of a probe, so the
 * text re-parses to the same value. The probe is 2^30, a value every field takes (memory
 * refuses less than 1 MiB).
 */
export function settableNumber(key: string, modelValue: number): number {
  const r = z.safeParse(leafOf(key, '--set'), PROBE);
  const factor = r.success && typeof r.data === 'number' && r.data > 0 ? r.data / PROBE : 1;
  return modelValue / factor;
}

const PROBE = 2 ** 30;

/** Whether the field's schema takes this value as it is (an integer field refuses 1.5). */
export function accepts(key: string, value: unknown): boolean {
  return z.safeParse(leafOf(key, '--set'), value).success;
}

function view(w: WhatIf): Record<string, unknown> {
  return { ...w.profile.spec, prices: { ...w.prices.spec, nodeScale: w.scales.nodeScale }, traffic: { rpsScale: w.scales.rpsScale, bytesScale: w.scales.bytesScale } };
}

/** The value a key holds in a run (model units), e.g. for the sensitivity's `today`. */
export function valueAt(w: WhatIf, key: string): unknown {
  leafOf(key, '--set');
  let node: unknown = view(w);
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

/** A copy of the run with one field set to an already parsed value; the input is left as it was. */
export function withValue(w: WhatIf, key: string, value: unknown): WhatIf {
  leafOf(key, '--set');
  const [root, ...rest] = key.split('.');
  if (root === 'traffic') return { ...w, scales: { ...w.scales, [rest[0]!]: value } };
  if (root === 'prices' && rest[0] === 'nodeScale') return { ...w, scales: { ...w.scales, nodeScale: value as number } };
  if (root === 'prices') return { ...w, prices: { ...w.prices, spec: setPath(w.prices.spec, rest, value) } };
  return { ...w, profile: { ...w.profile, spec: setPath(w.profile.spec, [root!, ...rest], value) } };
}

function setPath<T>(obj: T, path: string[], value: unknown): T {
  const [head, ...rest] = path;
  const o = obj as Record<string, unknown>;
  return { ...o, [head!]: rest.length === 0 ? value : setPath(o[head!], rest, value) } as T;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `KEY=VALUE` split at the first `=`. */
export function parseSet(flagValue: string): { key: string; value: string } {
  const eq = flagValue.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${flagValue}: expected KEY=VALUE, e.g. --set waypoint.scaling.rpmPerReplica=40000`);
  return { key: flagValue.slice(0, eq).trim(), value: flagValue.slice(eq + 1).trim() };
}

/** Applies each `--set KEY=VALUE` in order; a key set twice keeps its last value, `was` its first. */
export function applyOverrides(base: WhatIf, flags: readonly string[]): { run: WhatIf; overrides: Override[] } {
  let run = base;
  const overrides = new Map<string, Override>();
  for (const flag of flags) {
    const { key, value } = parseSet(flag);
    const label = `--set ${flag}`;
    const parsed = parseValue(leafOf(key, label), value, label);
    const before = valueAt(run, key);
    const was = overrides.get(key)?.was ?? (typeof before === 'number' ? asText(settableNumber(key, before)) : asText(before ?? null));
    run = withValue(run, key, parsed);
    overrides.set(key, { key, value, was });
  }
  return { run, overrides: [...overrides.values()] };
}

/**
 * One fuzz run: the bundled inputs with one of them mutated (test/fuzz/mutate.ts), and
 * what any run must show, however broken its input: exit 0 or 2 (never 70), no stack
 * trace, an error of at most 20 lines and a count, only warnings and notes beside a result.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../e2e/run.js';
import { prng } from '../pipeline/inventoryCsv.js';
import { mutate } from './mutate.js';

const SETS = [
  { nodes: 'test/fixtures/small/nodes.csv', workloads: 'test/fixtures/small/workloads.csv', pods: 'test/fixtures/small/pods.csv' },
  { nodes: 'fixtures/olx-india/nodes.csv', workloads: 'fixtures/olx-india/workloads.csv' },
];
const PROFILE = 'profiles/proxies/istio-1.24.yaml';
const PRICES = 'profiles/prices/opencost-default.yaml';

export interface FuzzInputs {
  nodes: string;
  workloads: string;
  pods?: string;
  profile: string;
  prices: string;
  format: 'table' | 'json';
}

/** Writes the mutated file into `dir`; returns the inputs of the run and what was mutated. */
export async function fuzzInputs(seed: number, dir: string): Promise<{ inputs: FuzzInputs; what: string }> {
  const pick = prng(seed);
  const set = SETS[Math.floor(pick() * SETS.length)]!;
  const inputs: FuzzInputs = { ...set, profile: PROFILE, prices: PRICES, format: pick() < 0.5 ? 'table' : 'json' };
  const keys = (['nodes', 'workloads', 'pods', 'profile', 'prices'] as const).filter((k) => inputs[k] !== undefined);
  const csvs = keys.filter((k) => k !== 'profile' && k !== 'prices');
  // the CSVs are what users hand-edit: mutate them four times as often as the YAML
  const key = pick() < 0.8 ? csvs[Math.floor(pick() * csvs.length)]! : pick() < 0.5 ? 'profile' : 'prices';
  const original = inputs[key]!;
  const m = mutate(readFileSync(join(ROOT, original)), Math.floor(pick() * 2 ** 32));
  const file = join(dir, `${seed}-${original.split('/').pop()}`);
  await writeFile(file, m.bytes);
  for (const k of keys) if (k !== key) inputs[k] = join(ROOT, inputs[k]!);
  inputs[key] = file;
  return { inputs, what: `seed ${seed}: ${original}: ${m.what}` };
}

export function cliArgs(inputs: FuzzInputs): string[] {
  const args = ['estimate', '--nodes', inputs.nodes, '--workloads', inputs.workloads, '-p', inputs.profile, '--prices', inputs.prices, '-f', inputs.format];
  return inputs.pods ? [...args, '--pods', inputs.pods] : args;
}

const STACK = /^\s+at \S|\b(TypeError|ReferenceError|RangeError|SyntaxError)\b|internal error/m;

/** The contract of a run's ending; returns what broke it, or undefined. */
export function brokenContract(code: number | null, stderr: string): string | undefined {
  if (code !== 0 && code !== 2) return `exit ${code}`;
  if (STACK.test(stderr)) return 'a stack trace or an internal error on stderr';
  const lines = stderr.split('\n').filter((l) => l !== '');
  if (code === 2) {
    if (lines.length === 0 || lines.length > 21) return `${lines.length} error lines`;
    const bad = lines.find((l) => !l.startsWith('mesh-cost: '));
    if (bad) return `an error line without the "mesh-cost: " prefix: ${JSON.stringify(bad)}`;
    if (lines.length === 21 && !/^mesh-cost: … and \d+ more problems?$/.test(lines[20]!)) return 'a 21st line that is not the count';
  } else {
    const bad = lines.find((l) => !l.startsWith('warning: ') && !l.startsWith('mesh-cost: '));
    if (bad) return `a line that is neither a warning nor a note: ${JSON.stringify(bad)}`;
  }
  return undefined;
}

/** A result holds only finite numbers: NaN and Infinity print as "NaN" and "∞" in a table, as null in JSON. */
export function brokenResult(format: FuzzInputs['format'], text: string): string | undefined {
  if (format === 'table') return /(?<=^|[\s$│-])(NaN|∞)(?=[\s%│]|$)/m.test(text) ? 'NaN or ∞ in the table' : undefined;
  let nullAt: string | undefined;
  // savings.percent is null by design when there is no sidecar cost
  JSON.parse(text, (key, value: unknown) => ((nullAt ??= value === null && key !== 'percent' ? key : undefined), value));
  return nullAt === undefined ? undefined : `null at "${nullAt}" in the JSON report`;
}

/**
 * One fuzz run: the bundled inputs (CSV, kubectl JSON, usage.csv, profile and prices)
 * with one of them mutated (test/fuzz/mutate.ts), and
 * what any run must show, however broken its input: exit 0 or 2 (never 70), no stack
 * trace, an error of at most 20 lines and a count, only warnings and notes beside a result.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFlags } from '../../src/cli/inputOptions.js';
import { ROOT } from '../e2e/run.js';
import { prng } from '../../bench/lib/prng.mjs';
import { mutate } from './mutate.js';

/** the inputs of one run, as flags: files by flag, plus the flags that are not files */
type FileFlag = 'nodes' | 'workloads' | 'pods' | 'kube' | 'proxyUsage' | 'profile' | 'prices';
const OPTION: Record<FileFlag, string> = {
  nodes: '--nodes',
  workloads: '--workloads',
  pods: '--pods',
  kube: '--kube',
  proxyUsage: '--proxy-usage',
  profile: '-p',
  prices: '--prices',
};

const EQ = 'test/fixtures/kube-equivalence';
const SCENARIOS: { files: Partial<Record<FileFlag, string>>; cluster?: string }[] = [
  { files: { nodes: 'test/fixtures/small/nodes.csv', workloads: 'test/fixtures/small/workloads.csv', pods: 'test/fixtures/small/pods.csv' } },
  { files: { nodes: 'fixtures/olx-india/nodes.csv', workloads: 'fixtures/olx-india/workloads.csv' } },
  { files: { kube: `${EQ}/cluster.json`, workloads: `${EQ}/workloads.csv` }, cluster: 'eq' },
  { files: { nodes: 'test/fixtures/small/nodes.csv', workloads: 'test/fixtures/small/workloads.csv', proxyUsage: 'fixtures/usage-sample/usage.csv' } },
];
const YAML = { profile: 'profiles/proxies/istio-1.30.yaml', prices: 'profiles/prices/opencost-default.yaml' };

export interface FuzzInputs {
  files: Partial<Record<FileFlag, string>>;
  cluster?: string;
  format: 'table' | 'json';
}

/** Writes the mutated file into `dir`; returns the inputs of the run and what was mutated. */
export async function fuzzInputs(seed: number, dir: string): Promise<{ inputs: FuzzInputs; what: string }> {
  const pick = prng(seed);
  const scenario = SCENARIOS[Math.floor(pick() * SCENARIOS.length)]!;
  const data = Object.keys(scenario.files) as FileFlag[];
  // the inventories are what users hand-edit or export: mutate them four times as often as the YAML
  const key: FileFlag = pick() < 0.8 ? data[Math.floor(pick() * data.length)]! : pick() < 0.5 ? 'profile' : 'prices';
  const files = { ...scenario.files, ...YAML };
  const original = files[key]!;
  const m = mutate(readFileSync(join(ROOT, original)), Math.floor(pick() * 2 ** 32));
  const mutated = join(dir, `${seed}-${original.split('/').pop()}`);
  await writeFile(mutated, m.bytes);
  for (const k of Object.keys(files) as FileFlag[]) files[k] = k === key ? mutated : join(ROOT, files[k]!);
  const format = pick() < 0.5 ? 'table' : 'json';
  return { inputs: { files, ...(scenario.cluster ? { cluster: scenario.cluster } : {}), format }, what: `seed ${seed}: ${original}: ${m.what}` };
}

export function cliArgs(inputs: FuzzInputs): string[] {
  const files = Object.entries(inputs.files).flatMap(([k, f]) => [OPTION[k as FileFlag], f]);
  return ['estimate', ...files, ...(inputs.cluster ? ['--cluster', inputs.cluster] : []), '-f', inputs.format];
}

/** The same inputs as `estimateCommand`'s flags. */
export function commandFlags(inputs: FuzzInputs): InputFlags & { format: FuzzInputs['format'] } {
  const { kube, ...files } = inputs.files;
  return { ...files, ...(kube ? { kube: [kube] } : {}), ...(inputs.cluster ? { cluster: inputs.cluster } : {}), format: inputs.format };
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

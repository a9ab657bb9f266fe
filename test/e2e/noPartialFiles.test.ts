/**
 * `-o FILE` is written atomically: a run that fails, at whatever stage, leaves FILE as
 * it was and no temporary file beside it.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

const NODES = 'cluster,node,zone,vcpu,memory\nc1,n1,z1,4,16Gi\nc1,n2,z2,4,16Gi\n';
const PREVIOUS = '{"a report": "from an earlier run"}\n';
const WORKLOADS = { 'workloads.csv': 'cluster,namespace,workload,replicas,rps\nc1,shop,web,2,100\n' };

/** the stage that fails, and the files it needs beside nodes.csv */
const STAGES: { stage: string; args: string[]; files?: Record<string, string>; stdin?: string; error: RegExp }[] = [
  { stage: 'the command line', args: ['--basis', 'cheapest'], error: /argument 'cheapest' is invalid/ },
  { stage: 'the config file', args: ['-c', 'mesh-cost.yaml'], files: { 'mesh-cost.yaml': 'version: 1\nbudget: 5\n' }, error: /mesh-cost\.yaml:2:1: config: expected one of the keys/ },
  { stage: 'the profile', args: ['-p', 'profile.yaml'], files: { 'profile.yaml': 'apiVersion: [\n' }, error: /profile\.yaml:\d+:\d+: expected ProxyProfile in YAML/ },
  { stage: 'the price sheet', args: ['--prices', 'prices.yaml'], files: { 'prices.yaml': 'apiVersion: mesh-cost/v1\nkind: PriceSheet\nmetadata: {name: x}\nspec: {CPU: -1, RAM: 1}\n' }, error: /prices\.yaml:4:13: PriceSheet: spec\.CPU: expected a number >= 0, found -1/ },
  { stage: 'a CSV cell', args: ['--workloads', 'workloads.csv'], files: { 'workloads.csv': 'cluster,namespace,workload,replicas\nc1,shop,web,lots\n' }, error: /workloads\.csv:2:4: replicas: expected/ },
  { stage: 'a missing input', args: ['--pods', 'pods.csv'], error: /pods\.csv: cannot read: no such file/ },
  { stage: 'an empty stdin', args: ['--pods', '-'], stdin: '', error: /<stdin>: expected a header row/ },
  { stage: 'usage.csv', args: ['--proxy-usage', 'usage.csv'], files: { 'usage.csv': 'cluster,namespace,pod,proxy,cpu,memory\nc1,shop,web-1,sidecar,0.2,lots\n' }, error: /usage\.csv:2:6: memory: expected/ },
  { stage: 'the model (nothing to price)', args: [], error: /^mesh-cost: nothing to price: read nodes\.csv \(2 nodes, 0 workloads\)/ },
  { stage: 'the baseline report', args: ['--baseline', 'baseline.json'], files: { 'baseline.json': '{"schemaVersion": "mesh-cost/v1"' }, error: /baseline\.json:1:\d+: expected a mesh-cost report/ },
];

async function scratch(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-output-'));
  await writeFile(join(dir, 'nodes.csv'), NODES);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await writeFile(join(dir, 'report.json'), PREVIOUS);
  return dir;
}

describe('no partial files (-o FILE)', () => {
  it.each(STAGES.map((s) => [s.stage, s] as const))('leaves FILE as it was when %s fails', async (_, s) => {
    const dir = await scratch(s.files);
    const before = (await readdir(dir)).sort();
    const r = await runCli(['estimate', '--nodes', 'nodes.csv', ...s.args, '-f', 'json', '-o', 'report.json'], {
      cwd: dir,
      ...(s.stdin === undefined ? {} : { input: s.stdin }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(s.error);
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe(PREVIOUS);
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('leaves FILE as it was when a kubectl dump is cut short', async () => {
    const dir = await scratch({ 'cluster.json': '{"kind": "List", "items": [{"kind": "Node", "metadata": {"name": "n1"' });
    const r = await runCli(['estimate', '--kube', 'cluster.json', '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cluster\.json:1:\d+: .*found invalid JSON: the input ends inside a JSON value/);
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe(PREVIOUS);
  });

  it('leaves no temporary file when the write itself fails, and the target as it was', async () => {
    const dir = await scratch(WORKLOADS);
    // a directory where the report should go: the temporary file is written, the rename fails
    await mkdir(join(dir, 'out.json'));
    await writeFile(join(dir, 'out.json', 'keep.txt'), 'kept\n');
    const before = (await readdir(dir)).sort();
    const r = await runCli(['estimate', '--nodes', 'nodes.csv', '--workloads', 'workloads.csv', '-f', 'json', '-o', 'out.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mesh-cost: out.json: cannot write: is a directory, expected a file path\n');
    expect((await readdir(dir)).sort()).toEqual(before);
    expect(await readdir(join(dir, 'out.json'))).toEqual(['keep.txt']);
  });

  it('replaces FILE whole when the run succeeds', async () => {
    const dir = await scratch(WORKLOADS);
    const r = await runCli(['estimate', '--nodes', 'nodes.csv', '--workloads', 'workloads.csv', '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')).inputs.nodes).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['nodes.csv', 'report.json', 'workloads.csv']);
  });
});

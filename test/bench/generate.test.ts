import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvInventory } from '../../src/inventory/csv/index.js';
import { Warnings } from '../../src/inventory/types.js';
import { ROOT } from '../e2e/run.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-generate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** runs bench/generate.mjs as a user would, returns the three files' text */
async function generate(pods: number, seed: number, name: string) {
  const out = join(dir, name);
  await run(process.execPath, ['bench/generate.mjs', '--pods', String(pods), '--seed', String(seed), '--out', out], { cwd: ROOT });
  const text = async (f: string) => readFile(join(out, f), 'utf8');
  return { out, nodes: await text('nodes.csv'), workloads: await text('workloads.csv'), pods: await text('pods.csv') };
}

const rows = (csv: string) => csv.trimEnd().split('\n').slice(1);

describe('bench/generate.mjs', () => {
  it('writes the same files for the same seed, and other files for another seed', async () => {
    const [a, b, c] = await Promise.all([generate(2_000, 7, 'a'), generate(2_000, 7, 'b'), generate(2_000, 8, 'c')]);
    for (const f of ['nodes', 'workloads', 'pods'] as const) expect(a[f]).toBe(b[f]);
    expect(c.pods).not.toBe(a.pods);
  });

  it('scales to the fleet proportions: 200 pods a node, 20 a workload, replicas adding up to the pods', async () => {
    const g = await generate(4_000, 1, 'sizes');
    expect(rows(g.nodes)).toHaveLength(20);
    expect(rows(g.workloads)).toHaveLength(200);
    expect(rows(g.pods)).toHaveLength(4_000);
    const replicas = rows(g.workloads).map((r) => Number(r.split(',')[5]));
    expect(replicas.reduce((s, r) => s + r, 0)).toBe(4_000);
  });

  it('is a valid inventory: every pod on a listed node, every owner a listed workload', async () => {
    const g = await generate(3_000, 3, 'valid');
    const warnings = new Warnings();
    const inventory = await readCsvInventory(
      { nodes: join(g.out, 'nodes.csv'), workloads: join(g.out, 'workloads.csv'), pods: join(g.out, 'pods.csv') },
      { warnings },
    );
    expect(inventory.pods).toBe(3_000);
    expect(inventory.nodes).toHaveLength(15);
    expect(inventory.workloads).toHaveLength(150);
    expect(warnings.list()).toEqual([]);
  });
});

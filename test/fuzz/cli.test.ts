/**
 * Fuzzing through the built binary: fewer runs than in process (each is a Node start),
 * for what only a real process shows — an error event nobody awaited, a crash after
 * the command returned, the exit code the process really ends with.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/run.js';
import { brokenContract, brokenResult, cliArgs, fuzzInputs } from './fuzzRun.js';

const RUNS = 60;
// seeds apart from the in-process test's 1..400, so these runs add cases
const FIRST_SEED = 100_001;
const PARALLEL = 4;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-fuzz-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fuzzing the inputs, through the built CLI', () => {
  it(`ends ${RUNS} runs on mutated inputs with exit 0 or 2, never 70, never a stack trace`, async () => {
    const broken: string[] = [];
    const codes: number[] = [];
    const seeds = Array.from({ length: RUNS }, (_, i) => FIRST_SEED + i);
    const worker = async () => {
      for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) {
        const { inputs, what } = await fuzzInputs(seed, dir);
        const r = await runCli(cliArgs(inputs));
        const why = brokenContract(r.code, r.stderr) ?? (r.code === 0 ? brokenResult(inputs.format, r.stdout) : undefined);
        if (why) broken.push(`${what} → ${why}\n${r.stderr}`);
        codes.push(r.code!);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    expect(broken).toEqual([]);
    expect(codes).toContain(0);
    expect(codes).toContain(2);
  });
});

/**
 * Fuzzing in process, through the same path as the CLI: `estimateCommand` (prepare →
 * model → render → write), its error turned into text and an exit code by the CLI's
 * own boundary (reportError). Hundreds of runs cost seconds here; test/fuzz/cli.test.ts
 * runs fewer through the built binary, for what only a real process shows.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCommand } from '../../src/cli/estimate.js';
import { reportError } from '../../src/cli/reportError.js';
import { brokenContract, brokenResult, commandFlags, fuzzInputs } from './fuzzRun.js';

// FUZZ_RUNS=20000 (with --testTimeout=0) fuzzes deeper by hand; each seed replays exactly
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** runs the command with stderr captured, as the CLI would end it */
async function run(flags: Parameters<typeof estimateCommand>[0]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof write;
  try {
    await estimateCommand(flags);
    return { code: 0, stderr };
  } catch (e) {
    return { code: reportError(e, false), stderr };
  } finally {
    process.stderr.write = write;
  }
}

describe('fuzzing the inputs, in process', () => {
  it(`ends ${RUNS} runs on mutated inputs with exit 0 or 2, never 70, never a stack trace`, async () => {
    const broken: string[] = [];
    const codes = { 0: 0, 2: 0 };
    for (let seed = 1; seed <= RUNS; seed++) {
      const { inputs, what } = await fuzzInputs(seed, dir);
      const output = join(dir, `${seed}.out`);
      const r = await run({ ...commandFlags(inputs), groupBy: 'environment', output });
      let why = brokenContract(r.code, r.stderr);
      if (!why && r.code === 0) why = brokenResult(inputs.format, await readFile(output, 'utf8'));
      if (why) broken.push(`${what} → ${why}\n${r.stderr}`);
      else codes[r.code as 0 | 2]++;
    }
    expect(broken).toEqual([]);
    // the mutations must reach both endings, or the fuzzing proves nothing
    expect(codes[0]).toBeGreaterThan(RUNS / 10);
    expect(codes[2]).toBeGreaterThan(RUNS / 10);
  });
});

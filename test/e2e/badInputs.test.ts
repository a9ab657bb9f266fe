/**
 * Every case of the bad-input catalogue (test/bad-inputs/) through the built CLI:
 * the exact stderr, the exit code, and the contract every error keeps — nothing on
 * stdout, no stack trace, at most 20 error lines and then one count line.
 */
import { describe, expect, it } from 'vitest';
import { badInputCases, runBadInput } from './badInputs.js';

const cases = badInputCases();
const STACK = /^\s+at \S|\b(TypeError|ReferenceError|RangeError|SyntaxError)\b|internal error/m;

describe.concurrent('bad-input catalogue (built CLI)', () => {
  it('has a case for every item of the list, each with its expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    for (const c of cases) expect(c.expectedStderr, c.name).not.toBe('');
  });

  for (const c of cases.filter((c) => c.skip)) it.skip(`${c.name}: ${c.skip}`, () => undefined);

  it.each(cases.filter((c) => !c.skip).map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const r = await runBadInput(c);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: c.expectedExit, stderr: c.expectedStderr });
    expect(r.stderr).not.toMatch(STACK);
    const lines = r.stderr.trimEnd().split('\n');
    if (c.expectedExit === 2) {
      expect(r.stdout).toBe('');
      expect(lines.length).toBeLessThanOrEqual(21);
      if (lines.length === 21) expect(lines[20]).toMatch(/^mesh-cost: … and \d+ more problems?$/);
    } else {
      // data still used, but suspicious: warnings only, each kind once
      for (const line of lines) expect(line).toMatch(/^warning: /);
      expect(new Set(lines).size).toBe(lines.length);
      expect(JSON.parse(r.stdout).schemaVersion).toBe('mesh-cost/v1');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { progressOnStderr } from '../../src/cli/progress.js';

/** a terminal (or not) that records what is written, and a clock the test moves */
function setup(isTTY: boolean) {
  const written: string[] = [];
  let t = 1_000_000;
  const progress = progressOnStderr({ stream: { isTTY, write: (s: string) => written.push(s) }, now: () => t });
  return { progress, written, advance: (ms: number) => (t += ms) };
}

describe('progress on stderr', () => {
  it('stays quiet for the first 2 seconds, then rewrites one line and erases it at the end', () => {
    const { progress, written, advance } = setup(true);
    progress.report(50_000);
    advance(1_999);
    progress.report(100_000);
    expect(written).toEqual([]);

    advance(1);
    progress.report(150_000);
    advance(500);
    progress.report(1_200_000, undefined, 'pods');
    expect(written).toEqual(['\r\u001b[Kmesh-cost: reading… 150,000 rows, 2 s', '\r\u001b[Kmesh-cost: reading… 1,200,000 pods, 3 s']);

    progress.end();
    expect(written.at(-1)).toBe('\r\u001b[K');
    expect(written).toHaveLength(3);
  });

  it('says how far along it is when the total is known', () => {
    const { progress, written, advance } = setup(true);
    advance(2_500);
    progress.report(450_000, 1_000_000);
    expect(written).toEqual(['\r\u001b[Kmesh-cost: reading… 450,000 of 1,000,000 (45%) rows, 3 s']);
  });

  it('writes at most one line per 100 ms however often a reader reports', () => {
    const { progress, written, advance } = setup(true);
    advance(3_000);
    for (let i = 1; i <= 10; i++) {
      progress.report(i * 1_000);
      advance(30);
    }
    // reports at 0, 30, ... 270 ms: lines at 0, 120 and 240
    expect(written.map((w) => /reading… ([\d,]+)/.exec(w)?.[1])).toEqual(['1,000', '5,000', '9,000']);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const { progress, written, advance } = setup(false);
    advance(60_000);
    progress.report(5_000_000);
    progress.end();
    expect(written).toEqual([]);
  });

  it('erases nothing after a short run that never showed a line', () => {
    const { progress, written } = setup(true);
    progress.report(50_000);
    progress.end();
    expect(written).toEqual([]);
  });
});

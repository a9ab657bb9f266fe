import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressOnStderr } from '../../src/cli/progress.js';

/** a terminal (or not) that records what is written; the clock is vitest's fake one */
function setup(isTTY: boolean) {
  const written: string[] = [];
  const progress = progressOnStderr({ stream: { isTTY, write: (s: string) => written.push(s) } });
  return { progress, written, advance: (ms: number) => vi.advanceTimersByTime(ms) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progress on stderr', () => {
  it('stays quiet for the first 2 seconds, then rewrites one line and erases it at the end', () => {
    const { progress, written, advance } = setup(true);
    progress.report(50_000);
    advance(1_000);
    progress.report(100_000);
    advance(999);
    expect(written).toEqual([]);

    // the quiet period ends without waiting for the next report: the latest count shows
    advance(1);
    expect(written).toEqual(['\r\u001b[Kmesh-cost: reading… 100,000 rows, 2 s']);
    advance(500);
    progress.report(1_200_000, undefined, 'pods');
    expect(written.at(-1)).toBe('\r\u001b[Kmesh-cost: reading… 1,200,000 pods, 3 s');

    progress.end();
    expect(written.at(-1)).toBe('\r\u001b[K');
    expect(written).toHaveLength(3);
  });

  it('counts New Relic queries answered of those sent', () => {
    const { progress, written, advance } = setup(true);
    advance(2_500);
    progress.report(3, 7, 'New Relic queries');
    progress.end();
    expect(written).toEqual(['\r\u001b[Kmesh-cost: reading… 3 of 7 New Relic queries, 3 s', '\r\u001b[K']);
  });

  it('shows a slow reader where it is at 2 seconds, though it has not reported since', () => {
    const { progress, written, advance } = setup(true);
    progress.report(0, 1, 'New Relic queries');
    advance(5_000);
    expect(written).toEqual(['\r\u001b[Kmesh-cost: reading… 0 of 1 New Relic queries, 2 s']);
  });

  it('writes at most one line per 100 ms however often a reader reports, and the last count after a burst', () => {
    const { progress, written, advance } = setup(true);
    advance(3_000);
    for (let i = 1; i <= 10; i++) {
      progress.report(i * 1_000);
      advance(30);
    }
    // reports at 0, 30, ... 270 ms: a line at once, then one per 100 ms with the latest count
    expect(written.map((w) => /reading… ([\d,]+)/.exec(w)?.[1])).toEqual(['1,000', '4,000', '7,000', '10,000']);
    advance(1_000);
    expect(written).toHaveLength(4);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const { progress, written, advance } = setup(false);
    advance(60_000);
    progress.report(5_000_000);
    advance(60_000);
    progress.end();
    expect(written).toEqual([]);
  });

  it('erases nothing after a short run that never showed a line, and shows nothing after the end', () => {
    const { progress, written, advance } = setup(true);
    progress.report(50_000);
    progress.end();
    advance(10_000);
    expect(written).toEqual([]);
  });
});

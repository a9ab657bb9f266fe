import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstFit } from '../../../src/model/capacity/firstFit.js';

/** First fit as the definition reads: scan the opened nodes left to right, open one when none fits. */
function scanFirstFit(cap: [number, number], items: [number, number, number][]): number {
  const free: [number, number][] = [];
  for (const [cpu, mem, count] of items) {
    for (let k = 0; k < count; k++) {
      const node = free.find(([c, m]) => cpu <= c + 1e-9 * Math.max(1, cap[0]) && mem <= m + 1e-9 * Math.max(1, cap[1]));
      if (node) {
        node[0] -= cpu;
        node[1] -= mem;
      } else free.push([cap[0] - cpu, cap[1] - mem]);
    }
  }
  return free.length;
}

describe('FirstFit (tree of free capacity)', () => {
  it('opens exactly as many nodes as a left-to-right scan, in two resources, past its first regrowth', () => {
    const item = fc.tuple(fc.integer({ min: 0, max: 40 }).map((x) => x / 10), fc.integer({ min: 0, max: 16 }).map((x) => x * 256), fc.integer({ min: 1, max: 30 }));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 60 }), (items) => {
        const ff = new FirstFit(4, 4096);
        for (const [c, m, n] of items) ff.place(c, m, n);
        expect(ff.opened).toBe(scanFirstFit([4, 4096], items));
      }),
      { numRuns: 300 },
    );
  });

  it('a node left of the one chosen is skipped when only one of its resources has room', () => {
    const ff = new FirstFit(4, 4096);
    ff.place(3, 1000, 1); // node 0: 1 vCPU, 3096 MiB left
    ff.place(0.5, 3500, 1); // needs 3500 MiB: node 1 → 3.5 vCPU, 596 MiB left
    ff.place(2, 100, 1); // node 0 lacks cpu, node 1 has both → still 2 nodes
    expect(ff.opened).toBe(2);
    ff.place(1, 3000, 1); // node 0 has both (1 vCPU, 3096 MiB)
    expect(ff.opened).toBe(2);
  });
});

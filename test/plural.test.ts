import { describe, expect, it } from 'vitest';
import { counted, fillCount } from '../src/plural.js';

describe('fillCount', () => {
  it('writes the count with thousands separators and picks the forms that agree with it', () => {
    const message = '{count} {node has|nodes have} no zone label: {it counts|they count} as one zone';
    expect(fillCount(message, 1)).toBe('1 node has no zone label: it counts as one zone');
    expect(fillCount(message, 9957)).toBe('9,957 nodes have no zone label: they count as one zone');
    expect(fillCount(message, 0)).toBe('0 nodes have no zone label: they count as one zone');
  });

  it('leaves a message without choices as it is', () => {
    expect(fillCount('no workload has an rps figure', 3)).toBe('no workload has an rps figure');
  });
});

describe('counted', () => {
  it('says "1 row", "2 rows", and takes an irregular plural', () => {
    expect(counted(1, 'row')).toBe('1 row');
    expect(counted(1200, 'row')).toBe('1,200 rows');
    expect(counted(2, 'query', 'queries')).toBe('2 queries');
  });
});

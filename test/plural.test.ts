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

describe('the counted messages of src/', () => {
  it('each say their count in agreeing forms ({one|many}), so that "1 pod is" and "3 pods are" both read', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const files = (await readdir('src', { recursive: true })).filter((f) => f.endsWith('.ts') && f !== 'plural.ts');
    const counted: string[] = [];
    for (const file of files) {
      const text = await readFile(join('src', file), 'utf8');
      // the message literals: a line that holds a quoted `{count}` (doc comments name it in backquotes only)
      for (const line of text.split('\n')) if (/['"`][^'"`]*\{count\}/.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('/')) counted.push(`${file}: ${line.trim()}`);
    }
    // the warnings of the model, the readers, the manifests and the profiles: some 40 of them
    expect(counted.length).toBeGreaterThan(30);
    expect(counted.filter((line) => !/\{[^{}|]*\|[^{}|]*\}/.test(line))).toEqual([]);
  });
});

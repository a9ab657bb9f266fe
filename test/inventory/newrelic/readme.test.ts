import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { toNrql } from '../../../src/inventory/newrelic/nrql.js';
import { containerQuery, namespaceQuery, nodeQuery, podQuery, trafficQueries, usageQuery } from '../../../src/inventory/newrelic/queries.js';
import { PROXY_KINDS } from '../../../src/profiles/fit/usage.js';

describe('docs/newrelic.md', () => {
  it('shows the exact NRQL the reader sends', async () => {
    const section = await readFile(new URL('../../../docs/newrelic.md', import.meta.url), 'utf8');
    const queries = [nodeQuery([]), podQuery([]), containerQuery([]), namespaceQuery([]), ...trafficQueries([]), ...PROXY_KINDS.map((k) => usageQuery(k, []))];
    for (const q of queries) {
      const text = toNrql({ ...q, window: { since: 1, until: 2 } }).replace('SINCE 1 UNTIL 2', 'SINCE <start> UNTIL <end>');
      expect(section).toContain('```sql\n' + text + '\n```');
    }
  });
});

/** docs/prometheus.md shows exactly the PromQL queries.ts sends, and the allowlist the warning names. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LISTS, QUERIES, QUERY_NAMES, labelsAllowlist, promql } from '../../src/inventory/prometheus/queries.js';

const doc = readFileSync(new URL('../../docs/prometheus.md', import.meta.url), 'utf8');
const blocks = [...doc.slice(doc.indexOf('## The PromQL')).matchAll(/```promql\n([^]*?)```/g)].map((m) => m[1]!.trimEnd().split('\n'));

describe('docs/prometheus.md', () => {
  it('lists every query, in the order they are sent, as sent for --since 7d', () => {
    expect(blocks[0]).toEqual(QUERY_NAMES.flatMap((name) => [`# ${QUERIES[name].what}`, promql(name, { clusterLabel: 'cluster' }, '7d')]));
  });

  it('lists the queries a split asks for its clusters and namespaces', () => {
    expect(blocks[1]).toEqual([LISTS.clusters('cluster', ''), LISTS.namespaces('{cluster="…"}')]);
  });

  it("gives the kube-state-metrics allowlist the reader's warning names", () => {
    expect(doc).toContain(`--metric-labels-allowlist=${labelsAllowlist()}`);
  });
});

/**
 * The built-in profiles and price sheets as data: the default's name, the istio-1.24
 * alias, and that every figure names its source (DESIGN section 2: "Every number cites
 * its source in metadata.sources or a comment").
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { DEFAULT_PROFILE } from '../../src/profiles/defaultProfile.js';
import { builtinNames, loadPriceSheet, loadProfile, resolveProfileFile } from '../../src/profiles/load.js';

const MIB = 1024 * 1024;

/** The `[tag]`s a source string opens with: "[nr] [zt] fixtures/…" declares nr and zt. */
function declaredTags(sources: string[]): Set<string> {
  const tags = new Set<string>();
  for (const source of sources) {
    const lead = /^(?:\s*\[[\w-]+\])+/.exec(source)?.[0] ?? '';
    for (const m of lead.matchAll(/\[([\w-]+)\]/g)) tags.add(m[1]!);
  }
  return tags;
}

const isZero = (v: unknown) => v === 0 || (typeof v === 'string' && /^0+(\.0+)?[a-zA-Z]*$/.test(v));

/**
 * Every value under `spec` with the comment that documents it: its own trailing comment,
 * else that of the flow map it sits in (`cpu: {base: 0, per1kRps: 0.2}  # [perf]`).
 * A value without one, a non-zero value whose comment cites no declared `[tag]` (and is
 * not marked as mesh-cost's own choice), and a tag missing from metadata.sources are
 * each a problem.
 */
function undocumented(text: string): string[] {
  const doc = parseDocument(text);
  const sources = (doc.getIn(['metadata', 'sources']) as { toJSON(): string[] } | undefined)?.toJSON() ?? [];
  const declared = declaredTags(sources);
  const problems: string[] = [];
  const walk = (node: Node | null, path: string, inherited: string | undefined) => {
    if (isMap(node)) {
      const own = node.flow ? (node.comment ?? inherited) : undefined;
      for (const pair of node.items) walk(pair.value as Node | null, `${path}.${String(pair.key)}`, own);
      return;
    }
    if (!isScalar(node)) return;
    const comment = node.comment ?? inherited;
    if (comment === undefined) {
      problems.push(`${path}: no comment`);
      return;
    }
    const tags = [...comment.matchAll(/\[([\w-]+)\]/g)].map((m) => m[1]!);
    for (const tag of tags) if (!declared.has(tag)) problems.push(`${path}: [${tag}] is not in metadata.sources`);
    if (!isZero(node.value) && tags.length === 0 && !comment.includes("mesh-cost's choice")) {
      problems.push(`${path}: ${JSON.stringify(node.value)} cites no source`);
    }
  };
  walk(doc.get('spec', true) as Node, 'spec', undefined);
  return problems;
}

const text = (catalog: 'proxies' | 'prices', name: string) => readFile(resolveProfileFile(catalog, name), 'utf8');

describe('the default proxy profile', () => {
  it('is istio-1.30, and it loads under that name', async () => {
    expect(DEFAULT_PROFILE).toBe('istio-1.30');
    expect((await loadProfile(DEFAULT_PROFILE)).metadata.name).toBe('istio-1.30');
  });

  it('keeps istio-1.24 loadable, as the same figures under the older name', async () => {
    const [current, alias] = await Promise.all([loadProfile('istio-1.30'), loadProfile('istio-1.24')]);
    expect(alias.metadata.name).toBe('istio-1.24');
    expect(alias.spec).toEqual(current.spec);
  });

  it('puts the published figure back together at the 2,000 pods Istio measured with', async () => {
    // base = published − perKPods·2,000/1,000, so base + 2·perKPods is the published figure:
    // 60 MB = 60e6 / 1,048,576 = 57.2205 MiB (sidecar), 12 MB = 11.4441 MiB (ztunnel)
    const { sidecar, ztunnel } = (await loadProfile('istio-1.30')).spec;
    expect(sidecar.usage.memoryMiB.perKPods).toBeGreaterThan(0);
    expect(ztunnel.usage.memoryMiB.perKPods).toBeGreaterThan(0);
    expect(sidecar.usage.memoryMiB.base + 2 * sidecar.usage.memoryMiB.perKPods).toBeCloseTo(60e6 / MIB, 2);
    expect(ztunnel.usage.memoryMiB.base + 2 * ztunnel.usage.memoryMiB.perKPods).toBeCloseTo(12e6 / MIB, 2);
  });
});

describe('every built-in figure names its source', () => {
  it('flags a figure without a comment, one citing nothing, and a tag not in metadata.sources', () => {
    const profile = [
      'metadata: {name: t, sources: ["[charts] https://example.invalid"]}',
      'spec:',
      '  sidecar:',
      '    usage:',
      '      cpu: {base: 0, per1kRps: 0.2}',
      '      memoryMiB: {base: 57, per1kRps: 0}  # 60 MB',
      '    requests: {cpu: 100m, memory: 128Mi}  # [chart]',
      '  waypoint:',
      '    scaling:',
      "      minReplicas: 2  # mesh-cost's choice",
      '      headroom: 0  # none',
    ].join('\n');
    expect(undocumented(profile)).toEqual([
      'spec.sidecar.usage.cpu.base: no comment',
      'spec.sidecar.usage.cpu.per1kRps: no comment',
      'spec.sidecar.usage.memoryMiB.base: 57 cites no source',
      'spec.sidecar.requests.cpu: [chart] is not in metadata.sources',
      'spec.sidecar.requests.memory: [chart] is not in metadata.sources',
    ]);
  });

  it.each(builtinNames('proxies'))('proxy profile %s: every value has a comment citing a declared source', async (name) => {
    expect(undocumented(await text('proxies', name))).toEqual([]);
  });

  it.each([
    ...builtinNames('proxies').map((name) => ['proxies', name] as const),
    ...builtinNames('prices').map((name) => ['prices', name] as const),
  ])('%s/%s: has metadata.sources and a section in docs/sources.md', async (catalog, name) => {
    const loaded = catalog === 'proxies' ? await loadProfile(name) : await loadPriceSheet(name);
    expect(loaded.metadata.sources.length).toBeGreaterThan(0);
    const page = await readFile(join('docs', 'sources.md'), 'utf8');
    expect(page).toContain(`### \`${name}\``);
  });
});

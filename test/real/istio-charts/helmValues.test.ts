/**
 * Step 1's Helm values use only value names Istio's charts have (SOURCES.md): a key the
 * chart does not know is silently ignored by Helm, so a typo would leave istiod or
 * ztunnel at the chart's defaults instead of the sized requests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildManifests } from '../../../src/manifests/index.js';
import { profile as testProfile, inputFor, shop } from '../../manifests/plan.js';
import { proxyProfileSchema } from '../../../src/profiles/schema.js';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const CHART_OF: Record<string, string> = { 'istiod-values.yaml': 'istiod', 'istio-cni-values.yaml': 'cni', 'ztunnel-values.yaml': 'ztunnel' };

/** every component requested, so that every resources key is written (the test profile is parsed already: only the new parts go through the schema) */
const extra = proxyProfileSchema.parse({
  apiVersion: testProfile.apiVersion,
  kind: testProfile.kind,
  metadata: testProfile.metadata,
  spec: {
    cni: { usage: { cpu: { base: 0.01 } }, requests: { cpu: '100m', memory: '100Mi' } },
    controlPlane: { sidecar: { cpu: '500m', memory: '2Gi' }, ambient: { cpu: '500m', memory: '2Gi' } },
  },
});
const profile = { ...testProfile, spec: { ...testProfile.spec, cni: extra.spec.cni, controlPlane: extra.spec.controlPlane } };

/** A value's key paths down to its leaves; a list is a leaf (Helm replaces lists whole). */
function keys(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, [...prefix, k]));
}

function defaults(release: string, chart: string): Record<string, unknown> {
  const values = parse(readFileSync(`${DIR}${release}/${chart}/values.yaml`, 'utf8')) as Record<string, unknown>;
  // the charts' own convention: defaults live under this key and are set by the names below it
  return (values._internal_defaults_do_not_set as Record<string, unknown>) ?? values;
}

function unknownKeys(release: string, file: string, values: Record<string, unknown>): string[] {
  const chart = CHART_OF[file]!;
  const known = defaults(release, chart);
  return keys(values).flatMap((path) => {
    // `profile` is read by templates/zzz_profile.yaml, which loads files/profile-<name>.yaml
    if (path.join('.') === 'profile') return existsSync(`${DIR}${release}/${chart}/profile-${String(values.profile)}.yaml`) ? [] : [`${chart}: profile ${String(values.profile)}`];
    let node: unknown = known;
    for (const k of path) {
      if (node === null || typeof node !== 'object' || !(k in node)) return [`${chart}: ${path.join('.')}`];
      node = (node as Record<string, unknown>)[k];
    }
    return [];
  });
}

function stepOneValues(istioVersion: string) {
  const input = inputFor(shop(), { istioVersion });
  const set = buildManifests({ ...input, profile });
  return set.clusters[0]!.files.flatMap((f) => (f.kind === 'helmValues' ? [{ path: f.path, values: f.values }] : []));
}

describe.each([
  ['1.30', '1.30.3'],
  ['1.25', '1.25.5'],
])('Istio %s: the charts of %s', (target, release) => {
  it('every key of istiod-values, istio-cni-values and ztunnel-values is a value of its chart', () => {
    const files = stepOneValues(target);
    expect(files.map((f) => f.path)).toEqual(['istiod-values.yaml', 'istio-cni-values.yaml', 'ztunnel-values.yaml']);
    // what is written, so that the check below is about these keys
    expect(files.flatMap((f) => keys(f.values).map((k) => `${CHART_OF[f.path]}: ${k.join('.')}`))).toEqual([
      'istiod: profile',
      'istiod: resources.requests.cpu',
      'istiod: resources.requests.memory',
      'istiod: global.waypoint.resources.requests.cpu',
      'istiod: global.waypoint.resources.requests.memory',
      ...(target === '1.25' ? ['istiod: global.waypoint.topologySpreadConstraints'] : []),
      'cni: profile',
      'cni: resources.requests.cpu',
      'cni: resources.requests.memory',
      'ztunnel: resources.requests.cpu',
      'ztunnel: resources.requests.memory',
    ]);
    for (const f of files) expect(unknownKeys(release, f.path, f.values)).toEqual([]);
  });

  it('the check is not vacuous: a misspelt key or profile is caught', () => {
    expect(unknownKeys(release, 'ztunnel-values.yaml', { resource: { requests: { cpu: '1' } } })).toEqual(['ztunnel: resource.requests.cpu']);
    expect(unknownKeys(release, 'istiod-values.yaml', { global: { waypoints: { resources: { cpu: '1' } } } })).toEqual(['istiod: global.waypoints.resources.cpu']);
    expect(unknownKeys(release, 'istio-cni-values.yaml', { profile: 'ambiant' })).toEqual(['cni: profile ambiant']);
  });
});

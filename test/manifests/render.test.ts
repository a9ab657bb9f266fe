/** The three renderings of a manifest set: stdout stream, kustomize directory, dry-run listing. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fileText, GENERATED_BY, renderDirectory, renderDryRun, renderStream } from '../../src/manifests/render.js';
import type { KubeObject, ManifestSet } from '../../src/manifests/types.js';
import { hasKubectl } from './kubectl.js';
import { inventory, manifestsFor, nodes, shop, workload } from './plan.js';

const objects = (set: ManifestSet): KubeObject[] => set.clusters.flatMap((c) => c.files.flatMap((f) => (f.kind === 'resources' ? f.objects : [])));

function twoClusters(): ManifestSet {
  const inv = shop();
  inv.nodes.push(...nodes('stg', ['eu-1a'], 2));
  inv.workloads.push(workload('stg', 'checkout', 'checkout-api', { rps: 50, waypoint: true, canary: true }));
  return manifestsFor(inv, { mtls: 'strict' });
}

describe('stdout stream', () => {
  it('every object as one document, in file order; Helm values as a comment-only document', () => {
    const set = manifestsFor(shop(), { mtls: 'strict' });
    const docs = parseAllDocuments(renderStream(set));
    expect(Array.isArray(docs) && docs.every((d) => d.errors.length === 0)).toBe(true);
    const values = docs.map((d) => d.toJS());
    expect(values.filter((v) => v !== null)).toEqual(objects(set));
    expect(values.filter((v) => v === null)).toHaveLength(1);
    expect(renderStream(set)).toContain('# --- ztunnel-values.yaml\n');
    expect(renderStream(set)).toContain('\n# resources:\n#   requests:\n#     cpu: 200m\n#     memory: 512Mi\n---\n');
  });

  it('opens each cluster with a comment naming it', () => {
    const text = renderStream(twoClusters());
    const banners = text.split('\n').filter((l) => l.startsWith('# ===== cluster'));
    expect(banners).toEqual([
      '# ===== cluster prd (PRD): apply these documents to this cluster only =====',
      '# ===== cluster stg (STG): apply these documents to this cluster only =====',
    ]);
    expect(text.startsWith(banners[0]!)).toBe(true);
  });
});

describe('files', () => {
  it('each file begins with its sizing comment, and its YAML reads back as its objects', () => {
    for (const f of manifestsFor(shop(), { mtls: 'strict' }).clusters[0]!.files) {
      const text = fileText(f);
      expect(text.split('\n')[0]).toMatch(/^# \S/);
      const back = parseAllDocuments(text).map((d) => d.toJS());
      expect(back).toEqual(f.kind === 'resources' ? f.objects : [f.values]);
    }
  });

  it('one cluster: the directory is the kustomize root, listing every resource file and no Helm values', () => {
    const out = renderDirectory(manifestsFor(shop()));
    const paths = out.map((f) => f.path);
    expect(paths[0]).toBe('kustomization.yaml');
    const k = out[0]!.text;
    expect(k.startsWith(`# ${GENERATED_BY} for cluster prd (PRD).`)).toBe(true);
    expect(parse(k)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: paths.filter((p) => p !== 'kustomization.yaml' && p !== 'ztunnel-values.yaml'),
    });
  });

  it('several clusters: one kustomize root per cluster folder', () => {
    const paths = renderDirectory(twoClusters()).map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('kustomization.yaml'))).toEqual(['prd/kustomization.yaml', 'stg/kustomization.yaml']);
    expect(paths.every((p) => p.startsWith('prd/') || p.startsWith('stg/'))).toBe(true);
    expect(paths).toContain('stg/checkout/canary-checkout-api.yaml');
  });
});

describe('dry run', () => {
  it('lists what would be created, per cluster and namespace folder', () => {
    expect(renderDryRun(manifestsFor(inventory(nodes('prd', ['a', 'b'], 1), [workload('prd', 'shop', 'cart', { rps: 10, waypoint: true, canary: true }), workload('prd', 'shop', 'worker')]), { locality: 'none' }))).toBe(
      [
        'cluster prd (PRD): 6 files, 8 objects',
        '  (cluster-wide)',
        '    namespaces.yaml: Namespace shop',
        '    ztunnel-values.yaml: Helm values',
        '  argo-rollouts',
        '    argo-rollouts-config.yaml: ConfigMap argo-rollouts-config',
        '  shop',
        '    waypoint.yaml: Gateway waypoint; ConfigMap waypoint-params',
        '    service-patches.yaml: Service cart',
        '    canary-cart.yaml: Service cart-canary; HTTPRoute cart; Rollout cart',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl kustomize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-cost-kustomize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!hasKubectl)('builds every cluster folder into exactly the generated objects', () => {
    const set = twoClusters();
    for (const f of renderDirectory(set)) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    for (const c of set.clusters) {
      const built = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(dir, c.cluster)], { encoding: 'utf8' })).map((d) => d.toJS() as KubeObject);
      const id = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      const expected = c.files.flatMap((f) => (f.kind === 'resources' ? f.objects : []));
      expect(built.map(id).sort()).toEqual(expected.map(id).sort());
      for (const o of built) expect(o).toEqual(expected.find((e) => id(e) === id(o)));
    }
  });
});

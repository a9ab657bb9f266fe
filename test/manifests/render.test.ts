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
  it('every object as one document, in step order; Helm values and step 5\'s commands as comment-only documents', () => {
    const set = manifestsFor(shop(), { mtls: 'strict' });
    const text = renderStream(set);
    const docs = parseAllDocuments(text);
    expect(Array.isArray(docs) && docs.every((d) => d.errors.length === 0)).toBe(true);
    const values = docs.map((d) => d.toJS());
    expect(values.filter((v) => v !== null)).toEqual(objects(set));
    // istio-cni and ztunnel values, 5-remove-sidecars; the istiod values open the stream, before its
    // first `---`, where YAML reads a comment as the prelude of the document that follows
    expect(values.filter((v) => v === null)).toHaveLength(3);
    expect(text.startsWith('# ===== cluster prd (PRD)')).toBe(true);
    expect(text).toContain('# --- 1-ambient-install/ztunnel-values.yaml\n');
    expect(text).toContain('\n# resources:\n#   requests:\n#     cpu: 200m\n#     memory: 512Mi\n---\n');
    const steps = text.split('\n').filter((l) => l.startsWith('# ===== step')).map((l) => l.split(' ')[3]);
    expect(steps).toEqual(['1-ambient-install:', '2-waypoints:', '4-enrol:', '5-remove-sidecars:', '6-canary:', '7-strict-mtls:']);
    expect(text).toContain('#   $ kubectl label namespace checkout istio-injection- istio.io/rev-\n');
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

  it('one folder per cluster, one per step in it; a kustomization in each step that holds resources, listing exactly them', () => {
    const out = renderDirectory(manifestsFor(shop(), { mtls: 'strict' }));
    const paths = out.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('README.md'))).toEqual([
      'README.md',
      'prd/README.md',
      'prd/1-ambient-install/README.md',
      'prd/2-waypoints/README.md',
      'prd/4-enrol/README.md',
      'prd/5-remove-sidecars/README.md',
      'prd/6-canary/README.md',
      'prd/7-strict-mtls/README.md',
    ]);
    expect(paths.filter((p) => p.endsWith('kustomization.yaml'))).toEqual([
      'prd/2-waypoints/kustomization.yaml',
      'prd/4-enrol/kustomization.yaml',
      'prd/6-canary/kustomization.yaml',
      'prd/7-strict-mtls/kustomization.yaml',
    ]);
    expect(paths.filter((p) => p.startsWith('prd/1-ambient-install/'))).toEqual([
      'prd/1-ambient-install/README.md',
      'prd/1-ambient-install/istiod-values.yaml',
      'prd/1-ambient-install/istio-cni-values.yaml',
      'prd/1-ambient-install/ztunnel-values.yaml',
    ]);
    const k = out.find((f) => f.path === 'prd/4-enrol/kustomization.yaml')!.text;
    expect(k.startsWith(`# ${GENERATED_BY}: cluster prd (PRD), step 4-enrol.`)).toBe(true);
    expect(parse(k)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['namespaces.yaml', 'catalog/service-patches.yaml', 'checkout/service-patches.yaml'],
    });
    expect(out[0]!.text.startsWith(`# ${GENERATED_BY}\n`)).toBe(true);
  });

  it("each step's README gives the commands and the check before the next step", () => {
    const out = renderDirectory(manifestsFor(shop(), { mtls: 'strict' }));
    const readme = (step: string) => out.find((f) => f.path === `prd/${step}/README.md`)!.text;
    expect(readme('2-waypoints')).toContain(
      '## Check before 4-enrol\n\n```sh\nkubectl wait --for=condition=Programmed gateway/waypoint -n catalog --timeout=5m\nkubectl wait --for=condition=Programmed gateway/waypoint -n checkout --timeout=5m\n```\n',
    );
    expect(readme('1-ambient-install')).toContain("helm upgrade --install ztunnel istio/ztunnel -n istio-system --version '~1.30.0' -f ztunnel-values.yaml --wait\n");
    expect(readme('7-strict-mtls')).toMatch(/STRICT breaks callers outside the mesh, such as API-server webhooks .* an unmeshed Prometheus/);
    expect(readme('7-strict-mtls')).toContain('## Check\n');
    expect(out.find((f) => f.path === 'prd/README.md')!.text).toContain(
      '- [`1-ambient-install`](1-ambient-install/README.md): Install the ambient components\n- [`2-waypoints`](2-waypoints/README.md): Deploy the waypoints\n',
    );
  });

  it('several clusters: one folder each', () => {
    const paths = renderDirectory(twoClusters()).map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('/README.md') && p.split('/').length === 2)).toEqual(['prd/README.md', 'stg/README.md']);
    expect(paths.every((p) => p === 'README.md' || p.startsWith('prd/') || p.startsWith('stg/'))).toBe(true);
    expect(paths).toContain('stg/6-canary/checkout/canary-checkout-api.yaml');
  });
});

describe('dry run', () => {
  it('lists what would be created, per cluster and step', () => {
    expect(renderDryRun(manifestsFor(inventory(nodes('prd', ['a', 'b'], 1), [workload('prd', 'shop', 'cart', { rps: 10, waypoint: true, canary: true }), workload('prd', 'shop', 'worker')]), { locality: 'none' }))).toBe(
      [
        'cluster prd (PRD): 8 files, 8 objects',
        '  1-ambient-install: Install the ambient components',
        '    istiod-values.yaml: Helm values',
        '    istio-cni-values.yaml: Helm values',
        '    ztunnel-values.yaml: Helm values',
        '  2-waypoints: Deploy the waypoints',
        '    shop/waypoint.yaml: Gateway waypoint; ConfigMap waypoint-params',
        '  4-enrol: Enrol the namespaces',
        '    namespaces.yaml: Namespace shop',
        '    shop/service-patches.yaml: Service cart',
        '  5-remove-sidecars: Remove the sidecars (4 commands)',
        '  6-canary: Canary releases through the waypoints',
        '    argo-rollouts/argo-rollouts-config.yaml: ConfigMap argo-rollouts-config',
        '    shop/canary-cart.yaml: Service cart-canary; HTTPRoute cart; Rollout cart',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl kustomize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-cost-kustomize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!hasKubectl)("builds every cluster's every step into exactly that step's objects", () => {
    const set = twoClusters();
    for (const f of renderDirectory(set)) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    for (const c of set.clusters) {
      for (const g of c.steps) {
        const expected = c.files.filter((f) => f.step === g.step).flatMap((f) => (f.kind === 'resources' ? f.objects : []));
        if (expected.length === 0) continue;
        const built = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(dir, c.cluster, g.step)], { encoding: 'utf8' })).map((d) => d.toJS() as KubeObject);
        const id = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        expect(built.map(id).sort()).toEqual(expected.map(id).sort());
        for (const o of built) expect(o).toEqual(expected.find((e) => id(e) === id(o)));
      }
    }
  });
});

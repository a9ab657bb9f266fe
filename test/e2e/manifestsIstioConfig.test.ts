/**
 * `--istio-config` through the built CLI: bookinfo's pods as `kubectl get nodes,pods`
 * prints them (labels from the Deployments' pod templates) and its Istio configuration
 * as `kubectl get services,virtualservices,… -o json` prints it. The waypoints it needs
 * are priced by `estimate` and deployed by `manifests`; what ambient does not carry over
 * is in the report and in the README.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { hasKubectl } from '../manifests/kubectl.js';
import { bookinfoCluster } from '../real/istio-config/corpus.js';
import { runCli } from './run.js';

const scratch = await mkdtemp(join(tmpdir(), 'mesh-cost-istio-config-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const kube = join(scratch, 'cluster.json');
const istio = join(scratch, 'istio.json');

beforeAll(async () => {
  const cluster = bookinfoCluster();
  await writeFile(kube, cluster.kube);
  await writeFile(istio, cluster.istio);
});

describe('--istio-config (built CLI)', () => {
  it('estimate prices the waypoint the configuration needs, and reports what ambient does not carry over', async () => {
    const without = JSON.parse((await runCli(['estimate', '--kube', kube, '-f', 'json'])).stdout);
    expect(without.lineItems.filter((l: { component: string }) => l.component === 'waypoint')).toEqual([]);
    expect(without.readiness).toBeUndefined();

    const r = await runCli(['estimate', '--kube', kube, '--istio-config', istio, '-f', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // one waypoint for namespace default (reviews: weights; productpage: methods), at the profile's 2 replicas (no traffic given)
    expect(report.lineItems.filter((l: { component: string }) => l.component === 'waypoint').map((l: { namespace: string; count: number }) => [l.namespace, l.count])).toEqual([['default', 2]]);
    expect(report.ambient.waypoints).toBe(1);
    expect(report.inputs.sources).toContain(istio);
    expect(report.readiness.map((f: { namespace: string; kind: string; name: string }) => `${f.namespace} ${f.kind} ${f.name}`)).toEqual([
      'default AuthorizationPolicy productpage-viewer',
      'default DestinationRule reviews',
      'default VirtualService reviews',
      'istio-system EnvoyFilter filter-ratelimit',
      'istio-system EnvoyFilter filter-ratelimit-svc',
    ]);
    expect(report.readiness.every((f: { cluster: string }) => f.cluster === 'default')).toBe(true);
  });

  it('manifests deploy that waypoint, copy the policy for it and list the findings in the README; every step renders', async () => {
    const out = join(scratch, 'out');
    const r = await runCli(['manifests', '--kube', kube, '--istio-config', istio, '--istio-version', '1.30', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${out}/default: 1-ambient-install → 2-waypoints → 3-policies → 4-enrol → 5-remove-sidecars`);
    const policies = await readFile(join(out, 'default', '3-policies', 'default', 'policies.yaml'), 'utf8');
    expect(parseAllDocuments(policies).map((d) => d.toJS())).toEqual([
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'productpage-viewer-waypoint', namespace: 'default' },
        spec: { action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }], targetRefs: [{ group: '', kind: 'Service', name: 'productpage' }] },
      },
    ]);
    const patches = parseAllDocuments(await readFile(join(out, 'default', '4-enrol', 'default', 'service-patches.yaml'), 'utf8')).map((d) => d.toJS().metadata);
    expect(patches.map((m) => [m.name, m.labels['istio.io/use-waypoint'], m.annotations['networking.istio.io/traffic-distribution']])).toEqual([
      ['productpage', 'waypoint', 'PreferSameZone'],
      ['reviews', 'waypoint', 'PreferSameZone'],
    ]);
    const readme = await readFile(join(out, 'default', 'README.md'), 'utf8');
    expect(readme).toContain('## Readiness: what ambient does not carry over as it is\n\n### default\n\n- AuthorizationPolicy `productpage-viewer`: ');
    expect(readme).toContain('### istio-system\n\n- EnvoyFilter `filter-ratelimit`: configures sidecar Envoys');
    if (!hasKubectl) return;
    for (const step of ['2-waypoints', '3-policies', '4-enrol']) {
      expect(existsSync(join(out, 'default', step, 'kustomization.yaml'))).toBe(true);
      const built = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(out, 'default', step)], { encoding: 'utf8' }));
      expect(built.every((d) => d.errors.length === 0 && typeof d.toJS().kind === 'string')).toBe(true);
    }
  });

  it('the table and markdown list the readiness findings, html in a section; the CSV export says where they are', async () => {
    const title = '5 objects of the Istio configuration do not carry over to ambient as they are';
    const table = await runCli(['estimate', '--kube', kube, '--istio-config', istio]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`Readiness: ${title}:\n- `);
    expect(table.stdout).toMatch(/^- \S+\/istio-system EnvoyFilter\/filter-ratelimit: configures sidecar Envoys/m);
    expect(table.stderr).not.toContain(title);
    const markdown = await runCli(['estimate', '--kube', kube, '--istio-config', istio, '-f', 'markdown']);
    expect(markdown.stdout).toContain(`<details><summary>Readiness: ${title}</summary>`);
    const html = await runCli(['estimate', '--kube', kube, '--istio-config', istio, '-f', 'html']);
    expect(html.stdout).toContain(`<section id="readiness"><h2>Readiness for ambient</h2><p>${title}.</p>`);
    const csv = await runCli(['estimate', '--kube', kube, '--istio-config', istio, '-f', 'csv']);
    expect(csv.stderr).toContain(`mesh-cost: ${title}: see "readiness" in -f json`);
  });

  it('--istio-config - reads stdin, like --kube -', async () => {
    const r = await runCli(['estimate', '--kube', kube, '--istio-config', '-', '-f', 'json'], { input: await readFile(istio) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.readiness).toHaveLength(5);
    expect(report.inputs.sources).toContain('<stdin>');
  });
});

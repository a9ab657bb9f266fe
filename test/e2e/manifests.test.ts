import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { hasKubectl } from '../manifests/kubectl.js';
import { runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv'];
const scratch = await mkdtemp(join(tmpdir(), 'mesh-cost-manifests-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));


describe('mesh-cost manifests (built CLI)', () => {
  it('writes the olx-india migration as a YAML stream, byte-identical run after run', async () => {
    const first = await runCli(['manifests', '--example', 'olx-india']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    await expect(first.stdout).toMatchFileSnapshot('__snapshots__/olx-india-manifests.yaml');
    const again = await runCli(['manifests', '--example', 'olx-india']);
    expect(again.stdout).toBe(first.stdout);
  });

  it('the stream holds only Kubernetes objects (kubectl apply -f - skips the comment-only Helm values)', async () => {
    const r = await runCli(['manifests', ...small, '--mtls', 'strict']);
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs.filter((d) => d !== null).map((d) => `${d.kind} ${d.metadata.namespace ?? ''}/${d.metadata.name}`)).toEqual([
      'Namespace /shop',
      'ConfigMap argo-rollouts/argo-rollouts-config',
      'PeerAuthentication istio-system/default',
      'Gateway shop/waypoint',
      'ConfigMap shop/waypoint-params',
      'Service shop/web',
      'Service shop/web-canary',
      'HTTPRoute shop/web',
      'Rollout shop/web',
    ]);
  });

  it('--out writes one kustomize folder per cluster that kubectl kustomize builds', async () => {
    const out = join(scratch, 'olx');
    const r = await runCli(['manifests', '--example', 'olx-india', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^mesh-cost: wrote \d+ files to .*olx; apply with kubectl apply -k .*olx\/olx-prd, kubectl apply -k .*olx\/olx-qa, kubectl apply -k .*olx\/olx-stg/);
    expect((await readdir(out)).sort()).toEqual(['olx-prd', 'olx-qa', 'olx-stg']);
    expect((await readdir(join(out, 'olx-prd'))).sort()).toEqual([
      'ads',
      'argo-rollouts',
      'chat',
      'kustomization.yaml',
      'listings',
      'namespaces.yaml',
      'search',
      'ztunnel-values.yaml',
    ]);
    expect(await readFile(join(out, 'olx-prd', 'listings', 'waypoint.yaml'), 'utf8')).toMatch(
      /^# Waypoint for namespace listings in cluster olx-prd \(PRD\)[^\n]*\n# L7 workloads: listings-api 4,000 rps, listings-read 2,667 rps\.\n# 6,667 rps × 60 = 400k rpm; 400k rpm × 1\.6 \/ 50k rpm per replica → 13 replicas \(12\.8 rounded up\)\.\n/,
    );
    if (!hasKubectl) return;
    for (const cluster of ['olx-prd', 'olx-qa', 'olx-stg']) {
      const built = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(out, cluster)], { encoding: 'utf8' }));
      expect(built.length).toBeGreaterThan(9);
      expect(built.every((d) => d.errors.length === 0 && typeof d.toJS().kind === 'string')).toBe(true);
    }
  });

  it('--out replaces its own earlier output, stale files included, and refuses a foreign directory', async () => {
    const out = join(scratch, 'rerun');
    expect((await runCli(['manifests', ...small, '--mtls', 'strict', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'istio-system', 'peer-authentication.yaml'))).toBe(true);
    expect((await runCli(['manifests', ...small, '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'istio-system'))).toBe(false);
    expect(await readFile(join(out, 'kustomization.yaml'), 'utf8')).not.toContain('peer-authentication');

    const foreign = join(scratch, 'foreign');
    await mkdir(foreign);
    await writeFile(join(foreign, 'notes.txt'), 'mine');
    const r = await runCli(['manifests', ...small, '--out', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mesh-cost: ${foreign}: --out: the directory holds files mesh-cost did not write; choose a new or empty directory\n`);
    expect(await readdir(foreign)).toEqual(['notes.txt']);
  });

  it('--dry-run lists what would be created and writes nothing, even with --out', async () => {
    const out = join(scratch, 'dry');
    const r = await runCli(['manifests', '--example', 'olx-india', '--dry-run', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('cluster olx-prd (PRD): 16 files, 43 objects');
    expect(r.stdout).toContain('\n  listings\n    waypoint.yaml: Gateway waypoint; ConfigMap waypoint-params\n    service-patches.yaml: Service listings-api, listings-read\n');
    expect(r.stdout).toContain('\ncluster olx-stg (STG): 2 files, 10 objects\n');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming the input row of a name Kubernetes would reject', async () => {
    const dir = await mkdtemp(join(scratch, 'bad-'));
    await writeFile(join(dir, 'nodes.csv'), 'cluster,node,zone,vcpu,memory\nc1,n1,z1,4,16Gi\n');
    await writeFile(join(dir, 'workloads.csv'), 'cluster,namespace,workload,replicas,rps,waypoint\nc1,shop,web,2,10,true\nc1,Shop_EU,api,2,0,false\n');
    const r = await runCli(['manifests', '--nodes', join(dir, 'nodes.csv'), '--workloads', join(dir, 'workloads.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `mesh-cost: ${join(dir, 'workloads.csv')}:3: namespace "Shop_EU" is not a DNS-1123 label (at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit)\n`,
    );
  });

  it('exits 2 when nothing in the inventory is meshed', async () => {
    const dir = await mkdtemp(join(scratch, 'empty-'));
    await writeFile(join(dir, 'workloads.csv'), 'cluster,namespace,workload,kind,replicas\nc1,kube-system,coredns,Deployment,2\nc1,logging,agent,DaemonSet,3\n');
    const r = await runCli(['manifests', '--nodes', 'test/fixtures/small/nodes.csv', '--workloads', join(dir, 'workloads.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // the model's own error: nothing to price is nothing to deploy
    expect(r.stderr).toBe(
      `mesh-cost: nothing to price: read test/fixtures/small/nodes.csv, ${join(dir, 'workloads.csv')} (2 nodes, 2 workloads); expected at least one meshed workload, found none (1 in excluded namespaces, 1 DaemonSets or host-network without istio-proxy)\n`,
    );
  });

  it('rejects an unknown --mtls mode', async () => {
    const r = await runCli(['manifests', ...small, '--mtls', 'sometimes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'sometimes' is invalid\. Allowed choices are strict, permissive/);
  });
});

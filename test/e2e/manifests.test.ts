import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_PROFILE } from '../../src/profiles/defaultProfile.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { hasKubectl } from '../manifests/kubectl.js';
import { runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv'];
const scratch = await mkdtemp(join(tmpdir(), 'mesh-cost-manifests-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));


/** Every file of a directory, in path order, as one text: the snapshot of a staged output. */
async function tree(dir: string): Promise<string> {
  const paths = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
  const parts = await Promise.all(paths.sort().map(async (p) => `==> ${p} <==\n${await readFile(join(dir, p), 'utf8')}`));
  return parts.join('\n');
}

describe('mesh-cost manifests (built CLI)', () => {
  it('writes the olx-india migration as a YAML stream in step order, byte-identical run after run', async () => {
    const first = await runCli(['manifests', '--example', 'olx-india', '--istio-version', '1.30']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    await expect(first.stdout).toMatchFileSnapshot('__snapshots__/olx-india-manifests.yaml');
    const again = await runCli(['manifests', '--example', 'olx-india', '--istio-version', '1.30']);
    expect(again.stdout).toBe(first.stdout);
  });

  it('the stream holds only Kubernetes objects, in step order (kubectl apply -f - skips the comment-only Helm values and commands)', async () => {
    const r = await runCli(['manifests', ...small, '--mtls', 'strict', '--istio-version', '1.30']);
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs.filter((d) => d !== null).map((d) => `${d.kind} ${d.metadata.namespace ?? ''}/${d.metadata.name}`)).toEqual([
      'Gateway shop/waypoint',
      'ConfigMap shop/waypoint-params',
      'Namespace /shop',
      'Service shop/web',
      'ConfigMap argo-rollouts/argo-rollouts-config',
      'Service shop/web-canary',
      'HTTPRoute shop/web',
      'Rollout shop/web',
      'PeerAuthentication istio-system/default',
    ]);
  });

  it('--out writes the olx-india migration as one folder per cluster and one per step (snapshot), and the hint lists the steps in order', async () => {
    const out = join(scratch, 'olx');
    const r = await runCli(['manifests', '--example', 'olx-india', '--istio-version', '1.30', '--mtls', 'strict', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // 4 READMEs (the top one, one per cluster); olx-prd: 1-ambient-install README + 3 values, 2-waypoints
    // README + kustomization + 4 waypoints, 4-enrol README + kustomization + namespaces + 4 service patches,
    // 5-remove-sidecars README, 6-canary README + kustomization + plugin config + 5 canaries (ads-serving,
    // chat-gateway, listings-api, listings-read, search-api), 7-strict-mtls README + kustomization +
    // PeerAuthentication = 4 + 6 + 7 + 1 + 8 + 3 = 29;
    // olx-qa and olx-stg each 4 + 3 (README, kustomization, namespaces) + 1 + 3 = 11. 4 + 29 + 11 + 11 = 55
    expect(r.stderr).toBe(
      [
        `mesh-cost: wrote 55 files to ${out}. Apply each cluster's steps in order, from its folder, running each README's check before the next step:`,
        `  ${out}/olx-prd: 1-ambient-install → 2-waypoints → 4-enrol → 5-remove-sidecars → 6-canary → 7-strict-mtls`,
        `  ${out}/olx-qa: 1-ambient-install → 4-enrol → 5-remove-sidecars → 7-strict-mtls`,
        `  ${out}/olx-stg: 1-ambient-install → 4-enrol → 5-remove-sidecars → 7-strict-mtls`,
        '',
      ].join('\n'),
    );
    expect((await readdir(out)).sort()).toEqual(['README.md', 'olx-prd', 'olx-qa', 'olx-stg']);
    expect((await readdir(join(out, 'olx-prd'))).sort()).toEqual(['1-ambient-install', '2-waypoints', '4-enrol', '5-remove-sidecars', '6-canary', '7-strict-mtls', 'README.md']);
    expect(await readFile(join(out, 'olx-prd', '2-waypoints', 'listings', 'waypoint.yaml'), 'utf8')).toMatch(
      /^# Waypoint for namespace listings in cluster olx-prd \(PRD\)[^\n]*\n# L7 workloads: listings-api 4,000 rps, listings-read 2,667 rps\.\n# 6,667 rps × 60 = 400k rpm; 400k rpm × 1\.6 \/ 50k rpm per replica → 13 replicas \(12\.8 rounded up\)/,
    );
    await expect(await tree(out)).toMatchFileSnapshot('__snapshots__/olx-india-manifests-out.txt');
    if (!hasKubectl) return;
    for (const cluster of ['olx-prd', 'olx-qa', 'olx-stg']) {
      for (const step of await readdir(join(out, cluster))) {
        if (!existsSync(join(out, cluster, step, 'kustomization.yaml'))) continue;
        const built = parseAllDocuments(execFileSync('kubectl', ['kustomize', join(out, cluster, step)], { encoding: 'utf8' }));
        expect(built.length).toBeGreaterThan(0);
        expect(built.every((d) => d.errors.length === 0 && typeof d.toJS().kind === 'string')).toBe(true);
      }
    }
  });

  it('--out folders get the umask, as -o files do; a missing parent is an error for both', async () => {
    const out = join(scratch, 'umask');
    const r = await runCli(['manifests', ...small, '--out', out]);
    expect(r.code).toBe(0);
    const mode = (p: string) => statSync(p).mode & 0o777;
    const umask = process.umask();
    for (const dir of [out, join(out, 'c1'), join(out, 'c1', '2-waypoints'), join(out, 'c1', '2-waypoints', 'shop')]) expect(mode(dir)).toBe(0o777 & ~umask);
    const missing = join(scratch, 'no-such-parent', 'out');
    const bad = await runCli(['manifests', ...small, '--out', missing]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`mesh-cost: ${missing}: --out: cannot write: no such folder ${JSON.stringify(join(scratch, 'no-such-parent'))}\n`);
    expect(existsSync(join(scratch, 'no-such-parent'))).toBe(false);
  });

  it('--out replaces its own earlier output, stale files included, and refuses a foreign directory', async () => {
    const out = join(scratch, 'rerun');
    expect((await runCli(['manifests', ...small, '--mtls', 'strict', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'c1', '7-strict-mtls', 'istio-system', 'peer-authentication.yaml'))).toBe(true);
    expect((await runCli(['manifests', ...small, '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'c1', '7-strict-mtls'))).toBe(false);
    expect(await readFile(join(out, 'c1', 'README.md'), 'utf8')).not.toContain('7-strict-mtls');

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
    expect(r.stdout.split('\n')[0]).toBe('cluster olx-prd (PRD): 18 files, 43 objects');
    expect(r.stdout).toContain('\n  4-enrol: Enrol the namespaces\n    namespaces.yaml: Namespace ');
    expect(r.stdout).toContain('\n    listings/service-patches.yaml: Service listings-api, listings-read\n');
    expect(existsSync(out)).toBe(false);
  });

  it('--istio-version: the default is the default profile\'s release; bad input is one line, exit 2', async () => {
    const version = DEFAULT_PROFILE.replace(/^istio-/, '');
    const r = await runCli(['manifests', ...small]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`--version '~${version}.0'`);
    for (const [arg, found] of [['1.3x', '"1.3x"'], ['1.23', '"1.23"'], ['v1.30', '"v1.30"']] as const) {
      const bad = await runCli(['manifests', ...small, '--istio-version', arg]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(new RegExp(`^mesh-cost: --istio-version: [^\\n]* found ${found.replace('.', '\\.')}\\n$`));
    }
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

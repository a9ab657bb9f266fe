/**
 * The scope flags (DESIGN sections 3 and 5): `--exclude-namespace` adds to the default
 * exclusions, `--no-default-excludes` drops them, `--scope` forces a reading; the config
 * file's `excludeNamespaces`, `defaultExcludes` and `scope` do the same.
 *
 * test/fixtures/small: shop/web 2 + shop/worker 1, kube-system/coredns 2, logging/agent (DaemonSet) 2.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv', '-f', 'json'];
const meshedPods = async (...args: string[]) => {
  const r = await runCli(['estimate', ...small, ...args]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).inputs.meshedPods as number;
};

describe('scope flags (built CLI)', () => {
  it('--exclude-namespace adds to the defaults: kube-system stays out', async () => {
    // shop out, kube-system still out, the DaemonSet never in: nothing left to price
    const r = await runCli(['estimate', ...small, '--exclude-namespace', 'shop']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'mesh-cost: nothing to price: read test/fixtures/small/nodes.csv, test/fixtures/small/workloads.csv (2 nodes, 4 workloads); expected at least one meshed workload, found none (3 in excluded namespaces, 1 DaemonSets or host-network without istio-proxy)\n',
    );
  });

  it('--no-default-excludes prices the system namespaces too; with --exclude-namespace, only those named are out', async () => {
    // web 2 + worker 1 + coredns 2 = 5
    expect(await meshedPods('--no-default-excludes')).toBe(5);
    // coredns 2 alone
    expect(await meshedPods('--no-default-excludes', '--exclude-namespace', 'shop')).toBe(2);
    expect(await meshedPods()).toBe(3);
  });

  it('--scope mesh on an inventory without labels or istio-proxy pods is nothing to price', async () => {
    const r = await runCli(['estimate', ...small, '--scope', 'mesh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mesh-cost: nothing to price: .* found none \(1 in excluded namespaces, 2 outside the mesh \(--scope mesh\), 1 DaemonSets or host-network without istio-proxy\)\n$/);
    const all = JSON.parse((await runCli(['estimate', ...small, '--scope', 'all'])).stdout);
    expect(all.inputs.scope).toEqual({ mode: 'all', reason: '--scope all: every namespace outside the excluded ones', namespaces: 1 });
  });

  it('the config file says the same: excludeNamespaces adds, defaultExcludes: false drops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-scope-'));
    const config = (extra: string) => {
      const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
      return writeFile(file, `version: 1\ninputs: {nodes: ${ROOT}test/fixtures/small/nodes.csv, workloads: ${ROOT}test/fixtures/small/workloads.csv}\n${extra}`).then(() => file);
    };
    const pods = async (extra: string, ...args: string[]) => JSON.parse((await runCli(['estimate', '-f', 'json', '-c', await config(extra), ...args])).stdout).inputs.meshedPods;
    expect(await pods('defaultExcludes: false\n')).toBe(5);
    expect(await pods('defaultExcludes: false\nexcludeNamespaces: [shop]\n')).toBe(2);
    // a flag adds to the file's list
    expect(await pods('defaultExcludes: false\nexcludeNamespaces: [logging]\n', '--exclude-namespace', 'kube-system')).toBe(3);
  });
});

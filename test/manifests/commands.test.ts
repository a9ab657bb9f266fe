/**
 * The kubectl commands the step READMEs print are valid kubectl: each runs against a
 * kubeconfig whose API server is 127.0.0.1:1, where nothing listens, so a command
 * kubectl accepts gets as far as "connection refused" (after `apply -k` has built its
 * kustomization), and a bad flag, verb or argument fails before that. helm and istioctl
 * are not installed here; their lines, and a download from the internet, are not run.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { addIstioObject, emptyIstioConfig, findL7, overlayWaypoints } from '../../src/istio/index.js';
import { renderDirectory } from '../../src/manifests/render.js';
import type { ManifestSet } from '../../src/manifests/types.js';
import { inventoryOf, snippetObjects, yamlObjects } from '../real/istio-config/corpus.js';
import { hasKubectl } from './kubectl.js';
import { manifestsFor, shop } from './plan.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'mesh-cost-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(
  kubeconfig,
  'apiVersion: v1\nkind: Config\nclusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]\ncontexts: [{name: none, context: {cluster: none, user: none}}]\nusers: [{name: none, user: {token: x}}]\ncurrent-context: none\n',
);

function bookinfo(): ManifestSet {
  const objects = [
    ...yamlObjects('istio/bookinfo.yaml'),
    ...yamlObjects('istio/virtual-service-reviews-80-20.yaml'),
    ...snippetObjects('istio.io/authz-http-snips.sh', 'snip_configure_access_control_for_workloads_using_http_traffic_2'),
  ];
  const config = emptyIstioConfig();
  for (const o of objects) addIstioObject(config, o, { file: 'corpus' });
  const base = inventoryOf(objects, { rps: 100 });
  const istio = findL7(config, 'c1', base.workloads);
  return manifestsFor(overlayWaypoints(base, istio), { istio, mtls: 'strict' });
}

/** Every kubectl command of every step, with the folder it runs in. */
function kubectlCommands(name: string, set: ManifestSet): { cwd: string; command: string }[] {
  const root = join(dir, name);
  for (const f of renderDirectory(set)) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  return set.clusters.flatMap((c) =>
    c.steps.flatMap((g) =>
      [...g.apply, ...g.check.commands]
        .flatMap((line) => line.split(' || '))
        .filter((command) => command.includes('kubectl') && !command.startsWith('istioctl') && !command.startsWith('helm') && !command.includes('https://'))
        .map((command) => ({ cwd: join(root, c.cluster, g.step), command })),
    ),
  );
}

describe.skipIf(!hasKubectl)('README commands', () => {
  const cases = [...kubectlCommands('shop', manifestsFor(shop(), { mtls: 'strict' })), ...kubectlCommands('bookinfo', bookinfo())];

  it('covers every kind of step command', () => {
    const verbs = new Set(cases.map((c) => /kubectl (\S+)/.exec(c.command)![1]));
    expect([...verbs].sort()).toEqual(['apply', 'get', 'label', 'rollout', 'wait']);
  });

  it.each(cases)('$command', async ({ cwd, command }) => {
    const result = await run('sh', ['-c', command], { cwd, env: { ...process.env, KUBECONFIG: kubeconfig } }).then(
      (r) => r.stderr,
      (e: { stderr: string }) => e.stderr,
    );
    expect(result).not.toMatch(/unknown (flag|command|shorthand)|invalid argument|must specify|error: (?!.*127\.0\.0\.1:1)/i);
    expect(result).toMatch(/127\.0\.0\.1:1.*refused/);
  });
});

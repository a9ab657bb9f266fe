/**
 * Every `mesh-cost` command docs/manifests.md shows in a code block runs as written
 * (the usage synopsis, in brackets, is not a command), in a folder holding the files the
 * page tells the user to make with kubectl (bookinfo's, from the corpus).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bookinfoCluster } from '../real/istio-config/corpus.js';
import { ROOT, runCli } from './run.js';

const page = await readFile(join(ROOT, 'docs', 'manifests.md'), 'utf8');
const blocks = [...page.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const commands = blocks.flatMap((b) => b.split('\n')).filter((l) => l.startsWith('mesh-cost ') && !l.includes('['));

const cwd = await mkdtemp(join(tmpdir(), 'mesh-cost-docs-'));
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('docs/manifests.md', () => {
  it('shows the commands this test runs', () => {
    expect(commands).toEqual([
      'mesh-cost manifests --example olx-india --mtls strict --out migration',
      'mesh-cost manifests --example olx-india --istio-version 1.25 --dry-run',
      'mesh-cost estimate --kube cluster.json --istio-config istio.json',
      'mesh-cost manifests --kube cluster.json --istio-config istio.json --out migration',
    ]);
  });

  it.each(commands)('%s', async (command) => {
    const cluster = bookinfoCluster();
    await writeFile(join(cwd, 'cluster.json'), cluster.kube);
    await writeFile(join(cwd, 'istio.json'), cluster.istio);
    // no quoting in these commands: words are split on spaces
    const r = await runCli(command.split(' ').slice(1), { cwd });
    // warnings (the kubectl dump carries no traffic) are fine; a stack trace is not
    expect(r.stderr).not.toMatch(/\n    at /);
    expect(r.code).toBe(0);
  });
});

/**
 * Every `mesh-cost` command README.md and docs/*.md show runs as written (DESIGN section 7),
 * through the built CLI, in a scratch folder per page (commands that write files write
 * there, and a page's later commands read what its earlier ones wrote). The files a page
 * tells the user to make themselves are put there first (FILES); `fixtures/` is linked
 * in, so the bundled examples are found by the paths the pages give.
 *
 * What needs a live account or server is run against the local stand-ins the other e2e
 * tests use: New Relic's NerdGraph (test/nerdgraph) and a real Prometheus
 * (test/prometheus, skipped with the Prometheus tests when the binary is missing).
 * kubectl, helm and istioctl commands need a cluster: they are not run (the page's
 * `kubectl … | mesh-cost …` gets the dump kubectl would print from FILES instead).
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAccount, startNerdGraphStub, type NerdGraphStub } from '../nerdgraph/stub.mjs';
import { PRD, STG, TIME, serve, type Served } from '../prometheus/fixture.js';
import { prometheusAvailable } from '../prometheus/server.mjs';
import { bookinfoCluster } from '../real/istio-config/corpus.js';
import { commandsIn, docCommands, type DocCommand } from './docsCommands.js';
import { ROOT, runCli } from './run.js';

const bookinfo = bookinfoCluster();

/** the files the pages name that the user makes (with kubectl, or by hand), by name */
const FILES: Record<string, () => Promise<string> | string> = {
  // docs/inputs.md and docs/manifests.md: `kubectl get nodes,pods -A -o json > cluster.json` and the Istio config
  'cluster.json': () => bookinfo.kube,
  'istio.json': () => bookinfo.istio,
  // docs/inputs.md: `kubectl get namespaces -o json > namespaces.json`
  'namespaces.json': () => readFile(join(ROOT, 'fixtures/kube/namespaces.json'), 'utf8'),
  // docs/inputs.md: the traffic overlay for the cluster it names prod-eu (bookinfo's productpage)
  'traffic.csv': () => 'cluster,namespace,workload,rps,waypoint\nprod-eu,default,productpage-v1,120,true\n',
  // docs/prometheus.md: the waypoints of the Prometheus stand-in's shop
  'waypoints.csv': () => 'cluster,namespace,workload,waypoint\nprd,shop,web,true\n',
};

/** what a page pipes into mesh-cost, by the command that would print it */
const STDIN: Record<string, string> = {
  'kubectl get nodes,pods -A -o json': 'cluster.json',
};

// the NerdGraph stand-in answers only for this key and account
const NR_KEY = 'NRAK-DOCSTESTKEY4J7Q2W';
const NR_ACCOUNT = 1234567;
const PROMETHEUS_URL = /^https?:\/\/prometheus\.monitoring:9090$/;

const prometheus = prometheusAvailable();
let stub: NerdGraphStub;
let served: Served | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  stub = await startNerdGraphStub({
    events: generateAccount({ clusters: [{ name: 'prd', nodes: 3, namespaces: [{ name: 'shop', workloads: [{ name: 'cart', replicas: 3, rps: 200 }] }] }] }),
    apiKey: NR_KEY,
    accountId: NR_ACCOUNT,
  });
  if (prometheus) served = await serve({ clusters: [PRD, STG] });
}, 120_000);
afterAll(async () => {
  await stub?.close();
  await served?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** the command's words, pointed at the stand-ins where it reads a live source */
function argsOf(c: DocCommand): string[] {
  // split on spaces: valid only while no argument in the docs needs shell quoting
  const args = c.command.split(/\s+/).slice(1);
  if (args.includes('--newrelic') || (args[0] === 'newrelic' && args[1] === 'export')) return [...args, '--nr-endpoint', stub.url];
  const url = args.indexOf('--prometheus');
  if (url >= 0 && PROMETHEUS_URL.test(args[url + 1] ?? '')) {
    // the stand-in holds its samples up to TIME: evaluate there, over the page's --since
    return [...args.slice(0, url + 1), served!.server.url, ...args.slice(url + 2), '--prom-time', TIME];
  }
  return args;
}

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-docs-'));
  dirs.push(dir);
  await symlink(join(ROOT, 'fixtures'), join(dir, 'fixtures'));
  for (const [name, make] of Object.entries(FILES)) await writeFile(join(dir, name), await make());
  return dir;
}

const commands = docCommands(ROOT);
const pages = [...new Set(commands.map((c) => c.page))];

describe('the commands the docs show', () => {
  it('are found on every page that shows one', () => {
    // the pages that show commands today; a page dropping out here lost its commands to a parsing change
    expect(pages).toEqual(['README.md', 'docs/capacity.md', 'docs/ci.md', 'docs/inputs.md', 'docs/manifests.md', 'docs/newrelic.md', 'docs/profiles.md', 'docs/prometheus.md', 'docs/reports.md']);
    // words are split on spaces when run: an argument that needs shell quoting would be run wrongly
    for (const c of commands) for (const a of c.command.split(/\s+/).slice(1)) expect(a, `${c.page}:${c.line}: ${c.shown}`).toMatch(/^[\w./:,=@%+-]+$/);
  });

  it('leave no runnable-looking line outside what is run: a line in another block is a synopsis', async () => {
    for (const page of ['README.md', ...pages.filter((p) => p !== 'README.md')]) {
      const text = await readFile(join(ROOT, page), 'utf8');
      const run = new Set(commandsIn(page, text).map((c) => c.line));
      text.split('\n').forEach((line, i) => {
        if (run.has(i + 1) || !/^(npx )?mesh-cost (estimate|manifests|diff|profiles|newrelic|prometheus|completion)\b/.test(line)) return;
        // shown in a text block or outside any: it must read as a synopsis, not as a command to copy
        expect(line, `${page}:${i + 1}`).toMatch(/\[|…|\.\.\.|[A-Z]{3,}|\w\|\w/);
      });
    }
  });
});

for (const page of pages) {
  describe(page, () => {
    let dir: string;
    beforeAll(async () => {
      dir = await scratch();
    });
    const runs = commands.filter((c) => c.page === page);
    it.each(runs.map((c) => [`${c.line}: ${c.shown}`, c] as const))('%s', async (_, c) => {
      if (c.command.includes('--prometheus') && !served) return; // skipped with the Prometheus tests (the binary is missing)
      let input: string | undefined;
      if (c.pipedFrom !== undefined) {
        const file = STDIN[c.pipedFrom];
        expect(file, `${page}:${c.line}: nothing stands in for "${c.pipedFrom}"`).toBeDefined();
        input = await readFile(join(dir, file!), 'utf8');
      }
      const r = await runCli(argsOf(c), {
        cwd: dir,
        input,
        env: { NEW_RELIC_API_KEY: NR_KEY, NEW_RELIC_ACCOUNT_ID: String(NR_ACCOUNT), COLUMNS: '100' },
      });
      expect(r.stderr).not.toMatch(/\n    at /);
      expect(r.code, `${c.command}\n${r.stderr}`).toBe(c.exitCode);
    }, 60_000);
  });
}

describe('commandsIn', () => {
  const page = [
    'Run it:',
    '',
    '```sh',
    '# a comment line',
    'npm install && npx mesh-cost estimate   # the example',
    'kubectl get nodes,pods -A -o json | npx mesh-cost estimate --kube - \\',
    '  --cluster prd',
    'source <(mesh-cost completion bash)     # bash',
    'kubectl get pods -A',
    '```',
    '',
    '```text',
    'mesh-cost estimate [inputs] [-o FILE]',
    '$ mesh-cost diff old.json new.json',
    'mesh-cost: wrote old.json',
    '```',
    '',
    '<!-- exit 2 -->',
    '',
    '```console',
    '$ mesh-cost estimate --nodes missing.csv | jq .',
    '```',
  ].join('\n');

  it('finds shell lines and prompts, joins continuations, and reads the exit marker', () => {
    expect(commandsIn('x.md', page).map(({ line, command, pipedFrom, exitCode }) => ({ line, command, pipedFrom, exitCode }))).toEqual([
      { line: 5, command: 'mesh-cost estimate', pipedFrom: undefined, exitCode: 0 },
      { line: 6, command: 'mesh-cost estimate --kube - --cluster prd', pipedFrom: 'kubectl get nodes,pods -A -o json', exitCode: 0 },
      { line: 8, command: 'mesh-cost completion bash', pipedFrom: undefined, exitCode: 0 },
      { line: 14, command: 'mesh-cost diff old.json new.json', pipedFrom: undefined, exitCode: 0 },
      { line: 21, command: 'mesh-cost estimate --nodes missing.csv', pipedFrom: undefined, exitCode: 2 },
    ]);
  });
});

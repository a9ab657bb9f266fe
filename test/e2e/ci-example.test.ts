/**
 * examples/ci/github-actions.yml and action.yml, run as written (DESIGN section 7):
 * every `run:` step, read from the files themselves, runs verbatim in bash as a runner
 * would (`bash --noprofile --norc -eo pipefail`), in a copy of the example's repository
 * layout. What a runner provides comes from the environment, never from edits to the
 * steps: MESH_COST_SOURCE points at a tarball `npm pack` made of this checkout, npm
 * installs it into a scratch prefix with the registry switched off (the tarball carries
 * its dependencies), GITHUB_STEP_SUMMARY and GITHUB_ENV are files, and GITHUB_API_URL is
 * a stand-in GitHub on 127.0.0.1 that keeps the pull request's comments in memory.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/report/schema.js';
import { ROOT } from './run.js';

const run = promisify(execFile);
const EXAMPLE = join(ROOT, 'examples/ci');
const PR = 7;
const TOKEN = 'stand-in-token';

interface Step {
  name?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  run?: string;
  shell?: string;
}

interface StepResult {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
}

/** The pull request's comments, as the stand-in GitHub keeps them. */
interface Comment {
  id: number;
  body: string;
}

let scratch: string;
let tarball: string;
let prefix: string;
let api: Server;
let apiUrl: string;
let comments: Comment[];
let requests: { method: string; path: string }[];

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

/** GitHub's REST API for one pull request's comments: list (paged), create, edit. */
function standInGitHub(): Server {
  let nextId = 1000;
  return createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    requests.push({ method: req.method!, path: url.pathname + url.search });
    const send = (status: number, data: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { message: 'Bad credentials' });
    const list = `/repos/octo/shop/issues/${PR}/comments`;
    const edit = /^\/repos\/octo\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === list) {
      const size = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      return send(200, comments.slice((page - 1) * size, page * size));
    }
    if (req.method === 'POST' && url.pathname === list) {
      const comment = { id: nextId++, body: JSON.parse(await body(req)).body };
      comments.push(comment);
      return send(201, comment);
    }
    if (req.method === 'PATCH' && edit) {
      const comment = comments.find((c) => c.id === Number(edit[1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = JSON.parse(await body(req)).body;
      return send(200, comment);
    }
    send(404, { message: 'Not Found' });
  });
}

/**
 * The `${{ … }}` expressions the two files use, with the values a pull_request run has.
 * An expression missing here fails the test: the table must grow with the files.
 */
function expressions(inputs: Record<string, string> = {}): Record<string, string> {
  return {
    '${{ !cancelled() }}': 'true',
    "${{ !cancelled() && github.event_name == 'pull_request' }}": 'true',
    "${{ inputs.comment == 'true' && github.event_name == 'pull_request' }}": String((inputs.comment ?? 'true') === 'true'),
    '${{ secrets.GITHUB_TOKEN }}': TOKEN,
    '${{ inputs.github-token }}': TOKEN,
    '${{ github.event.pull_request.number }}': String(PR),
    "${{ inputs.source || format('github:{0}#{1}', github.action_repository, github.action_ref) }}": tarball,
    ...Object.fromEntries(['nodes', 'workloads', 'pods', 'kube', 'config', 'args', 'budget', 'min-savings', 'baseline', 'max-increase'].map((k) => [`\${{ inputs.${k} }}`, inputs[k] ?? ''])),
  };
}

function resolve(value: string, table: Record<string, string>): string {
  if (!value.includes('${{')) return value;
  if (!(value in table)) throw new Error(`the test has no value for the expression ${value}`);
  return table[value]!;
}

/** What a runner gives every step, plus the one variable pointed at the local tarball. */
function runnerEnv(dir: string): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    MESH_COST_SOURCE: tarball,
    npm_config_prefix: prefix,
    // the tarball carries its dependencies: no registry is asked for anything
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_ENV: join(dir, 'github-env'),
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: 'octo/shop',
    NO_COLOR: '1',
  };
}

/** Runs the `run:` steps in order as a runner does: a failed step stops the rest unless its `if:` says otherwise. */
async function runSteps(steps: Step[], dir: string, table: Record<string, string>, skip: (s: Step) => boolean = () => false): Promise<StepResult[]> {
  const env = runnerEnv(dir);
  await writeFile(env.GITHUB_ENV!, '');
  const results: StepResult[] = [];
  let failed = false;
  for (const step of steps) {
    if (!step.run || skip(step)) continue;
    const condition = step.if === undefined ? !failed : resolve(step.if, table) === 'true';
    if (!condition) continue;
    const stepEnv = { ...env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(String(v), table)])) };
    // GITHUB_ENV: what earlier steps exported
    for (const line of (await readFile(env.GITHUB_ENV!, 'utf8')).split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) stepEnv[line.slice(0, eq)] = line.slice(eq + 1);
    }
    const script = join(dir, 'step.sh');
    await writeFile(script, step.run);
    const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: dir, env: stepEnv }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    results.push({ name: step.name ?? step.run, ...result });
    if (result.code !== 0) failed = true;
  }
  return results;
}

async function jobDir(): Promise<string> {
  const dir = await mkdtemp(join(scratch, 'job-'));
  await cp(join(EXAMPLE, 'mesh-cost'), join(dir, 'mesh-cost'), { recursive: true });
  return dir;
}

const workflow = parse(await readFile(join(EXAMPLE, 'github-actions.yml'), 'utf8'));
const steps: Step[] = workflow.jobs['mesh-cost'].steps;
const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8'));
const actionSteps: Step[] = action.runs.steps;

let first: { dir: string; results: StepResult[] };

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mesh-cost-ci-'));
  prefix = join(scratch, 'prefix');
  // dist/ is built by the global setup; packing must not rebuild it under the other tests' feet
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT });
  tarball = join(scratch, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
  comments = [{ id: 1, body: 'Looks good to me' }];
  requests = [];
  api = standInGitHub();
  await new Promise<void>((ok) => api.listen(0, '127.0.0.1', ok));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const dir = await jobDir();
  first = { dir, results: await runSteps(steps, dir, expressions()) };
}, 240_000);

afterAll(async () => {
  await new Promise((ok) => api?.close(ok));
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const named = (results: StepResult[], name: string) => results.find((r) => r.name === name)!;

describe('the GitHub Actions example', () => {
  it('installs from a tarball that carries every runtime dependency (the install needs no registry)', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bundleDependencies: string[] };
    expect([...pkg.bundleDependencies].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('installs mesh-cost from one variable, pinned, with no registry entry', () => {
    expect(workflow.env.MESH_COST_SOURCE).toMatch(/\/releases\/download\/v(\d+\.\d+\.\d+)\/mesh-cost-\1\.tgz$/);
    const text = steps.map((s) => s.run ?? '').join('\n');
    expect(text).not.toMatch(/npx|mesh-cost@/);
    expect(steps.filter((s) => s.run?.includes('MESH_COST_SOURCE')).map((s) => s.name)).toEqual(['Install mesh-cost']);
    expect(named(first.results, 'Install mesh-cost').code).toBe(0);
  });

  it('passes on the committed inventory: report, gates, diff, summary and one comment', async () => {
    const { dir, results } = first;
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ['Install mesh-cost', 0],
      ['Report', 0],
      ['Budget gate', 0],
      ['Change against the baseline', 0],
      ['Job summary', 0],
      ['Comment on the pull request', 0],
    ]);
    expect(named(results, 'Report').stderr).toBe('mesh-cost: wrote the json report to mesh-cost-report.json\n');
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, 'mesh-cost-report.json'), 'utf8')));
    expect(report.inputs.sources).toEqual(['mesh-cost/nodes.csv', 'mesh-cost/workloads.csv']);
    const gate = named(results, 'Budget gate').stderr;
    expect(gate).toMatch(/^mesh-cost: budget ok: budget: ambient monthly cost \$[\d.]+, limit \$150\.00$/m);
    expect(gate).toMatch(/^mesh-cost: budget ok: min-savings: savings [\d.]+% of the sidecar cost, limit 50\.0%$/m);
    expect(gate).toMatch(/^mesh-cost: budget ok: max-increase: .* limit \$[\d.]+ \(10\.0% of the baseline\)$/m);

    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary).toBe(await readFile(join(dir, 'mesh-cost-comment.md'), 'utf8'));
    expect(summary).toMatch(/^<!-- mesh-cost -->\n\n### Ambient would save \\\$[\d,.]+\/month \(\d+\.\d%\)\n/);
    expect(summary).toContain('#### Budget gates: all passed');
    expect(summary).toContain(`**mesh-cost:** ${report.tool.version}`);
    expect(summary).toMatch(/\n\n### Ambient monthly cost: \\\$[\d.]+ → \\\$[\d.]+ \(\+\\\$[\d.]+, \+\d+\.\d%\)\n/);

    // the one earlier comment had no marker: a new comment was posted, with the whole summary
    expect(comments.map((c) => c.id)).toEqual([1, 1000]);
    expect(comments[1]!.body).toBe(summary);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('on the next push edits that comment instead of adding one, and fails the job on a broken budget', async () => {
    const dir = await jobDir();
    // the push multiplied the traffic by ten: more waypoint replicas, an ambient total far over the baseline's
    const workloads = join(dir, 'mesh-cost/workloads.csv');
    const [head, ...rows] = (await readFile(workloads, 'utf8')).trimEnd().split('\n');
    const rps = head!.split(',').indexOf('rps');
    await writeFile(workloads, [head, ...rows.map((r) => r.split(',').map((c, i) => (i === rps ? String(10 * Number(c)) : c)).join(','))].join('\n') + '\n');
    requests = [];
    // the same runner, mesh-cost already installed by the first job
    const results = await runSteps(steps, dir, expressions(), (s) => s.name === 'Install mesh-cost');
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ['Report', 0],
      ['Budget gate', 1],
      ['Change against the baseline', 0],
      ['Job summary', 0],
      ['Comment on the pull request', 0],
    ]);
    expect(named(results, 'Budget gate').stderr).toMatch(/^mesh-cost: budget broken: max-increase: /m);
    expect(comments.map((c) => c.id)).toEqual([1, 1000]);
    expect(comments[1]!.body).toMatch(/#### Budget gates: \d of 3 broken/);
    expect(comments[1]!.body).toContain('| max-increase | ❌ broken |');
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
  }, 120_000);
});

describe('the composite action (action.yml)', () => {
  it('has inputs for the inventory, the gates and the comment', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['nodes', 'workloads', 'pods', 'kube', 'config', 'budget', 'min-savings', 'baseline', 'max-increase', 'comment', 'github-token', 'source']),
    );
    for (const s of actionSteps) expect(s.shell).toBe('bash');
  });

  it('estimates, gates, comments once and fails last on a broken budget', async () => {
    const dir = await jobDir();
    requests = [];
    const inputs = { nodes: 'mesh-cost/nodes.csv', workloads: 'mesh-cost/workloads.csv', budget: '1', baseline: 'mesh-cost/baseline.json' };
    const results = await runSteps(actionSteps, dir, expressions(inputs), (s) => s.name === 'Install mesh-cost');
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ['Estimate and gate', 0],
      ['Comment on the pull request', 0],
      ['Budget verdict', 1],
    ]);
    expect(named(results, 'Estimate and gate').stderr).toMatch(/^mesh-cost: budget broken: budget: ambient monthly cost \$[\d.]+, limit \$1\.00$/m);
    // the example's comment, found by its marker, is the one edited
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(comments[1]!.body).toContain('| budget | ❌ broken |');
    expect(comments[1]!.body).toContain('### Ambient monthly cost:');
  }, 120_000);
});

/**
 * examples/ci/github-actions.yml, run here: its mesh-cost commands, read from the
 * workflow itself (so the two cannot drift apart), run against the built CLI in a copy
 * of the example's repository layout, with the job summary as a file.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/report/schema.js';
import { ROOT, runCli, type CliResult } from './run.js';

const EXAMPLE = join(ROOT, 'examples/ci');

interface Step {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}

/** `npx --yes mesh-cost@VERSION ARGS [>> "$GITHUB_STEP_SUMMARY"]` */
const COMMAND = /^npx --yes mesh-cost@(\S+) (.+?)( >> "\$GITHUB_STEP_SUMMARY")?$/;

interface Command {
  name: string;
  version: string;
  args: string[];
  toSummary: boolean;
}

let steps: Step[];
let commands: Command[];

beforeAll(async () => {
  const workflow = parse(await readFile(join(EXAMPLE, 'github-actions.yml'), 'utf8'));
  steps = workflow.jobs['mesh-cost'].steps;
  commands = steps
    .filter((s) => s.run)
    .map((s) => {
      const m = COMMAND.exec(s.run!);
      if (!m) throw new Error(`not a mesh-cost command: ${s.run}`);
      return { name: s.name!, version: m[1]!, args: m[2]!.split(' '), toSummary: Boolean(m[3]) };
    });
});

/** Runs the commands in order in a fresh copy of the example, like the job does. */
async function runJob(edit: (args: string[]) => string[] = (a) => a): Promise<{ dir: string; results: CliResult[]; summary: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-ci-'));
  await cp(join(EXAMPLE, 'mesh-cost'), join(dir, 'mesh-cost'), { recursive: true });
  const results: CliResult[] = [];
  let summary = '';
  for (const c of commands) {
    const r = await runCli(edit(c.args), { cwd: dir });
    results.push(r);
    if (c.toSummary) summary += r.stdout;
  }
  return { dir, results, summary };
}

describe('the GitHub Actions example', () => {
  it('checks out, sets up Node 20 and runs a pinned mesh-cost of this minor version', async () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(steps[1]).toMatchObject({ uses: expect.stringMatching(/^actions\/setup-node@v\d+$/), with: { 'node-version': 20 } });
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(commands.map((c) => c.name)).toEqual(['Estimate', 'Budget gate', 'Change against the baseline']);
    for (const c of commands) {
      expect(version.startsWith(`${c.version}.`)).toBe(true);
      // split on spaces above: only valid if no argument needs shell quoting
      for (const a of c.args) expect(a).toMatch(/^[\w./%-]+$/);
    }
  });

  it('passes on the committed inventory: summary written, gates met, report and diff produced', async () => {
    const { dir, results, summary } = await runJob();
    const [estimate, gate, diff] = results;
    expect(estimate).toMatchObject({ code: 0, stderr: '' });
    expect(summary).toMatch(/^### Ambient would save \\\$[\d,.]+\/month \(\d+\.\d%\)\n/);
    expect(summary).toContain('#### By environment');
    expect(summary).toContain('<details><summary>Line items');

    expect(gate!.code).toBe(0);
    expect(gate!.stdout).toBe('');
    expect(gate!.stderr).toMatch(/^mesh-cost: budget ok: budget: ambient monthly cost \$[\d.]+, limit \$150\.00$/m);
    expect(gate!.stderr).toMatch(/^mesh-cost: budget ok: min-savings: savings [\d.]+% of the sidecar cost, limit 50\.0%$/m);
    expect(gate!.stderr).toMatch(/^mesh-cost: budget ok: max-increase: .* limit \$[\d.]+ \(10\.0% of the baseline\)$/m);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, 'mesh-cost-report.json'), 'utf8')));
    expect(report.inputs.sources).toEqual(['mesh-cost/nodes.csv', 'mesh-cost/workloads.csv']);

    expect(diff).toMatchObject({ code: 0, stderr: '' });
    expect(summary).toMatch(/\n\n### Ambient monthly cost: \\\$[\d.]+ → \\\$[\d.]+ \(\+\\\$[\d.]+, \+\d+\.\d%\)\n/);
    expect(summary).toContain('| PRD ambient |');
  });

  it('fails the job on a broken budget, still writing the report the diff step reads', async () => {
    const tighter = (args: string[]) => args.map((a, i) => (args[i - 1] === '--budget' ? '1' : args[i - 1] === '--min-savings' ? '99' : a));
    const { dir, results, summary } = await runJob(tighter);
    const [, gate, diff] = results;
    expect(gate!.code).toBe(1);
    expect(gate!.stderr).toMatch(/^mesh-cost: budget broken: budget: ambient monthly cost \$[\d.]+, limit \$1\.00$/m);
    expect(gate!.stderr).toMatch(/^mesh-cost: budget broken: min-savings: savings [\d.]+% of the sidecar cost, limit 99\.0%$/m);
    expect(gate!.stderr).toMatch(/^mesh-cost: budget ok: max-increase: /m);
    expect(reportSchema.safeParse(JSON.parse(await readFile(join(dir, 'mesh-cost-report.json'), 'utf8'))).success).toBe(true);
    expect(diff!.code).toBe(0);
    expect(summary).toContain('### Ambient monthly cost:');
  });
});

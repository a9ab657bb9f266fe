/**
 * Exports and budget gates through the built CLI. The small fixture prices at sidecar
 * $30.47, ambient $41.87, savings -$11.40 (-37.4%): see estimate.test.ts.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv'];

let dir: string;
/** a report of the small fixture with its ambient total lowered to $40.00: a baseline it grew $1.87 over */
let baseline: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-budget-'));
  const r = await runCli(['estimate', ...small, '-f', 'json']);
  const report = JSON.parse(r.stdout);
  report.ambient.monthlyCost = 40;
  baseline = await write('baseline.json', JSON.stringify(report));
});

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const stderrLines = (stderr: string) => stderr.trim().split('\n');

describe('estimate -f csv|markdown|html (built CLI)', () => {
  it('writes each format', async () => {
    const csv = await runCli(['estimate', ...small, '-f', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'mode,component,environment,cluster,namespace,count,vcpu,memory_gib,monthly_cost,currency,cross_zone_none_monthly_cost,cross_zone_prefer_close_monthly_cost',
    );
    expect(csv.stdout).toContain('\r\nsidecar,sidecar,c1,c1,shop,3,0.5,0.375,12.70,USD,,\r\n');
    const md = await runCli(['estimate', ...small, '-f', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout.split('\n').slice(0, 3)).toEqual(['<!-- mesh-cost -->', '', '### Ambient would cost \\$11.40/month more (37.4%)']);
    const html = await runCli(['estimate', ...small, '-f', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<h1 class="costs">Ambient would cost $11.40/month more (37.4%)</h1>');
  });

  it('lists every format in --help and refuses others', async () => {
    const help = (await runCli(['estimate', '--help'])).stdout.replace(/\s+/g, ' '); // unwrapped
    expect(help).toContain('output format (default: from the -o file\'s extension, else table) (choices: "table", "json", "csv", "markdown", "html")');
    for (const flag of ['--budget <amount>', '--min-savings <pct>', '--baseline <report.json>', '--max-increase <amount|pct>']) {
      expect(help).toContain(flag);
    }
    const bad = await runCli(['estimate', ...small, '-f', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'xml' is invalid/);
  });
});

describe('budget gates (built CLI)', () => {
  it('exits 0 and reports every gate that holds', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json', '--budget', '41.87', '--min-savings', '-40', '--baseline', baseline, '--max-increase', '5%']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ambient.monthlyCost).toBe(41.87);
    expect(stderrLines(r.stderr)).toEqual([
      'mesh-cost: budget ok: budget: ambient monthly cost $41.87, limit $41.87',
      'mesh-cost: budget ok: min-savings: savings -37.4% of the sidecar cost, limit -40.0%',
      "mesh-cost: budget ok: max-increase: ambient monthly cost changed by +$1.87 against the baseline's $40.00, limit $2.00 (5.0% of the baseline)",
    ]);
  });

  it('exits 1 naming every broken gate, its figure and its limit, with the report still written to -o', async () => {
    const out = join(dir, 'broken.json');
    const r = await runCli(['estimate', ...small, '-f', 'json', '-o', out, '--budget', '41.86', '--min-savings', '0', '--baseline', baseline, '--max-increase', '1.86']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(stderrLines(r.stderr)).toEqual([
      `mesh-cost: wrote the json report to ${out}`,
      'mesh-cost: budget broken: budget: ambient monthly cost $41.87, limit $41.86',
      'mesh-cost: budget broken: min-savings: savings -37.4% of the sidecar cost, limit 0.0%',
      "mesh-cost: budget broken: max-increase: ambient monthly cost changed by +$1.87 against the baseline's $40.00, limit $1.86",
    ]);
    expect(JSON.parse(await readFile(out, 'utf8')).ambient.monthlyCost).toBe(41.87);
  });

  it('prints the report on stdout too when a gate breaks', async () => {
    const r = await runCli(['estimate', ...small, '--budget', '10']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Ambient costs $11.40/month more');
    expect(r.stderr).toContain('mesh-cost: budget broken: budget: ambient monthly cost $41.87, limit $10.00');
  });

  it('reads a baseline alone as "must not grow"', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json', '--baseline', baseline]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("max-increase: ambient monthly cost changed by +$1.87 against the baseline's $40.00, limit $0.00");
  });

  it('takes the gates from the config file, each overridden by its flag', async () => {
    const config = await write(
      'mesh-cost.yaml',
      [
        'version: 1',
        'inputs:',
        `  nodes: ${join(ROOT, 'test/fixtures/small/nodes.csv')}`,
        `  workloads: ${join(ROOT, 'test/fixtures/small/workloads.csv')}`,
        'budgets:',
        '  budget: 20',
        '  minSavings: -50',
        '  baseline: baseline.json', // relative to the config file
        '  maxIncrease: "10%"',
      ].join('\n'),
    );
    const fromFile = await runCli(['estimate', '-c', config, '-f', 'json']);
    expect(fromFile.code).toBe(1);
    expect(stderrLines(fromFile.stderr)).toEqual([
      'mesh-cost: budget ok: min-savings: savings -37.4% of the sidecar cost, limit -50.0%',
      "mesh-cost: budget ok: max-increase: ambient monthly cost changed by +$1.87 against the baseline's $40.00, limit $4.00 (10.0% of the baseline)",
      'mesh-cost: budget broken: budget: ambient monthly cost $41.87, limit $20.00',
    ]);
    const overridden = await runCli(['estimate', '-c', config, '-f', 'json', '--budget', '50', '--max-increase', '1']);
    expect(overridden.code).toBe(1);
    expect(overridden.stderr).toContain('budget ok: budget: ambient monthly cost $41.87, limit $50.00');
    expect(overridden.stderr).toContain("budget broken: max-increase: ambient monthly cost changed by +$1.87 against the baseline's $40.00, limit $1.00");
  });

  it('exits 2 without writing anything on a bad limit or baseline', async () => {
    const out = join(dir, 'never.json');
    const cases: [string[], RegExp][] = [
      [['--budget', '$50'], /^mesh-cost: --budget: expected an amount such as 600 or 600\.50, found "\$50"$/],
      [['--max-increase', '5%'], /^mesh-cost: --max-increase needs a baseline report to compare with/],
      [['--baseline', join(dir, 'missing.json')], /missing\.json: cannot read: no such file$/],
      [['--baseline', await write('garbage.json', '{"schemaVersion": "mesh-cost/v1", "currency": 12}')], /garbage\.json:1:\d+: mesh-cost report: /],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(['estimate', ...small, '-f', 'json', '-o', out, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr.trim()).toMatch(message);
      await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    }
  });

  it('refuses a baseline in another currency or schema version, exit 2', async () => {
    const report = JSON.parse(await readFile(baseline, 'utf8'));
    const eur = await write('eur.json', JSON.stringify({ ...report, currency: 'EUR' }));
    const r = await runCli(['estimate', ...small, '--baseline', eur]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`mesh-cost: cannot compare reports in different currencies: ${eur} is in EUR, this estimate in USD (price both with price sheets in the same currency)`);
    const v2 = await write('v2.json', JSON.stringify({ ...report, schemaVersion: 'mesh-cost/v2' }));
    const r2 = await runCli(['estimate', ...small, '--baseline', v2]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('found schemaVersion "mesh-cost/v2": reports of different schema versions cannot be compared');
  });
});

describe('mesh-cost diff (built CLI)', () => {
  it('compares two reports in each format and exits 0 whatever changed', async () => {
    const now = await write('now.json', (await runCli(['estimate', ...small, '-f', 'json'])).stdout);
    const table = await runCli(['diff', baseline, now]);
    expect(table.code).toBe(0);
    expect(table.stderr).toBe('');
    expect(table.stdout).toMatch(/│ Ambient\s+│\s+\$40\.00 │\s+\$41\.87 │\s+\+\$1\.87 │\s+\+4\.7% │/);
    expect(table.stdout).toMatch(/│ c1 ambient\s+│\s+\$41\.87 │\s+\$41\.87 │\s+\$0\.00 │\s+0\.0% │/);
    const md = await runCli(['diff', baseline, now, '-f', 'markdown']);
    expect(md.stdout.split('\n')[0]).toBe('### Ambient monthly cost: \\$40.00 → \\$41.87 (+\\$1.87, +4.7%)');
    const json = await runCli(['diff', baseline, now, '-f', 'json']);
    expect(JSON.parse(json.stdout).ambient).toEqual({ old: 40, new: 41.87, change: 1.87, changePercent: 4.675 }); // 1.87 / 40
    const out = join(dir, 'diff.md');
    // -o change.md takes markdown from the extension, and says what it wrote
    const written = await runCli(['diff', baseline, now, '-o', out]);
    expect(written.stdout).toBe('');
    expect(written.stderr).toBe(`mesh-cost: wrote the markdown diff to ${out}\n`);
    expect(await readFile(out, 'utf8')).toBe(md.stdout);
  });

  it('exits 2 on a report it cannot compare, and on missing arguments', async () => {
    const report = JSON.parse(await readFile(baseline, 'utf8'));
    const eur = await write('eur-diff.json', JSON.stringify({ ...report, currency: 'EUR' }));
    const r = await runCli(['diff', baseline, eur]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${baseline} is in USD, ${eur} in EUR`);
    const missing = await runCli(['diff', baseline]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required argument 'new'/);
  });
});

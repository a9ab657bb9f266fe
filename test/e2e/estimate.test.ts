import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from './run.js';

const small = ['--nodes', 'test/fixtures/small/nodes.csv', '--workloads', 'test/fixtures/small/workloads.csv'];

describe('mesh-cost estimate (built CLI)', () => {
  it('runs the bundled example when given no input, and says so on stderr', async () => {
    const r = await runCli(['estimate']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no inventory given: running the bundled example "olx-india"/);
    expect(r.stdout).toMatch(/mesh-cost — sidecar vs ambient \(max basis, USD, 730 h\/month\)/);
    expect(r.stdout).toMatch(/290 ztunnel \+ 28 waypoint/);
    expect(r.stdout).toMatch(/Ambient saves \$5,348\.27\/month \(89\.1%\)/);
    expect(r.stdout).toMatch(/none\s+5,542 GiB → \$69\.43\/month/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR=1
  });

  it('prices a small inventory exactly as computed by hand (JSON, field by field)', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe('mesh-cost/v1');
    expect(Date.parse(report.generatedAt)).not.toBeNaN();
    expect(report).toMatchObject({ currency: 'USD', hoursPerMonth: 730, basis: 'max' });
    expect(report.inputs).toEqual({
      sources: ['test/fixtures/small/nodes.csv', 'test/fixtures/small/workloads.csv'],
      profile: 'istio-1.30', // the default
      prices: 'opencost-default',
      clusters: 1,
      nodes: 2,
      workloads: 4,
      pods: 7,
      meshedPods: 3, // web 2 + worker 1; coredns (kube-system) and the DaemonSet are not meshed
      // no namespace labels, no istio-proxy pods: every namespace outside the excluded ones
      scope: { mode: 'all', reason: expect.stringMatching(/^the inventory does not show what is meshed today/), namespaces: 1 },
    });
    // the version the CLI was built as, from package.json
    const pkg = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8'));
    expect(report.tool).toEqual({ name: 'mesh-cost', version: pkg.version });
    // web: 2 sidecars at 1,000 rps each (2R/r): max(0.2, 0.1) vCPU, max(54.588 + 1.316·3/1000, 128) MiB
    //   (0.2·0.031611 + 0.125·0.004237)·730 = 5.00183 each; worker: (0.1·0.031611 + 0.125·0.004237)·730 = 2.69423
    //   → 12.69789 → $12.70; istiod with 3 connected sidecars: 0.5 + 3·0.00058 = 0.50174 vCPU,
    //   2,048 + 3·1.1426 = 2,051.4278 MiB = 2.0033475 GiB → (0.50174·0.031611 + 2.0033475·0.004237)·730 = $17.77
    expect(report.sidecar).toEqual({ proxies: 3, vcpu: expect.closeTo(1.00174, 9), memoryGiB: expect.closeTo(2.3783474609375, 9), monthlyCost: 30.47 });
    // ztunnel 2 × (0.2·0.031611 + 0.5·0.004237)·730 = 12.32 (usage 6.324 + 2.56·3/1000 MiB is under 512Mi);
    // cni 2 × (0.1·0.031611 + 100/1024·0.004237)·730 = 5.22; waypoint: 60·1000·1.6/50,000 = 1.92 → 2 replicas
    //   at 500 rps: max(0.125, 0.1) vCPU, 128Mi → 2 × (0.125·0.031611 + 0.125·0.004237)·730 = 6.54;
    // istiod with 2 ztunnels + 2 waypoint replicas connected: 0.5 + 4·0.00058 = 0.50232 vCPU,
    //   2,048 + 4·1.1426 = 2,052.5704 MiB → (0.50232·0.031611 + 2,052.5704/1024·0.004237)·730 = $17.79
    //   → 12.32 + 5.22 + 6.54 + 17.79 = $41.87; vcpu 0.4 + 0.2 + 0.25 + 0.50232
    expect(report.ambient).toEqual({
      ztunnels: 2,
      waypoints: 1,
      waypointReplicas: 2,
      vcpu: expect.closeTo(1.35232, 9),
      memoryGiB: expect.closeTo(3.4453125 + (4 * 1.1426) / 1024, 9),
      monthlyCost: 41.87,
      crossZoneMonthlyCost: 0,
      sidecarsKept: 0,
    });
    // k = max(2, 2 zones, 2) = 2, one replica per zone
    expect(report.waypoints).toEqual([{ cluster: 'c1', namespace: 'shop', rps: 1000, replicas: 2, floor: 2, zones: 2 }]);
    // B = 1000·1024·3600·730 bytes = 2,506.256 GiB; clients and servers (no pods.csv: by nodes) and the
    // waypoint replicas are all (½, ½): (1 − ½) + (1 − ½) − (1 − ½) = ½ → 1,253.128 GiB;
    // none: ×0.01, one charge per crossed GiB (opencost-default) = $12.53; preferClose: 2 replicas cover both zones → 0
    expect(report.crossZone.locality).toBe('preferClose');
    expect(report.crossZone.variants.none.extraGiB).toBeCloseTo(1253.128, 3);
    expect(report.crossZone.variants.none.extraMonthlyCost).toBe(12.53);
    expect(report.crossZone.variants.preferClose).toEqual({ extraGiB: 0, extraMonthlyCost: 0 });
    expect(report.savings.monthlyCost).toBe(-11.4); // 30.47 − 41.87
    expect(report.savings.percent).toBeCloseTo((-11.4 / 30.47) * 100, 10);
    expect(report.lineItems.map((i: { mode: string; component: string }) => `${i.mode}/${i.component}`)).toEqual([
      'sidecar/sidecar',
      'sidecar/controlPlane',
      'ambient/ztunnel',
      'ambient/cni',
      'ambient/waypoint',
      'ambient/controlPlane',
      'ambient/crossZone',
    ]);
    expect(report.warnings).toEqual([]);
  });

  it('counts the chosen locality in the ambient total', async () => {
    const r = await runCli(['estimate', ...small, '-f', 'json', '--locality', 'none']);
    const report = JSON.parse(r.stdout);
    expect(report.ambient.crossZoneMonthlyCost).toBe(12.53);
    expect(report.ambient.monthlyCost).toBe(54.4); // 41.87 + 12.53
  });

  it('rejects a bad CSV cell with one line naming file:line:column, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-e2e-'));
    const nodes = join(dir, 'nodes.csv');
    await writeFile(nodes, 'cluster,node,zone,vcpu,memory\nc1,n1,z1,4,16Gi\nc1,n2,z2,12x,16Gi\n');
    const r = await runCli(['estimate', '--nodes', nodes, '--workloads', 'test/fixtures/small/workloads.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${nodes}:3:4: vcpu: expected`);
    expect(r.stderr).toContain('found "12x"');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('writes -o FILE atomically and leaves it untouched when the run fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-e2e-'));
    const out = join(dir, 'report.json');
    const ok = await runCli(['estimate', ...small, '-f', 'json', '-o', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    const written = await readFile(out, 'utf8');
    expect(JSON.parse(written).sidecar.monthlyCost).toBe(30.47);
    const bad = await runCli(['estimate', '--nodes', 'no/such/file.csv', '-f', 'json', '-o', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no\/such\/file\.csv: cannot read: no such file/);
    expect(await readFile(out, 'utf8')).toBe(written);
  });

  it('exits 2 on bad usage with commander’s message and no stack', async () => {
    const r = await runCli(['estimate', '--basis', 'cheapest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'cheapest' is invalid/);
    const unknownExample = await runCli(['estimate', '--example', 'nope']);
    expect(unknownExample.code).toBe(2);
    expect(unknownExample.stderr).toMatch(/unknown example "nope": expected one of olx-india/);
  });

  it('lists and shows the built-in profiles and price sheets', async () => {
    const list = await runCli(['profiles', 'list']);
    expect(list.code).toBe(0);
    for (const name of ['istio-1.24', 'istio-1.30', 'olx-india', 'opencost-default']) expect(list.stdout).toContain(name);
    const defaultProfile = await runCli(['profiles', 'show', 'istio-1.30']);
    expect(defaultProfile.code).toBe(0);
    expect(defaultProfile.stdout).toMatch(/^  name: istio-1\.30$/m);
    const show = await runCli(['profiles', 'show', 'opencost-default']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/CPU: 0\.031611/);
    const unknown = await runCli(['profiles', 'show', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown profile or price sheet "nope": expected one of/);
  });

  it('rejects an unknown built-in profile, listing the valid ones', async () => {
    const r = await runCli(['estimate', '-p', 'istio-9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown proxy profile "istio-9": expected one of istio-1\.24, istio-1\.30, olx-india or a path/);
  });
});

/** The longest line, in characters (box drawing is one character, three bytes). */
const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('estimate on a terminal and into files (built CLI)', () => {
  it('fits the table in COLUMNS', async () => {
    const runs = [
      ['estimate', '--group-by', 'namespace'],
      ['estimate', '--kube', 'fixtures/kube/cluster.json', '--group-by', 'namespace'],
      // the Nodes table and the tornado leave columns out to fit, and say so
      ['estimate', '--example', 'webshop', '--sensitivity'],
    ];
    for (const args of runs) {
      const r = await runCli(args, { env: { COLUMNS: '80' } });
      expect(r.code).toBe(0);
      expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    }
    const narrow = await runCli(['estimate', '--example', 'webshop', '--sensitivity'], { env: { COLUMNS: '80' } });
    expect(narrow.stdout).toMatch(/\(Low, High(, Today)? left out to fit 80 columns; -f markdown, -f json and --table\n? keep them\)/);
    // the default off a terminal: 100
    for (const args of [['estimate', '--group-by', 'namespace'], ['estimate', '--sensitivity']]) {
      expect(widest((await runCli(args, { env: { COLUMNS: undefined } })).stdout)).toBeLessThanOrEqual(100);
    }
  });

  it('says what was used under the title, and spreads the shared costs by namespace, saying so', async () => {
    const r = await runCli(['estimate', '--group-by', 'namespace']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(2, 4)).toEqual(['Profile olx-india · prices olx-india · mesh-cost 0.1.0', 'Inputs: fixtures/olx-india/nodes.csv, fixtures/olx-india/workloads.csv']);
    expect(r.stdout).not.toMatch(/│ istio-system /);
    expect(r.stdout).toMatch(/│ 4 others\s+│/);
    expect(r.stdout).toContain('ztunnel, istio-cni and istiod (each mode its own) are spread over the namespaces');
  });

  it('prints each warning once: on stderr for a terminal run, in the file too when writing one', async () => {
    const kube = ['estimate', '--kube', 'fixtures/kube/cluster.json'];
    const warning = '1 Job/CronJob workload is counted as meshed: its sidecar lives only while the job runs';
    const r = await runCli(kube);
    expect(r.stderr).toContain(`warning: ${warning}`);
    expect(r.stdout).not.toContain(warning);
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-warn-'));
    const out = join(dir, 'report.txt');
    const f = await runCli([...kube, '-o', out]);
    expect(f.stderr).toContain(`warning: ${warning}`);
    expect(await readFile(out, 'utf8')).toContain(`! ${warning}`);
  });

  it('takes the format from the -o extension and says what it wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-ext-'));
    const starts: Record<string, string> = { 'r.html': '<!doctype html>', 'r.md': '<!-- mesh-cost -->', 'r.csv': 'mode,component,', 'r.json': '{\n  "schemaVersion"', 'r.txt': 'mesh-cost — sidecar vs ambient' };
    for (const [name, start] of Object.entries(starts)) {
      const file = join(dir, name);
      const r = await runCli(['estimate', ...small, '-o', file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const format = { html: 'html', md: 'markdown', csv: 'csv', json: 'json', txt: 'table' }[name.slice(2)];
      expect(r.stderr).toBe(`mesh-cost: wrote the ${format} report to ${file}\n`);
      expect((await readFile(file, 'utf8')).startsWith(start)).toBe(true);
    }
    // -f still wins over the extension
    await runCli(['estimate', ...small, '-f', 'json', '-o', join(dir, 'x.html')]);
    expect((await readFile(join(dir, 'x.html'), 'utf8')).startsWith('{')).toBe(true);
  });

  it('writes JSON numbers without float noise', async () => {
    const r = await runCli(['estimate', '-f', 'json']);
    expect(r.stdout).not.toMatch(/\d\.\d{13,}/);
    expect(JSON.parse(r.stdout).sidecar.vcpu).toBe(720);
  });

  it('writes the waypoints table with -f csv --table waypoints', async () => {
    const r = await runCli(['estimate', '-f', 'csv', '--table', 'waypoints']);
    expect(r.code).toBe(0);
    const [head, ...rows] = r.stdout.trimEnd().split('\r\n');
    expect(head).toBe('cluster,namespace,rps,replicas,floor,zones');
    expect(rows).toHaveLength(JSON.parse((await runCli(['estimate', '-f', 'json'])).stdout).ambient.waypoints);
  });

  it('heads the money columns with the price sheet’s currency', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-cost-eur-'));
    const sheet = join(dir, 'eur.yaml');
    const usd = await readFile(join(ROOT, 'profiles/prices/opencost-default.yaml'), 'utf8');
    await writeFile(sheet, usd.replace('currency: USD', 'currency: EUR').replace('name: opencost-default', 'name: eur'));
    for (const format of ['table', 'markdown', 'html']) {
      const r = await runCli(['estimate', '--prices', sheet, '-f', format]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/€\/mo/);
      expect(r.stdout).not.toMatch(/\$\/mo|\$\/month|\\\$/);
    }
  });

  const hasScript = existsSync('/usr/bin/script');
  it.skipIf(!hasScript)('colours a terminal, and not a TERM=dumb one (run in a pseudo-terminal by script(1))', async () => {
    const { NO_COLOR, FORCE_COLOR, ...env } = process.env;
    const tty = async (term: string) =>
      (await promisify(execFile)('script', ['-qc', `${process.execPath} ${BIN} estimate`, '/dev/null'], { cwd: ROOT, env: { ...env, TERM: term } })).stdout;
    expect(await tty('xterm')).toMatch(/\u001b\[/);
    expect(await tty('dumb')).not.toMatch(/\u001b\[/);
  });
});

describe('help and shell completion (built CLI)', () => {
  it('stops quietly when the reader closes the pipe early (| head)', async () => {
    // the help is longer than one line: head exits after the first, and the CLI's next write hits EPIPE
    const r = await promisify(execFile)('bash', ['-c', `${process.execPath} ${BIN} estimate --help | head -1; echo "exit \${PIPESTATUS[0]}" >&2`], { cwd: ROOT });
    expect(r.stdout).toBe('Usage: mesh-cost estimate [options]\n');
    expect(r.stderr).toBe('exit 0\n');
  });

  it('ends every command’s --help with two or three examples', async () => {
    const commands = [[], ['estimate'], ['manifests'], ['diff'], ['profiles', 'list'], ['profiles', 'show'], ['profiles', 'fit'], ['newrelic', 'export'], ['prometheus', 'export'], ['completion']];
    for (const c of commands) {
      const help = (await runCli([...c, '--help'])).stdout;
      const examples = help.slice(help.lastIndexOf('\nExamples:\n'));
      expect(examples, c.join(' ')).toMatch(/^\nExamples:\n/);
      const lines = examples.split('\n').filter((l) => l.startsWith('  $ '));
      expect(lines.length, c.join(' ')).toBeGreaterThanOrEqual(c.length === 0 || c[0] === 'profiles' ? 1 : 2);
      expect(lines.length, c.join(' ')).toBeLessThanOrEqual(3);
      expect(help.trimEnd().endsWith(examples.trimEnd())).toBe(true);
    }
  });

  it('prints a bash completion script generated from the commands and options', async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    const complete = async (...words: string[]) =>
      (
        await promisify(execFile)('bash', ['-c', `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mesh_cost; echo "\${COMPREPLY[*]}"`])
      ).stdout.trim();
    expect(await complete('mesh-cost', '')).toBe('estimate manifests diff profiles newrelic prometheus completion');
    expect(await complete('mesh-cost', 'estimate', '--group')).toBe('--group-by');
    expect(await complete('mesh-cost', 'estimate', '-f', '')).toBe('table json csv markdown html');
    expect(await complete('mesh-cost', 'estimate', '--table', 'w')).toBe('waypoints');
    expect(await complete('mesh-cost', 'profiles', '')).toBe('list show fit');
    expect(await complete('mesh-cost', 'completion', '')).toBe('bash zsh fish');
  });

  it('prints zsh (through bashcompinit) and fish scripts', async () => {
    const zsh = (await runCli(['completion', 'zsh'])).stdout;
    expect(zsh).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(zsh).toContain('complete -o filenames -F _mesh_cost mesh-cost');
    const fish = (await runCli(['completion', 'fish'])).stdout;
    expect(fish).toContain("complete -c mesh-cost -n '__fish_seen_subcommand_from estimate' -l group-by -x -a 'environment cluster namespace' -d 'breakdown by'");
    expect(fish).toContain("complete -c mesh-cost -n '__fish_seen_subcommand_from profiles; and not __fish_seen_subcommand_from list show fit' -a 'fit'");
  });
});

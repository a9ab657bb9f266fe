/**
 * Nothing that looks like a New Relic key (NRAK-…), nor the key in NEW_RELIC_API_KEY
 * whatever it looks like, is ever echoed: not in an error, a warning, commander's own
 * usage messages, a stack trace under --debug, an upstream error, the report, or the
 * manifests.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './run.js';

const KEY = 'NRAK-7XQ2M9KD4RT8ZB3WYP1LC6VHJ0N';
// a configured key need not look like one; it is redacted all the same
const ENV_KEY = 'my-own-licence-4f2a9c';
const NODES = 'cluster,node,zone,vcpu,memory\nc1,n1,z1,4,16Gi\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-secrets-'));
  await writeFile(join(dir, 'nodes.csv'), NODES);
});

async function run(args: string[], env: Record<string, string> = { NEW_RELIC_API_KEY: KEY }): Promise<CliResult> {
  const r = await runCli(args, { cwd: dir, env });
  for (const secret of [KEY, ENV_KEY]) {
    expect(r.stdout).not.toContain(secret);
    expect(r.stderr).not.toContain(secret);
  }
  return r;
}

async function file(name: string, text: string): Promise<string> {
  await writeFile(join(dir, name), text);
  return name;
}

describe('secrets are never echoed', () => {
  it('in an error about a CSV cell, with or without --debug', async () => {
    const nodes = await file('cell.csv', `${NODES}c1,n2,z1,${KEY},16Gi\n`);
    const r = await run(['estimate', '--nodes', nodes]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mesh-cost: cell.csv:3:4: vcpu: expected a positive cpu quantity up to 10000 (e.g. 4 or 3920m), found "[REDACTED]"\n');
    const debug = await run(['--debug', 'estimate', '--nodes', nodes]);
    expect(debug.stderr).toMatch(/\n\s+at /); // the stack is there, the key is not
    expect(debug.stderr).toContain('[REDACTED]');
  });

  it('in a file path, a flag value and an unknown option', async () => {
    await mkdir(join(dir, KEY));
    const path = await run(['estimate', '--nodes', join(KEY, 'nodes.csv')]);
    expect(path.stderr).toBe('mesh-cost: [REDACTED]/nodes.csv: cannot read: no such file\n');
    const value = await run(['estimate', '--basis', KEY]);
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/argument '\[REDACTED\]' is invalid/);
    const option = await run(['estimate', `--${KEY}`]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--\[REDACTED\]'/);
  });

  it('in a warning and in a YAML error', async () => {
    const workloads = await file('warn.csv', `cluster,namespace,workload,replicas,${KEY}\nc1,shop,web,1,x\n`);
    const warned = await run(['estimate', '--nodes', 'nodes.csv', '--workloads', workloads, '-f', 'json']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/^warning: warn\.csv:1:5: unknown column "\[REDACTED\]" ignored/m);
    const profile = await file('profile.yaml', `apiVersion: mesh-cost/v1\nkind: ProxyProfile\nmetadata: {name: x}\nspec: {sidecar: {requests: {cpu: ${KEY}}}}\n`);
    const yaml = await run(['estimate', '--nodes', 'nodes.csv', '-p', profile]);
    expect(yaml.stderr).toMatch(/profile\.yaml:4:\d+: ProxyProfile: spec\.sidecar\.requests\.cpu: expected a cpu quantity such as 100m or 0\.5, found "\[REDACTED\]"/);
  });

  it('in the report, on stdout and in -o FILE', async () => {
    const named = await file('named.csv', `cluster,node,zone,vcpu,memory\n${KEY},n1,z1,4,16Gi\n${ENV_KEY},n1,z1,4,16Gi\n`);
    const workloads = await file('named-workloads.csv', `cluster,namespace,workload,replicas\n${KEY},shop,web,2\n${ENV_KEY},shop,web,2\n`);
    const env = { NEW_RELIC_API_KEY: ENV_KEY };
    const stdout = await run(['estimate', '--nodes', named, '--workloads', workloads, '-f', 'json'], env);
    expect(stdout.code).toBe(0);
    const report = JSON.parse(stdout.stdout);
    expect(report.lineItems.map((i: { cluster: string }) => i.cluster)).toContain('[REDACTED]');
    const out = await run(['estimate', '--nodes', named, '--workloads', workloads, '-o', 'report.txt'], env);
    expect(out.code).toBe(0);
    const written = await readFile(join(dir, 'report.txt'), 'utf8');
    expect(written).not.toContain(KEY);
    expect(written).not.toContain(ENV_KEY);
    expect(written).toContain('[REDACTED]');
  });

  it('in an upstream error that echoes the key, with or without --debug', async () => {
    // a NerdGraph stand-in on 127.0.0.1 whose error repeats the key it was sent, as a proxy might
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errors: [{ message: `key ${String(req.headers['api-key'])} is not allowed here` }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      for (const key of [KEY, ENV_KEY]) {
        for (const debug of [[], ['--debug']]) {
          const r = await run([...debug, 'estimate', '--newrelic', '--nr-account', '1234567', '--nr-endpoint', endpoint], { NEW_RELIC_API_KEY: key });
          expect(r.code).toBe(3);
          expect(r.stderr).toMatch(/^mesh-cost: New Relic rejected the query: key \[REDACTED\] is not allowed here$/m);
        }
      }
    } finally {
      server.close();
    }
  });

  it('in the manifests written to --out DIR', async () => {
    const nodes = await file('manifest-nodes.csv', `cluster,node,zone,vcpu,memory\n${KEY},n1,z1,4,16Gi\n`);
    const workloads = await file('manifest-workloads.csv', `cluster,namespace,workload,replicas,rps,waypoint\n${KEY},shop,web,2,100,true\n`);
    const r = await run(['manifests', '--nodes', nodes, '--workloads', workloads, '--out', 'manifests']);
    expect(r.code).toBe(0);
    const names = (await readdir(join(dir, 'manifests'), { recursive: true })).filter((f) => f.endsWith('.yaml'));
    const texts = await Promise.all(names.map((f) => readFile(join(dir, 'manifests', f), 'utf8')));
    expect(texts.join('\n')).not.toContain(KEY);
    expect(texts.join('\n')).toContain('[REDACTED]');
  });
});

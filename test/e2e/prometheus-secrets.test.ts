/**
 * Prometheus credentials — a bearer token from its file, a password in the URL, a
 * credential header — reach the server and nothing else: not the report, a warning,
 * an error, a --debug query trace or stack, nor a snapshot file.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../prometheus/faultProxy.mjs';
import { PRD, SINCE, TIME, serve, type Served } from '../prometheus/fixture.js';
import { SKIP_MESSAGE, prometheusAvailable } from '../prometheus/server.mjs';
import { runCli, type CliResult } from './run.js';

const available = prometheusAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const TOKEN = 'prom-tok-8f3a9c2e7d1b';
const PASSWORD = 'pa55-w0rd-zq';
const BASIC = Buffer.from(`mesh:${PASSWORD}`).toString('base64');
const API_KEY = 'key-zz9-secret';
const SECRETS = [TOKEN, PASSWORD, BASIC, API_KEY];

let served: Served;
let proxy: FaultProxy;
let dir: string;
let tokenFile: string;

beforeAll(async () => {
  if (!available) return;
  served = await serve({ clusters: [PRD] });
  proxy = await startFaultProxy(served.server.url);
  dir = await mkdtemp(join(tmpdir(), 'mesh-cost-prom-secrets-'));
  tokenFile = join(dir, 'token');
  // as a service-account token file is mounted: a trailing newline
  await writeFile(tokenFile, `${TOKEN}\n`);
});
afterEach(() => proxy?.reset());
afterAll(async () => {
  await proxy?.close();
  await served?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<CliResult> {
  const r = await runCli(['--debug', ...args]);
  for (const secret of SECRETS) {
    expect(r.stdout).not.toContain(secret);
    expect(r.stderr).not.toContain(secret);
  }
  return r;
}

const withPassword = (url: string) => url.replace('http://', `http://mesh:${PASSWORD}@`);
const window = ['--prom-time', TIME, '--since', SINCE];

describe.skipIf(!available)('Prometheus credentials are sent, never echoed', () => {
  it('sends the bearer token and a credential header, and prints neither', async () => {
    const r = await run(['estimate', '--prometheus', proxy.url, ...window, '--prom-bearer-token-file', tokenFile, '--prom-header', `X-Api-Key: ${API_KEY}`, '--prom-header', 'X-Scope-OrgID: team-a', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/debug: prometheus query 1: /);
    expect(proxy.requests.length).toBeGreaterThan(0);
    for (const q of proxy.requests) {
      expect(q.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(q.headers['x-api-key']).toBe(API_KEY);
      expect(q.headers['x-scope-orgid']).toBe('team-a');
    }
  });

  it('turns user:password in the URL into basic auth, and names the URL without them', async () => {
    const r = await run(['estimate', '--prometheus', withPassword(proxy.url), ...window, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs.sources).toEqual([`Prometheus ${proxy.url}`]);
    expect(proxy.requests.every((q) => q.headers.authorization === `Basic ${BASIC}`)).toBe(true);
    expect(proxy.requests.every((q) => !q.url.includes(PASSWORD))).toBe(true);
  });

  it("in the errors of refused credentials, Prometheus's own message and a bad URL", async () => {
    proxy.always = { status: 401, body: `invalid token ${TOKEN}` };
    const refused = await run(['estimate', '--prometheus', withPassword(proxy.url), ...window]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^mesh-cost: Prometheus refused the credentials \(HTTP 401\) at http:\/\/127\.0\.0\.1:\d+:/m);
    expect(refused.stderr).toMatch(/\n\s+at /); // --debug's stack is there, the secrets are not
    proxy.always = { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: `unknown tenant ${API_KEY}` }) };
    const echoed = await run(['estimate', '--prometheus', proxy.url, ...window, '--prom-header', `X-Api-Key: ${API_KEY}`]);
    expect(echoed.code).toBe(3);
    expect(echoed.stderr).toMatch(/^mesh-cost: Prometheus rejected the query \(HTTP 400\) bad_data: unknown tenant \[REDACTED\]\n/m);
    const badUrl = await run(['estimate', '--prometheus', `htp://mesh:${PASSWORD}@prometheus:9090`]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/^mesh-cost: --prometheus: expected an http\(s\) URL/);
  });

  it('in a snapshot written by prometheus export', async () => {
    const out = join(dir, 'snapshot');
    const r = await run(['prometheus', 'export', '--prometheus', withPassword(proxy.url), ...window, '--out', out]);
    expect(r.code).toBe(0);
    for (const f of await readdir(out)) {
      const text = await readFile(join(out, f), 'utf8');
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});

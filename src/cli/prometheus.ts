/**
 * Prometheus from the command line: flags → reader options (the URL's credentials
 * turned into an Authorization header, the token read from its file, every secret
 * registered for redaction) → a snapshot; `--prometheus` makes it the run's inventory
 * and observed profile, `prometheus export` writes it to files for offline runs.
 */
import { readFile } from 'node:fs/promises';
import { InputError, registerSecret } from '../errors.js';
import { describeFsError } from '../fsErrors.js';
import { readers } from '../inventory/index.js';
import { DEFAULT_CLUSTER_LABEL, type PrometheusOptions } from '../inventory/prometheus/index.js';
import { Warnings, type Inventory, type ReadContext } from '../inventory/types.js';
import { DEFAULT_STATISTIC, type Statistic } from '../profiles/fit/statistic.js';
import { loadProfile } from '../profiles/load.js';
import type { ProxyProfile } from '../profiles/schema.js';
import { profileYaml } from '../profiles/write.js';
import type { InputFlags } from './inputOptions.js';
import { parseDuration, parseSince } from './newrelic.js';
import { snapshotCsv } from './snapshotCsv.js';
import { writeSnapshot } from './snapshotWrite.js';
import type { ScopeFlag } from '../model/types.js';
import { DEFAULT_PROFILE } from '../profiles/defaultProfile.js';
import { prometheusProfile } from './prometheusProfile.js';
import type { PrometheusFlags } from './prometheusOptions.js';
import { progressOnStderr } from './progress.js';
import { debug, isDebugging } from './terminal.js';

const DEFAULT_SINCE = '7d';
const DEFAULT_TIMEOUT = '60s';
const PROM_DURATION_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** header names whose values are credentials: redacted wherever they might show */
const SECRET_HEADER = /auth|token|key|secret|cookie|password/i;

/** `7d`, `36h`, `90m` (PromQL durations), or New Relic's `7 days ago` / an ISO date → epoch ms. */
export function parsePromSince(text: string, until: number): number {
  const m = /^\s*(\d+)\s*([smhdw])\s*$/.exec(text);
  if (m) {
    const ms = Number(m[1]) * PROM_DURATION_MS[m[2]!]!;
    if (ms < 60_000) throw new InputError(`--since: expected a window of at least 1m, found "${text}"`);
    return until - ms;
  }
  try {
    return parseSince(text, until);
  } catch {
    throw new InputError(`--since: expected a duration such as 7d, 36h or 90m, 'N days ago' or an ISO date such as 2026-01-31, found "${text}"`);
  }
}

async function readToken(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`--prom-bearer-token-file: cannot read: ${describeFsError(e, 'a token file')}`, { file });
  }
  const token = text.trim();
  if (token === '') throw new InputError('--prom-bearer-token-file: expected a token, found an empty file', { file });
  return token;
}

export async function prometheusOptions(flags: PrometheusFlags, workloads: string | undefined, now = Date.now()): Promise<{ options: PrometheusOptions; stat: Statistic }> {
  let url: URL | undefined;
  try {
    url = new URL(flags.prometheus ?? '');
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    // the text may hold a password: never echo it
    throw new InputError('--prometheus: expected an http(s) URL such as http://prometheus.monitoring:9090 (with a path prefix for Thanos or Mimir)');
  }
  const headers: Record<string, string> = {};
  const secrets: string[] = [];
  const secret = (s: string) => {
    secrets.push(s);
    registerSecret(s);
  };
  if (url.username || url.password) {
    const [user, password] = [decodeURIComponent(url.username), decodeURIComponent(url.password)];
    secret(password);
    secret(url.password);
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    secret(basic);
    headers.authorization = `Basic ${basic}`;
  }
  if (flags.promBearerTokenFile) {
    if (headers.authorization) throw new InputError('--prom-bearer-token-file and a user:password in --prometheus both authenticate: pass one of them');
    const token = await readToken(flags.promBearerTokenFile);
    secret(token);
    headers.authorization = `Bearer ${token}`;
  }
  for (const h of flags.promHeader ?? []) {
    const colon = h.indexOf(':');
    const name = colon > 0 ? h.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InputError("--prom-header: expected 'Name: value' such as 'X-Scope-OrgID: team', found no header name before a ':'");
    const value = h.slice(colon + 1).trim();
    if (SECRET_HEADER.test(name)) secret(value);
    headers[name.toLowerCase()] = value;
  }
  const baseUrl = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  let until = now;
  if (flags.promTime !== undefined) {
    until = Date.parse(flags.promTime);
    if (Number.isNaN(until)) throw new InputError(`--prom-time: expected an ISO time such as 2026-01-31T12:00:00Z, found "${flags.promTime}"`);
  }
  const since = parsePromSince(flags.since ?? DEFAULT_SINCE, until);
  const cluster = flags.cluster;
  if (cluster !== undefined && flags.promClusterLabel !== undefined) {
    throw new InputError('--cluster names the only cluster of a single-cluster Prometheus, --prom-cluster-label the label of a multi-cluster one: pass one of them');
  }
  const clusters = (flags.clusters ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  if (cluster !== undefined && clusters.length > 0) throw new InputError('--clusters filters a multi-cluster Prometheus: drop it with --cluster');
  const clusterLabel = flags.promClusterLabel ?? DEFAULT_CLUSTER_LABEL;
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(clusterLabel)) throw new InputError(`--prom-cluster-label: expected a Prometheus label name such as cluster, found "${clusterLabel}"`);
  return {
    options: {
      baseUrl,
      headers,
      secrets,
      window: { since, until },
      clusterLabel,
      ...(cluster !== undefined ? { cluster } : {}),
      ...(flags.environment !== undefined ? { environment: flags.environment } : {}),
      clusters,
      timeoutMs: parseDuration(flags.promTimeout ?? DEFAULT_TIMEOUT, '--prom-timeout'),
      ...(workloads ? { workloads } : {}),
      ...(isDebugging() ? { debug } : {}),
    },
    stat: flags.promStat ?? DEFAULT_STATISTIC,
  };
}

/**
 * `estimate --prometheus`: Prometheus' inventory, and its observed usage as the profile
 * unless -p names one or --proxy-usage gives usage (then the usage queries are not sent).
 */
export async function fromPrometheus(flags: InputFlags, workloads: string | undefined, base: ProxyProfile, ctx: ReadContext): Promise<{ inventory: Inventory; profile: ProxyProfile }> {
  const other = (['nodes', 'pods', 'kube', 'example', 'newrelic'] as const).filter((k) => flags[k] !== undefined && flags[k] !== false);
  if (other.length > 0) {
    throw new InputError(`--prometheus reads nodes and pods from Prometheus: drop ${other.map((k) => `--${k}`).join(', ')} (--workloads may add waypoint, canary and rps)`);
  }
  const { options, stat } = await prometheusOptions(flags, workloads);
  const reader = await readers.prometheus();
  if (flags.profile || flags.proxyUsage) return { inventory: await reader.read(options, ctx), profile: base };
  const snap = await reader.snapshot(options, ctx);
  debug(`${snap.queries} Prometheus queries`);
  return { inventory: snap.inventory, profile: prometheusProfile(snap, base, stat, options.baseUrl) };
}

export interface ExportFlags extends PrometheusFlags {
  out: string;
  workloads?: string;
  baseProfile?: string;
  scope?: ScopeFlag;
}


/** `mesh-cost prometheus export --out DIR`: the snapshot as files a later run reads offline. */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  const { options, stat } = await prometheusOptions(flags, flags.workloads);
  const base = await loadProfile(flags.baseProfile ?? DEFAULT_PROFILE);
  const warnings = new Warnings();
  const progress = progressOnStderr();
  const reader = await readers.prometheus();
  const snap = await reader.snapshot(options, { warnings, progress: progress.report }).finally(progress.end);
  const profile = prometheusProfile(snap, base, stat, options.baseUrl);
  const csv = snapshotCsv(snap.inventory, snap.pods, flags.scope ?? 'auto', profile.spec.sidecar.requests, warnings);
  await writeSnapshot({
    out: flags.out,
    command: 'prometheus export',
    source: `Prometheus ${options.baseUrl}`,
    api: 'Prometheus',
    window: snap.window,
    queries: snap.queries,
    inventory: snap.inventory,
    csv,
    profile,
    profileText: profileYaml(profile, [`Observed in Prometheus by mesh-cost prometheus export (statistic: ${stat}); provenance in metadata.observed.`]),
    warnings,
  });
}


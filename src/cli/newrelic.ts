/**
 * New Relic from the command line: flags and environment → NerdGraph options →
 * a snapshot; `--newrelic` turns it into the run's inventory and observed profile,
 * `newrelic export` writes it to files for offline, reproducible runs.
 */
import { InputError } from '../errors.js';
import { readers } from '../inventory/index.js';
import { ENDPOINTS } from '../inventory/newrelic/client.js';
import type { NewRelicOptions } from '../inventory/newrelic/index.js';
import { newRelicProfile } from './newrelicProfile.js';
import { Warnings, type Inventory, type ReadContext } from '../inventory/types.js';
import { loadProfile } from '../profiles/load.js';
import { DEFAULT_STATISTIC, type Statistic } from '../profiles/fit/statistic.js';
import type { ProxyProfile } from '../profiles/schema.js';
import { profileYaml } from '../profiles/write.js';
import type { InputFlags } from './inputOptions.js';
import type { NewRelicFlags } from './newrelicOptions.js';
import { snapshotCsv } from './snapshotCsv.js';
import { writeSnapshot } from './snapshotWrite.js';
import type { ScopeFlag } from '../model/types.js';
import { DEFAULT_PROFILE } from '../profiles/defaultProfile.js';
import { progressOnStderr } from './progress.js';

const DEFAULT_SINCE = '90 days ago';
const DEFAULT_TIMEOUT = '60s';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** `90 days ago`, `36 hours ago`, or an ISO date/time → epoch milliseconds. */
export function parseSince(text: string, now: number): number {
  const relative = /^\s*(\d+(?:\.\d+)?)\s*(minute|hour|day|week)s?\s+ago\s*$/i.exec(text);
  const at = relative ? now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]! : /^\s*\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) {
    throw new InputError(`--since: expected 'N minutes|hours|days|weeks ago' or an ISO date such as 2026-01-31, found "${text}"`);
  }
  if (at >= now) throw new InputError(`--since: expected a time in the past, found "${text}"`);
  return at;
}

/** `30s`, `2m`, `500ms`, or plain seconds → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  const ms = m ? Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000) : NaN;
  if (!(ms > 0)) throw new InputError(`${flag}: expected a duration such as 30s, 2m or 500ms, found "${text}"`);
  return ms;
}

export function newRelicOptions(
  flags: NewRelicFlags,
  workloads: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): { options: NewRelicOptions; stat: Statistic } {
  const apiKey = env.NEW_RELIC_API_KEY?.trim();
  if (!apiKey) {
    throw new InputError('NEW_RELIC_API_KEY is not set: create a New Relic user key (NRAK-…) under API keys in one.newrelic.com and export it as NEW_RELIC_API_KEY');
  }
  const account = flags.nrAccount ?? env.NEW_RELIC_ACCOUNT_ID;
  if (account === undefined || account.trim() === '') throw new InputError('no New Relic account: pass --nr-account ID or set NEW_RELIC_ACCOUNT_ID');
  if (!/^\s*\d+\s*$/.test(account)) {
    throw new InputError(`${flags.nrAccount !== undefined ? '--nr-account' : 'NEW_RELIC_ACCOUNT_ID'}: expected a numeric account id, found "${account}"`);
  }
  const endpoint = flags.nrEndpoint ?? ENDPOINTS[flags.nrRegion ?? 'us'];
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InputError(`--nr-endpoint: expected an http(s) URL such as ${ENDPOINTS.us}, found "${endpoint}"`);
  }
  const since = parseSince(flags.since ?? DEFAULT_SINCE, now);
  return {
    options: {
      endpoint,
      apiKey,
      accountId: Number(account),
      window: { since, until: now },
      clusters: (flags.clusters ?? '').split(',').map((c) => c.trim()).filter(Boolean),
      timeoutMs: parseDuration(flags.nrTimeout ?? DEFAULT_TIMEOUT, '--nr-timeout'),
      ...(workloads ? { workloads } : {}),
    },
    stat: flags.nrStat ?? DEFAULT_STATISTIC,
  };
}

async function snapshotFromFlags(flags: NewRelicFlags, workloads: string | undefined, ctx: ReadContext) {
  const { options, stat } = newRelicOptions(flags, workloads);
  const reader = await readers.newrelic();
  const snap = await reader.snapshot(options, ctx);
  return { snap, stat, accountId: options.accountId };
}

/**
 * `estimate --newrelic`: New Relic's inventory, and its observed usage as the profile
 * unless -p names one (then the user's profile is used as it is; the config's or the
 * default profile only serves as the base of the observed one).
 */
export async function fromNewRelic(
  flags: InputFlags,
  workloads: string | undefined,
  base: ProxyProfile,
  ctx: ReadContext,
): Promise<{ inventory: Inventory; profile: ProxyProfile }> {
  const other = (['nodes', 'pods', 'kube', 'example'] as const).filter((k) => flags[k] !== undefined);
  if (other.length > 0) {
    throw new InputError(
      `--newrelic reads nodes and pods from New Relic: drop ${other.map((k) => `--${k}`).join(', ')} (--workloads may add waypoint, canary and rps)`,
    );
  }
  // an explicit profile or observed usage from a file makes New Relic's usage moot: don't query it
  if (flags.profile || flags.proxyUsage) {
    const { options } = newRelicOptions(flags, workloads);
    return { inventory: await (await readers.newrelic()).read(options, ctx), profile: base };
  }
  const { snap, stat, accountId } = await snapshotFromFlags(flags, workloads, ctx);
  return { inventory: snap.inventory, profile: newRelicProfile(snap, base, stat, accountId) };
}

export interface ExportFlags extends NewRelicFlags {
  out: string;
  workloads?: string;
  baseProfile?: string;
  scope?: ScopeFlag;
}

/** `mesh-cost newrelic export --out DIR`: the snapshot as files a later run reads offline. */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  const base = await loadProfile(flags.baseProfile ?? DEFAULT_PROFILE);
  const warnings = new Warnings();
  const progress = progressOnStderr();
  const { snap, stat, accountId } = await snapshotFromFlags(flags, flags.workloads, { warnings, progress: progress.report }).finally(progress.end);
  const profile = newRelicProfile(snap, base, stat, accountId);
  const csv = snapshotCsv(snap.inventory, snap.pods, flags.scope ?? 'auto', profile.spec.sidecar.requests, warnings);
  await writeSnapshot({
    out: flags.out,
    command: 'newrelic export',
    source: `New Relic account ${accountId}`,
    api: 'NerdGraph',
    window: snap.window,
    queries: snap.queries,
    inventory: snap.inventory,
    csv,
    profile,
    profileText: profileYaml(profile, [`Observed in New Relic by mesh-cost newrelic export (statistic: ${stat}); provenance in metadata.observed.`]),
    warnings,
  });
}



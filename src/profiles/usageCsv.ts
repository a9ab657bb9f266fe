/**
 * usage.csv → an observed ProxyProfile. One row per sample: `cluster, namespace, pod,
 * proxy (sidecar|ztunnel|waypoint), cpu, memory, rps?, timestamp?`. The file streams
 * through the CSV layer of the inventory readers (same header rules, same
 * FILE:LINE:COLUMN problems) into the pure fit (./fit). A quantile of residuals over
 * more samples than the fit keeps needs the samples twice: the file is then read again.
 */
import { quantity, required } from '../inventory/csv/cells.js';
import { Problems } from '../inventory/csv/problems.js';
import { inputName, readTable, type CsvRun, type Row } from '../inventory/csv/table.js';
import { Warnings, type ReadContext } from '../inventory/types.js';
import { MIB } from '../quantity.js';
import { observedProfile, observedProfileName } from './fit/profile.js';
import type { Statistic } from './fit/statistic.js';
import { PROXY_KINDS, UsageFit, type ObservedUsage, type ProxyKind, type UsageSample } from './fit/usage.js';
import type { ProxyProfile } from './schema.js';

const COLUMNS = {
  known: ['cluster', 'namespace', 'pod', 'proxy', 'cpu', 'memory', 'rps', 'timestamp'],
  required: ['cluster', 'namespace', 'pod', 'proxy', 'cpu', 'memory'],
} as const;
type Column = (typeof COLUMNS.known)[number];

export interface UsageFitResult {
  profile: ProxyProfile;
  observed: ObservedUsage;
}

export interface UsageFileOptions {
  statistic: Statistic;
  /** the profile that supplies requests, waypoint scaling, istio-cni and control plane */
  base: ProxyProfile;
  /** see UsageFitOptions.exactLimit */
  exactLimit?: number;
}

export async function fitUsageFile(file: string, options: UsageFileOptions, ctx: ReadContext): Promise<UsageFitResult> {
  const fit = new UsageFit({ statistic: options.statistic, ...(options.exactLimit ? { exactLimit: options.exactLimit } : {}) });
  const run: CsvRun = { ctx, problems: new Problems(), rows: 0 };
  const rows = await readTable(file, COLUMNS, run, (row) => {
    const s = toSample(row, ctx.warnings);
    if (s) fit.add(s.kind, s.sample);
  });
  if (rows === 0) run.problems.fatal('expected at least one usage sample below the header, found only the header', { file: inputName(file) });
  run.problems.throwIfAny();

  if (fit.needsReplay()) {
    // the rows were checked on the first pass; its warnings are not repeated
    const again: CsvRun = { ctx: { ...ctx, warnings: new Warnings() }, problems: new Problems(), rows: 0 };
    await readTable(file, COLUMNS, again, (row) => {
      const s = toSample(row, again.ctx.warnings);
      if (s) fit.replay(s.kind, s.sample);
    });
  }
  const observed = fit.result();
  warnAboutFit(inputName(file), observed, ctx.warnings);
  const name = observedProfileName(file, options.statistic);
  return { observed, profile: observedProfile(options.base, observed, { source: file, name }) };
}

const KIND = new Map<string, ProxyKind>(PROXY_KINDS.map((k) => [k, k]));
const MAX_PROXY_CPU = 1000;
const MAX_PROXY_MEMORY = 2 ** 40;
const MAX_RPS = 1e7;

function toSample(row: Row<Column>, warnings: Warnings): { kind: ProxyKind; sample: UsageSample } | undefined {
  const cluster = required(row, 'cluster');
  const namespace = required(row, 'namespace');
  const pod = required(row, 'pod');
  const kind = KIND.get(row.text('proxy').toLowerCase()) ?? row.bad('proxy', 'sidecar, ztunnel or waypoint');
  const cpu = quantity(row, 'cpu', { what: `a cpu quantity in cores, 0 to ${MAX_PROXY_CPU} (e.g. 0.25 or 250m)`, max: MAX_PROXY_CPU });
  const bytes = quantity(row, 'memory', { what: 'a memory quantity up to 1Ti, a bare number being bytes (e.g. 62914560 or 60Mi)', max: MAX_PROXY_MEMORY });
  const rps = row.text('rps') === '' ? undefined : quantity(row, 'rps', { what: `requests per second, 0 to ${MAX_RPS} (e.g. 850)`, max: MAX_RPS });
  const time = row.text('timestamp') === '' ? undefined : timestamp(row);
  if (row.failed) return undefined;
  if (bytes! < MIB) {
    warnings.add(
      'usage-memory-below-1mi',
      '{count} usage {sample has|samples have} less than 1 MiB of memory; a bare number is bytes, as in Kubernetes: did you mean Mi (e.g. "60Mi")?',
      `${row.where('memory')}: memory ${JSON.stringify(row.text('memory'))}`,
    );
  }
  return {
    kind: kind!,
    sample: {
      pod: `${cluster}\0${namespace}\0${pod}`,
      cpu: cpu!,
      memoryMiB: bytes! / MIB,
      ...(rps === undefined ? {} : { rps }),
      ...(time === undefined ? {} : { time }),
    },
  };
}

const EPOCH = /^\d+(\.\d+)?$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** below this an epoch number is seconds (until the year 5138), above it milliseconds (since 1973) */
const SECONDS_UNTIL = 1e11;

/**
 * Epoch seconds (Prometheus) or milliseconds (New Relic), or an ISO 8601 date-time;
 * a date-time without a zone is UTC, so the window does not depend on the machine's zone.
 */
// the last instant a JavaScript Date can hold: a timestamp past it is no time at all
const MAX_DATE_MS = 8.64e15;

function timestamp(row: Row<Column>): number | undefined {
  const text = row.text('timestamp');
  let ms = NaN;
  if (EPOCH.test(text)) {
    const n = Number(text);
    ms = n < SECONDS_UNTIL ? n * 1000 : n;
  } else {
    const m = ISO_8601.exec(text);
    if (m) ms = Date.parse(text.replace(' ', 'T') + (text.length > 10 && !m[1] ? 'Z' : ''));
  }
  return Number.isNaN(ms) || ms > MAX_DATE_MS ? row.bad('timestamp', 'epoch seconds or milliseconds, or an ISO 8601 date-time (e.g. 2025-06-01T10:00:00Z)') : ms;
}

/** What a reader of the profile should know before trusting a line. */
function warnAboutFit(file: string, observed: ObservedUsage, warnings: Warnings): void {
  for (const kind of PROXY_KINDS) {
    const k = observed.kinds[kind];
    if (!k) continue;
    if (k.samplesWithoutRps > 0) {
      warnings.add(
        `usage-rps-missing:${kind}`,
        `${file}: ${k.samplesWithoutRps} of ${k.samples} ${kind} samples have no rps while others have: they are left out of the ${kind} line`,
      );
    }
    if (k.cpu.model === 'line' && k.cpu.fit.constantLoad) {
      warnings.add(
        `usage-constant-load:${kind}`,
        `${file}: every ${kind} sample has the same rps, so usage cannot be split into base and per-1k-rps: ${kind} usage is taken as flat`,
      );
    }
  }
}

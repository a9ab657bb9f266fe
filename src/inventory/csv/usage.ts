/**
 * usage.csv → proxy usage samples, as data (DESIGN section 1: readers hand observed usage
 * over; src/profiles/fit turns it into a profile). One row per sample: `cluster,
 * namespace, pod, proxy (sidecar|ztunnel|waypoint), cpu, memory, rps?, timestamp?`,
 * with the CSV layer's header rules and FILE:LINE:COLUMN problems. The file can be
 * read twice (a quantile of residuals over more samples than the fit keeps).
 */
import { PROXY_KINDS, type ProxyKind, type UsageSample } from '../../observedUsage.js';
import { MIB } from '../../quantity.js';
import { Warnings, type ReadContext } from '../types.js';
import { quantity, required } from './cells.js';
import { Problems } from './problems.js';
import { inputName, readTable, type CsvRun, type Row } from './table.js';

const COLUMNS = {
  known: ['cluster', 'namespace', 'pod', 'proxy', 'cpu', 'memory', 'rps', 'timestamp'],
  required: ['cluster', 'namespace', 'pod', 'proxy', 'cpu', 'memory'],
} as const;
type Column = (typeof COLUMNS.known)[number];

export type OnSample = (kind: ProxyKind, sample: UsageSample) => void;

/**
 * Every sample of `file`, in order. The first pass checks every row (its problems stop
 * the run); a second pass (`again`) reads the same rows and repeats no warning.
 */
export async function readUsageSamples(file: string, ctx: ReadContext, onSample: OnSample, again = false): Promise<void> {
  const run: CsvRun = { ctx: again ? { ...ctx, warnings: new Warnings() } : ctx, problems: new Problems(), rows: 0 };
  const rows = await readTable(file, COLUMNS, run, (row) => {
    const s = toSample(row, run.ctx.warnings);
    if (s) onSample(s.kind, s.sample);
  });
  if (rows === 0) run.problems.fatal('expected at least one usage sample below the header, found only the header', { file: inputName(file) });
  run.problems.throwIfAny();
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

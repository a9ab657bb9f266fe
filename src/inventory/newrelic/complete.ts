/**
 * Complete facet results. NRQL returns at most 5,000 facets; a result that fills
 * that limit (or lumps the rest into `otherResult`) is split and asked again —
 * by cluster, then namespace (and, for pods, node), then by halving the time window —
 * until every part fits. A part that cannot be split further is an error, never a
 * silent truncation.
 */
import { UpstreamError } from '../../errors.js';
import type { ReadContext } from '../types.js';
import type { NerdGraphClient, NrqlAnswer } from './client.js';
import { FACET_LIMIT, eq, toNrql, type NrqlQuery, type Window } from './nrql.js';
import { facetRows, isTruncated, type FacetRow } from './results.js';

export interface FacetQuery {
  /** what the rows are, for messages: "pods" */
  name: string;
  select: readonly string[];
  from: string;
  where: readonly string[];
  facet: readonly string[];
  /** FACET attributes a cut result is split by, coarsest first */
  splitBy: readonly string[];
  /** one facet's rows from two adjacent windows, as one row */
  combine: (earlier: FacetRow, later: FacetRow) => FacetRow;
}

/** Below this a window is not halved again. */
export const MIN_WINDOW_MS = 60_000;

/** Counts the queries sent and reports them as progress (the total grows as results are split). */
export class QuerySession {
  private sent = 0;
  private answered = 0;

  constructor(
    private readonly client: NerdGraphClient,
    private readonly progress?: ReadContext['progress'],
  ) {}

  async query(q: NrqlQuery): Promise<NrqlAnswer> {
    this.sent++;
    this.progress?.(this.answered, this.sent, 'New Relic queries');
    const answer = await this.client.nrql(toNrql(q));
    this.answered++;
    this.progress?.(this.answered, this.sent, 'New Relic queries');
    return answer;
  }

  get queries(): number {
    return this.sent;
  }
}

export function completeFacet(session: QuerySession, q: FacetQuery, window: Window): Promise<FacetRow[]> {
  return run(session, q, q.where, new Set(), window);
}

async function run(session: QuerySession, q: FacetQuery, where: readonly string[], pinned: ReadonlySet<string>, window: Window): Promise<FacetRow[]> {
  const answer = await session.query({ ...q, where, window });
  if (!isTruncated(answer)) return facetRows(answer, q.facet);
  return split(session, q, where, pinned, window);
}

async function split(session: QuerySession, q: FacetQuery, where: readonly string[], pinned: ReadonlySet<string>, window: Window): Promise<FacetRow[]> {
  for (const name of q.splitBy) {
    if (pinned.has(name)) continue;
    const values = await listValues(session, q, name, where, window);
    pinned = new Set(pinned).add(name);
    if (values.length === 1) {
      // one value: splitting would ask the same question again; pin it and go finer
      where = [...where, eq(name, values[0]!)];
      continue;
    }
    if (values.length === 0) continue;
    const parts = await Promise.all(values.map((v) => run(session, q, [...where, eq(name, v)], pinned, window)));
    return parts.flat();
  }
  if (window.until - window.since < 2 * MIN_WINDOW_MS) {
    const scope = where.slice(q.where.length).join(' AND ') || 'the whole account';
    throw new UpstreamError(
      `New Relic holds more than ${FACET_LIMIT} ${q.name} for ${scope} within one minute (${window.since}–${window.until}): they cannot be read completely`,
    );
  }
  const mid = Math.floor((window.since + window.until) / 2);
  const [earlier, later] = await Promise.all([
    run(session, q, where, pinned, { since: window.since, until: mid }),
    run(session, q, where, pinned, { since: mid, until: window.until }),
  ]);
  return combineWindows(earlier, later, q.combine);
}

/** The values of one FACET attribute under the current conditions. */
async function listValues(session: QuerySession, q: FacetQuery, name: string, where: readonly string[], window: Window): Promise<(string | null)[]> {
  const answer = await session.query({ select: ["count(*) AS 'samples'"], from: q.from, where, facet: [name], window });
  if (isTruncated(answer)) {
    throw new UpstreamError(`New Relic holds more than ${FACET_LIMIT} values of ${name} in ${q.from}: the ${q.name} cannot be split by it`);
  }
  return facetRows(answer, [name]).map((r) => r.facets[0]!);
}

function combineWindows(earlier: FacetRow[], later: FacetRow[], combine: FacetQuery['combine']): FacetRow[] {
  const byFacet = new Map<string, FacetRow>();
  for (const row of earlier) byFacet.set(JSON.stringify(row.facets), row);
  for (const row of later) {
    const key = JSON.stringify(row.facets);
    const before = byFacet.get(key);
    byFacet.set(key, before ? combine(before, row) : row);
  }
  return [...byFacet.values()];
}

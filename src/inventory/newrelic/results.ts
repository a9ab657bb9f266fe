/**
 * Reading NRQL results as NerdGraph returns them: a facet row carries `facet` (a
 * string, or an array for several FACET attributes) beside its aggregates, keyed by
 * their `AS` aliases; a percentile arrives as `{"95": value}`.
 */
import type { NrqlAnswer } from './client.js';
import { FACET_LIMIT } from './nrql.js';

export interface FacetRow {
  /** one value per FACET attribute, in order */
  facets: (string | null)[];
  values: Record<string, unknown>;
}

export function facetRows(answer: NrqlAnswer, facetNames: readonly string[]): FacetRow[] {
  return answer.results.map((r) => {
    const f = r.facet;
    const raw = Array.isArray(f) ? f : f !== undefined ? [f] : facetNames.map((n) => r[n]);
    return { facets: raw.map((v) => (v === null || v === undefined ? null : String(v))), values: r };
  });
}

/** A facet result that filled the limit, or that lumped facets into `otherResult`, may be missing rows. */
export function isTruncated(answer: NrqlAnswer): boolean {
  return answer.results.length >= FACET_LIMIT || hasValue(answer.otherResult);
}

function hasValue(v: unknown): boolean {
  if (v === null || v === undefined || v === 0 || v === '') return false;
  if (typeof v === 'object') return Object.values(v).some(hasValue);
  return true;
}

/** A finite number from an aggregate (a plain number, a numeric string, or `{"95": n}`), else undefined. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (v !== null && typeof v === 'object') {
    const values = Object.values(v);
    return values.length === 1 ? num(values[0]) : undefined;
  }
  return undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

export const LIVE_SLACK_MS = 2 * 60_000;

/**
 * Rows (faceted by cluster first) still reporting at the end of the window: a node or
 * pod whose newest sample is older than its cluster's newest by more than LIVE_SLACK_MS
 * has gone (a rollout's old pods, a scaled-in node).
 */
export function liveRows(rows: readonly FacetRow[]): FacetRow[] {
  const newest = new Map<string | null, number>();
  for (const r of rows) {
    const seen = num(r.values.lastSeen);
    if (seen !== undefined) newest.set(r.facets[0]!, Math.max(newest.get(r.facets[0]!) ?? seen, seen));
  }
  return rows.filter((r) => {
    const seen = num(r.values.lastSeen);
    return seen === undefined || seen >= newest.get(r.facets[0]!)! - LIVE_SLACK_MS;
  });
}

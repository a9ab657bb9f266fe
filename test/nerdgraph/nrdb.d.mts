/** Types of the stand-in's NRDB (nrdb.mjs). */
import type { Events } from './stub.mjs';

export class NrqlError extends Error {}

export function runNrql(
  text: string,
  events: Events,
  options?: { facetLimit?: number },
): { results: Record<string, unknown>[]; otherResult: Record<string, unknown> | null; facets: string[] };

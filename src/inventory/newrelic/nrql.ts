/**
 * NRQL text, built in one place. Every value is quoted here, so a cluster or
 * namespace named `o'brien` cannot break (or widen) a query; every time range is a
 * pair of epoch milliseconds, so partitions of a window are exact and reproducible.
 */

/** A closed time range in epoch milliseconds: NRQL's `SINCE a UNTIL b`. */
export interface Window {
  since: number;
  until: number;
}

export interface NrqlQuery {
  /** aggregate expressions, each with its `AS 'alias'` */
  select: readonly string[];
  from: string;
  /** conditions joined with AND */
  where: readonly string[];
  facet: readonly string[];
  window: Window;
}

/** NRQL's largest facet result: a result this long may have been cut. */
export const FACET_LIMIT = 5000;

export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An attribute name; names with dots or slashes (`label.topology.kubernetes.io/zone`) need backticks. */
export function attr(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}

/** `name = 'value'`, or `name IS NULL` for a facet value that was null. */
export function eq(name: string, value: string | null): string {
  return value === null ? `${attr(name)} IS NULL` : `${attr(name)} = ${quote(value)}`;
}

export function isIn(name: string, values: readonly string[]): string {
  return `${attr(name)} IN (${values.map(quote).join(', ')})`;
}

export function toNrql(q: NrqlQuery): string {
  let text = `SELECT ${q.select.join(', ')} FROM ${q.from}`;
  if (q.where.length > 0) text += ` WHERE ${q.where.map((c) => `(${c})`).join(' AND ')}`;
  if (q.facet.length > 0) text += ` FACET ${q.facet.map(attr).join(', ')}`;
  text += ` SINCE ${q.window.since} UNTIL ${q.window.until}`;
  if (q.facet.length > 0) text += ' LIMIT MAX';
  return text;
}

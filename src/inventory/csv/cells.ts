/**
 * Cell parsers shared by the CSV files. Each returns the value, or undefined after
 * reporting `<column>: expected <what>, found "<value>"` on the row, so a row
 * builder reads every cell (all problems of a row get reported) and then checks
 * `row.failed` once.
 */
import { parseQuantity } from '../../quantity.js';
import type { Row } from './table.js';

/** a cell that must hold some text */
export function required<C extends string>(row: Row<C>, c: C): string | undefined {
  const v = row.text(c);
  return v === '' ? row.bad(c, 'a value') : v;
}

export interface NumberRule {
  /** the expectation as the message says it, e.g. "a positive cpu quantity (e.g. 4 or 3920m)" */
  what: string;
  /** 0 is refused too */
  positive?: boolean;
  integer?: boolean;
  /** anything above is a typo or a unit mistake, not a real cluster */
  max: number;
}

/**
 * A Kubernetes quantity (`4`, `3920m`, `16Gi`, `1e3`). An empty optional cell is
 * `fallback`; an empty required cell (no fallback) is a problem.
 */
export function quantity<C extends string>(row: Row<C>, c: C, rule: NumberRule, fallback?: number): number | undefined {
  const text = row.text(c);
  if (text === '' && fallback !== undefined) return fallback;
  const v = parseQuantity(text);
  if (v === undefined || v > rule.max || (rule.positive && v <= 0) || (rule.integer && !Number.isInteger(v))) {
    return row.bad(c, rule.what);
  }
  return v;
}

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0', '']);

export function bool<C extends string>(row: Row<C>, c: C): boolean | undefined {
  const v = row.text(c).toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return row.bad(c, 'true or false (or yes/no, 1/0)');
}

// Kinds are compared exactly downstream (DaemonSets are not meshed), so a
// hand-written "daemonset" must become "DaemonSet". Unknown kinds pass as written.
const KINDS = new Map(
  ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Rollout', 'ReplicationController'].map(
    (k) => [k.toLowerCase(), k],
  ),
);

export function kind(text: string): string {
  return KINDS.get(text.toLowerCase()) ?? text;
}

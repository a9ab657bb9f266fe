/**
 * The statistics a user can ask an observed profile for, and their exact values.
 * Quantiles are LOWER quantiles: the value at 0-based rank ⌊q·(n−1)⌋ of the sorted
 * values, with no interpolation. DDSketch answers with the same rank convention,
 * so an exact figure and a sketched one describe the same sample.
 */
export const STATISTICS = ['avg', 'p50', 'p95', 'p99', 'max'] as const;
export type Statistic = (typeof STATISTICS)[number];
/** what was billed is the time average: the default when the user names none */
export const DEFAULT_STATISTIC: Statistic = 'avg';

const LEVEL: Record<Exclude<Statistic, 'avg'>, number> = { p50: 0.5, p95: 0.95, p99: 0.99, max: 1 };

/** the quantile a statistic stands for (max is 1); avg is not a quantile */
export function quantileLevel(stat: Statistic): number | undefined {
  return stat === 'avg' ? undefined : LEVEL[stat];
}

/** The exact statistic of `values` (0 when there are none). Sorts in place. */
export function exactStatistic(values: Float64Array, stat: Statistic): number {
  const n = values.length;
  if (n === 0) return 0;
  if (stat === 'avg') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i]!;
    return sum / n;
  }
  values.sort();
  return values[Math.floor(quantileLevel(stat)! * (n - 1))]!;
}

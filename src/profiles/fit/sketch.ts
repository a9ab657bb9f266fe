/**
 * Quantiles of more values than we keep: DDSketch (Datadog's, Apache-2.0), whose
 * answer at quantile q is within RELATIVE_ACCURACY of the exact lower quantile
 * (|v̂ − v| ≤ α·|v|), for positive and negative values alike, in a few kB however
 * many values it has seen. Min, max, count and sum it keeps exactly.
 */
import { DDSketch } from '@datadog/sketches-js';
import { quantileLevel, type Statistic } from './statistic.js';

/** α: a sketched p95 of 0.2 vCPU is within ±0.001 vCPU of the exact one */
export const RELATIVE_ACCURACY = 0.005;

export function newSketch(): DDSketch {
  return new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
}

/** The statistic from a sketch: avg and max exact, quantiles within RELATIVE_ACCURACY. */
export function sketchStatistic(sketch: DDSketch, stat: Statistic): number {
  if (sketch.count === 0) return 0;
  if (stat === 'avg') return sketch.sum / sketch.count;
  if (stat === 'max') return sketch.max;
  return sketch.getValueAtQuantile(quantileLevel(stat)!);
}

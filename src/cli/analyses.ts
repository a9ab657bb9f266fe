/**
 * What `estimate` adds to the model's report beyond the priced plan: the --set what-ifs,
 * and the capacity (the nodes the change frees), each a pure function of the same run.
 */
import { InputError } from '../errors.js';
import { capacityInput } from '../model/capacity/fromPlan.js';
import { capacity } from '../model/capacity/index.js';
import { DEFAULT_PACK_TARGET } from '../model/capacity/types.js';
import type { EstimateInput } from '../model/estimate.js';
import type { Plan, Report } from '../model/types.js';
import type { Prepared } from './prepare.js';

export interface AnalysisFlags {
  packTarget?: string;
}

/** --pack-target: the fraction of a node's allocatable that packing may fill, (0, 1]. */
export function parsePackTarget(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PACK_TARGET;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0 || v > 1) {
    throw new InputError(`--pack-target: expected a fraction of a node's allocatable above 0 and at most 1, such as 0.85, found "${text}"`);
  }
  return v;
}

export function extendReport(run: Prepared, input: Omit<EstimateInput, 'generatedAt'>, plan: Plan, packTarget: number): Report {
  const cap = capacity(capacityInput(input, plan, packTarget));
  return {
    ...plan.report,
    ...(run.overrides.length > 0 ? { overrides: run.overrides } : {}),
    ...(cap.capacity ? { capacity: cap.capacity } : {}),
    warnings: [...plan.report.warnings, ...cap.warnings],
  };
}

/**
 * What `estimate` adds to the model's report beyond the priced plan: the --set what-ifs,
 * and the capacity (the nodes the change frees), each a pure function of the same run.
 */
import { InputError } from '../errors.js';
import { capacityInput } from '../model/capacity/fromPlan.js';
import { capacity } from '../model/capacity/index.js';
import { DEFAULT_PACK_TARGET } from '../model/capacity/types.js';
import type { EstimateInput } from '../model/estimate.js';
import { DEFAULT_SENSITIVITY, sensitivity } from '../model/sensitivity.js';
import { whatIfPricer } from '../model/sensitivityRun.js';
import type { Plan, Report } from '../model/types.js';
import type { Prepared } from './prepare.js';

export interface AnalysisFlags {
  packTarget?: string;
  /** commander gives true for a bare --sensitivity */
  sensitivity?: string | boolean;
}

/** --sensitivity [D]: the relative change each input is re-run at, in (0, 1); absent means no sensitivity. */
export function parseSensitivity(value: string | boolean | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_SENSITIVITY;
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0 || v >= 1) {
    throw new InputError(`--sensitivity: expected a relative change above 0 and below 1, such as 0.25 (±25%), found "${value}"`);
  }
  return v;
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

export interface Analyses {
  packTarget: number;
  sensitivity?: number;
}

export function extendReport(run: Prepared, input: Omit<EstimateInput, 'generatedAt'>, plan: Plan, asked: Analyses): Report {
  const cap = capacity(capacityInput(input, plan, asked.packTarget));
  const tornado =
    asked.sensitivity === undefined
      ? undefined
      : sensitivity(
          { profile: run.profile, prices: run.prices, scales: run.scales },
          whatIfPricer(run.inventory, run.options, plan.report.generatedAt, run.warnings),
          asked.sensitivity,
        );
  return {
    ...plan.report,
    ...(run.overrides.length > 0 ? { overrides: run.overrides } : {}),
    ...(cap.capacity ? { capacity: cap.capacity } : {}),
    ...(tornado ? { sensitivity: tornado } : {}),
    warnings: [...plan.report.warnings, ...cap.warnings],
  };
}

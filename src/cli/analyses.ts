/**
 * One model run for a command, and what `estimate` adds to its report: the --set
 * what-ifs, the capacity (the nodes the change frees) and the sensitivity, each a pure
 * function of the same prepared run.
 */
import { InputError } from '../errors.js';
import { capacityInput } from '../model/capacity/fromPlan.js';
import { capacity } from '../model/capacity/index.js';
import { DEFAULT_PACK_TARGET } from '../model/capacity/types.js';
import { DEFAULT_SENSITIVITY, sensitivity } from '../model/sensitivity.js';
import { preparedRun, type PreparedRun } from '../model/sensitivityRun.js';
import type { Plan, Report } from '../model/types.js';
import type { WhatIf } from '../profiles/overrides.js';
import type { Prepared } from './prepare.js';
import { TOOL } from '../version.js';

export interface AnalysisFlags {
  packTarget?: string;
  /** commander gives true for a bare --sensitivity */
  sensitivity?: string | boolean;
}

export interface Analyses {
  packTarget: number;
  sensitivity?: number;
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

/** The inventory prepared once, and this run's what-if (profile, prices, --set multipliers). */
export function modelRun(run: Prepared): { prepared: PreparedRun; whatIf: WhatIf; plan: Plan } {
  const prepared = preparedRun(run.inventory, run.options, new Date().toISOString(), { warnings: run.warnings, tool: TOOL });
  const whatIf: WhatIf = { profile: run.profile, prices: run.prices, scales: run.scales };
  return { prepared, whatIf, plan: prepared.price(whatIf) };
}

export function estimateReport(run: Prepared, asked: Analyses): Report {
  const { prepared, whatIf, plan } = modelRun(run);
  const cap = capacity(capacityInput(run.inventory, prepared.model, plan, whatIf, asked.packTarget));
  const tornado = asked.sensitivity === undefined ? undefined : sensitivity(whatIf, prepared.price, asked.sensitivity, prepared.priceNamespace, prepared.savingsFor);
  return {
    ...plan.report,
    ...(run.overrides.length > 0 ? { overrides: run.overrides } : {}),
    ...(run.istio ? { readiness: run.istio.readiness } : {}),
    ...(cap.capacity ? { capacity: cap.capacity } : {}),
    ...(tornado ? { sensitivity: tornado } : {}),
    warnings: [...plan.report.warnings, ...cap.warnings],
  };
}

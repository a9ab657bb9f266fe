/**
 * The report as JSON (DESIGN section 4): it is already plain data, written as is but for
 * float noise. Sums of vCPU and GiB come out as 720.0000000000005; twelve significant
 * digits keep every figure the model means (a millicore of a million cores) and drop
 * the binary residue. Money is already whole cents. The model keeps its full precision:
 * only the serialized text is rounded.
 */
import type { Renderer } from './index.js';

const SIGNIFICANT_DIGITS = 12;

const denoise = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value) ? Number(value.toPrecision(SIGNIFICANT_DIGITS)) : value;

const renderJson: Renderer = (report) => `${JSON.stringify(report, denoise, 2)}\n`;

export default renderJson;

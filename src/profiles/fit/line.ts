/**
 * usage = base + per1kRps · rps/1000, fitted by least squares with both coefficients
 * kept non-negative, from streaming moments: one sample at a time, constant memory.
 *
 * The moments are kept centred (Welford's update) rather than as raw Σx, Σy, Σxy, Σx²,
 * Σy²: they carry the same information, but raw sums of ten million memory samples
 * around 60 MiB lose the variance to cancellation (Σy² − n·ȳ² of two ~4e10 numbers).
 */

/** Streaming co-moments of (x, y) pairs. */
export class Moments {
  n = 0;
  meanX = 0;
  meanY = 0;
  /** Σ(x − x̄)² */
  sxx = 0;
  /** Σ(x − x̄)(y − ȳ) */
  sxy = 0;
  /** Σ(y − ȳ)² */
  syy = 0;

  add(x: number, y: number): void {
    this.n++;
    const dx = x - this.meanX;
    const dy = y - this.meanY;
    this.meanX += dx / this.n;
    this.meanY += dy / this.n;
    this.sxx += dx * (x - this.meanX);
    this.sxy += dx * (y - this.meanY);
    this.syy += dy * (y - this.meanY);
  }
}

export interface LineFit {
  base: number;
  /** slope per 1,000 rps (x is rps/1000) */
  per1kRps: number;
  /** share of the variance the line explains; null when y does not vary */
  r2: number | null;
  /** root mean square of the residuals y − line(x) */
  residualRms: number;
  /** which coefficient the non-negativity constraint held at 0, if any */
  clamped?: 'base' | 'per1kRps';
  /** every sample had the same load: the slope cannot be told from the base, so the line is flat */
  constantLoad?: boolean;
}

/** Relative variance below which x is taken as constant (floating-point noise, not load). */
const CONSTANT = 1e-12;

/**
 * Non-negative least squares in two dimensions: solve unconstrained; if one coefficient
 * is negative, hold it at 0 and refit the other alone. Since x ≥ 0 and y ≥ 0 at most
 * one can be negative (a negative slope means a base above ȳ ≥ 0), and the refit one
 * is then ≥ 0, so this is the exact constrained optimum.
 */
export function fitNonNegativeLine(m: Moments): LineFit {
  if (m.n === 0) return { base: 0, per1kRps: 0, r2: null, residualRms: 0 };
  let base: number;
  let slope: number;
  let clamped: LineFit['clamped'];
  const constantLoad = m.sxx <= CONSTANT * Math.max(1, m.meanX * m.meanX) * m.n;
  if (constantLoad) {
    [base, slope] = [m.meanY, 0];
  } else {
    slope = m.sxy / m.sxx;
    base = m.meanY - slope * m.meanX;
    if (slope < 0) {
      [base, slope, clamped] = [m.meanY, 0, 'per1kRps'];
    } else if (base < 0) {
      // line through the origin: slope = Σxy / Σx², from the centred moments
      slope = (m.sxy + m.n * m.meanX * m.meanY) / (m.sxx + m.n * m.meanX * m.meanX);
      [base, clamped] = [0, 'base'];
    }
  }
  // Σ(y − a − bx)² = Syy − 2b·Sxy + b²·Sxx + n·(ȳ − a − b·x̄)²: the cross terms of centred sums vanish
  const offset = m.meanY - base - slope * m.meanX;
  const sse = Math.max(0, m.syy - 2 * slope * m.sxy + slope * slope * m.sxx + m.n * offset * offset);
  return {
    base,
    per1kRps: slope,
    r2: m.syy > 0 ? 1 - sse / m.syy : null,
    residualRms: Math.sqrt(sse / m.n),
    ...(clamped ? { clamped } : {}),
    ...(constantLoad ? { constantLoad } : {}),
  };
}

/**
 * Observed proxy usage from samples, accumulated as they stream by (pure: no I/O).
 *
 * Per proxy kind and resource (vCPU, MiB):
 * - Without rps, usage is flat: each pod's value is the MEAN of its samples (a proxy
 *   costs what it uses over time, and a pod scraped more often or living longer must
 *   not weigh more), and the statistic is taken across those per-pod means: `p95` is
 *   the proxy that 95% of proxies stay under on average. Exact: pods are few.
 * - With rps, usage = base + per1kRps·rps/1000 by non-negative least squares over the
 *   samples (the load varies within a pod over time, that is where the slope is). The
 *   statistic then sets the base: base = statistic of zᵢ = yᵢ − per1kRps·xᵢ over the
 *   samples (clamped at 0), so that `p95` is the line at or above 95% of the samples.
 *   `avg` is the mean of z, i.e. the fitted base itself. The quantile of z needs the
 *   slope, known only at the end: the z values are computed exactly from the samples
 *   kept in memory (up to `exactLimit` per kind), else from a second pass (`replay`)
 *   into a DDSketch (see sketch.ts for the bound).
 */
import type { DDSketch } from '@datadog/sketches-js';
import { fitNonNegativeLine, Moments, type LineFit } from './line.js';
import { newSketch, sketchStatistic } from './sketch.js';
import { exactStatistic, type Statistic } from './statistic.js';

import { PROXY_KINDS, type ProxyKind, type UsageSample } from '../../observedUsage.js';

export { PROXY_KINDS, type ProxyKind, type UsageSample } from '../../observedUsage.js';
export type Resource = 'cpu' | 'memoryMiB';


export type ObservedResource =
  | {
      model: 'per-pod';
      base: number;
      per1kRps: 0;
      /** spread of the per-pod means the statistic was taken from */
      pods: { min: number; max: number; stdDev: number };
    }
  | {
      model: 'line';
      base: number;
      per1kRps: number;
      /** the least-squares line before the statistic moved its base */
      fit: LineFit;
    };

export interface ObservedKind {
  samples: number;
  pods: number;
  /** samples of a kind fitted on rps that had no rps: left out of the line */
  samplesWithoutRps: number;
  /** ms since the epoch, when the samples carry timestamps */
  window?: { from: number; to: number };
  /** how the line's base quantile was taken (only for a line with a quantile statistic) */
  quantiles?: 'exact' | 'sketch';
  cpu: ObservedResource;
  memoryMiB: ObservedResource;
}

export interface ObservedUsage {
  statistic: Statistic;
  /** only the kinds that had samples */
  kinds: Partial<Record<ProxyKind, ObservedKind>>;
}

export interface UsageFitOptions {
  statistic: Statistic;
  /** rps samples per kind kept for exact quantiles; beyond, a replay feeds a sketch */
  exactLimit?: number;
}

/** 2^19 samples × 3 numbers × 8 bytes = 12 MiB per kind at most */
const DEFAULT_EXACT_LIMIT = 1 << 19;

interface PodSums {
  n: number;
  cpu: number;
  memoryMiB: number;
}

class KindAccumulator {
  samples = 0;
  withoutRps = 0;
  from = Infinity;
  to = -Infinity;
  readonly pods = new Map<string, PodSums>();
  readonly moments: Record<Resource, Moments> = { cpu: new Moments(), memoryMiB: new Moments() };
  /** (x, cpu, memoryMiB) of the rps samples while at most exactLimit; undefined once over */
  kept: Float64Array | undefined = new Float64Array(3 * 256);
  lines?: Record<Resource, LineFit>;
  sketches?: Record<Resource, DDSketch>;

  constructor(private readonly exactLimit: number) {}

  add(s: UsageSample): void {
    this.samples++;
    const pod = this.pods.get(s.pod);
    if (pod) {
      pod.n++;
      pod.cpu += s.cpu;
      pod.memoryMiB += s.memoryMiB;
    } else {
      this.pods.set(s.pod, { n: 1, cpu: s.cpu, memoryMiB: s.memoryMiB });
    }
    if (s.time !== undefined) {
      if (s.time < this.from) this.from = s.time;
      if (s.time > this.to) this.to = s.time;
    }
    if (s.rps === undefined) {
      this.withoutRps++;
      return;
    }
    const x = s.rps / 1000;
    this.moments.cpu.add(x, s.cpu);
    this.moments.memoryMiB.add(x, s.memoryMiB);
    this.keep(x, s.cpu, s.memoryMiB);
  }

  get withRps(): number {
    return this.moments.cpu.n;
  }

  private keep(x: number, cpu: number, memoryMiB: number): void {
    if (!this.kept) return;
    const n = this.withRps;
    if (n > this.exactLimit) {
      this.kept = undefined;
      return;
    }
    if (3 * n > this.kept.length) {
      const grown = new Float64Array(Math.min(2 * this.kept.length, 3 * this.exactLimit));
      grown.set(this.kept);
      this.kept = grown;
    }
    const at = 3 * (n - 1);
    this.kept[at] = x;
    this.kept[at + 1] = cpu;
    this.kept[at + 2] = memoryMiB;
  }

  fitLines(): Record<Resource, LineFit> {
    this.lines ??= { cpu: fitNonNegativeLine(this.moments.cpu), memoryMiB: fitNonNegativeLine(this.moments.memoryMiB) };
    return this.lines;
  }

  replay(s: UsageSample): void {
    if (s.rps === undefined) return;
    const lines = this.fitLines();
    this.sketches ??= { cpu: newSketch(), memoryMiB: newSketch() };
    const x = s.rps / 1000;
    this.sketches.cpu.accept(s.cpu - lines.cpu.per1kRps * x);
    this.sketches.memoryMiB.accept(s.memoryMiB - lines.memoryMiB.per1kRps * x);
  }

  /** base = the statistic of z = y − per1kRps·x (see the file comment) */
  private lineBase(r: Resource, stat: Statistic): number {
    const fit = this.fitLines()[r];
    if (stat === 'avg') return fit.base;
    const y = r === 'cpu' ? 1 : 2;
    if (this.kept) {
      const n = this.withRps;
      const z = new Float64Array(n);
      for (let i = 0; i < n; i++) z[i] = this.kept[3 * i + y]! - fit.per1kRps * this.kept[3 * i]!;
      return Math.max(0, exactStatistic(z, stat));
    }
    if (!this.sketches) throw new Error(`the ${stat} of residuals of more than ${this.exactLimit} samples needs replay() of every sample first`);
    return Math.max(0, sketchStatistic(this.sketches[r], stat));
  }

  private perPod(r: Resource, stat: Statistic): ObservedResource {
    const means = new Float64Array(this.pods.size);
    let i = 0;
    for (const p of this.pods.values()) means[i++] = p[r] / p.n;
    const mean = means.reduce((s, m) => s + m, 0) / means.length;
    const stdDev = Math.sqrt(means.reduce((s, m) => s + (m - mean) ** 2, 0) / means.length);
    let [min, max] = [Infinity, -Infinity];
    for (const m of means) [min, max] = [Math.min(min, m), Math.max(max, m)];
    return { model: 'per-pod', base: exactStatistic(means, stat), per1kRps: 0, pods: { min, max, stdDev } };
  }

  result(stat: Statistic): ObservedKind {
    const line = this.withRps > 0;
    const resource = (r: Resource): ObservedResource => {
      if (!line) return this.perPod(r, stat);
      const fit = this.fitLines()[r];
      return { model: 'line', base: this.lineBase(r, stat), per1kRps: fit.per1kRps, fit };
    };
    return {
      samples: this.samples,
      pods: this.pods.size,
      samplesWithoutRps: line ? this.withoutRps : 0,
      ...(this.from <= this.to ? { window: { from: this.from, to: this.to } } : {}),
      ...(line && stat !== 'avg' ? { quantiles: this.kept ? ('exact' as const) : ('sketch' as const) } : {}),
      cpu: resource('cpu'),
      memoryMiB: resource('memoryMiB'),
    };
  }
}

/**
 * Pass 1: `add` every sample. If `needsReplay()`, pass 2: `replay` every sample again
 * (same samples, any order). Then `result()`.
 */
export class UsageFit {
  private readonly kinds = new Map<ProxyKind, KindAccumulator>();
  private readonly exactLimit: number;

  constructor(private readonly options: UsageFitOptions) {
    this.exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  }

  add(kind: ProxyKind, sample: UsageSample): void {
    let k = this.kinds.get(kind);
    if (!k) {
      k = new KindAccumulator(this.exactLimit);
      this.kinds.set(kind, k);
    }
    k.add(sample);
  }

  /** true when a quantile of residuals is wanted from more samples than were kept */
  needsReplay(): boolean {
    if (this.options.statistic === 'avg') return false;
    for (const k of this.kinds.values()) if (k.withRps > 0 && !k.kept) return true;
    return false;
  }

  replay(kind: ProxyKind, sample: UsageSample): void {
    const k = this.kinds.get(kind);
    if (k && !k.kept) k.replay(sample);
  }

  result(): ObservedUsage {
    const kinds: ObservedUsage['kinds'] = {};
    for (const kind of PROXY_KINDS) {
      const k = this.kinds.get(kind);
      if (k) kinds[kind] = k.result(this.options.statistic);
    }
    return { statistic: this.options.statistic, kinds };
  }
}

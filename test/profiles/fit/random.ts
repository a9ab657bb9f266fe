/** Seeded randomness for the fit tests: the same samples on every run. */

// one seeded generator for the bench, the fixtures and the tests
import { prng } from '../../../bench/lib/prng.mjs';

export { prng };

/** standard normal (Box–Muller) */
export function normal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface Truth {
  base: number;
  per1kRps: number;
  /** standard deviation of the noise added to each sample */
  noise: number;
}

/** n samples of y = base + per1kRps·rps/1000 + noise, rps uniform in [0, maxRps) */
export function lineSamples(truth: Truth, n: number, seed: number, maxRps = 2000): { rps: number[]; y: number[] } {
  const random = prng(seed);
  const gauss = normal(random);
  const rps: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = maxRps * random();
    rps.push(r);
    y.push(Math.max(0, truth.base + (truth.per1kRps * r) / 1000 + truth.noise * gauss()));
  }
  return { rps, y };
}

/** Seeded randomness for the fit tests: the same samples on every run. */

/** mulberry32: uniform in [0, 1) */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

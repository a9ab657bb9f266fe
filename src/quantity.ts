/**
 * Kubernetes resource quantities (`250m`, `0.5`, `512Mi`, `1.5Gi`, `2G`, `1e3`),
 * as the API server accepts them: a signed decimal number, optional exponent,
 * optional suffix. Parsing returns `undefined` on anything else so that each
 * reader can say where the bad value was.
 */

const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** The quantity's plain value (cores for cpu, bytes for memory), or undefined if malformed or negative. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]) * SUFFIX[m[2] ?? '']!;
  return Number.isFinite(value) ? value : undefined;
}

export const MIB = 2 ** 20;
export const GIB = 2 ** 30;


/** Formats vCPU as Kubernetes would write it: `250m`, `2`. */
export function formatCpu(vcpu: number): string {
  const milli = Math.ceil(vcpu * 1000 - 1e-9);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Formats MiB as a Kubernetes quantity: `128Mi`, `2Gi`. */
export function formatMemoryMiB(mib: number): string {
  const whole = Math.ceil(mib - 1e-9);
  return whole % 1024 === 0 ? `${whole / 1024}Gi` : `${whole}Mi`;
}

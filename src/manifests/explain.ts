/**
 * Numbers as the sizing comments print them. Fixed locale (en-US) so the output is
 * byte-identical on every machine.
 */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `6,667`, `12.8` */
export function count(n: number): string {
  return grouped.format(n);
}

/** `850k`, `1.2M`, `400k` (3 significant digits), as capacity planners write rpm */
export function compact(n: number): string {
  // round first, so that 999,999 becomes 1M rather than 1000k
  const r = Number(n.toPrecision(3));
  if (Math.abs(r) >= 1e6) return `${Number((r / 1e6).toPrecision(3))}M`;
  if (Math.abs(r) >= 1e3) return `${Number((r / 1e3).toPrecision(3))}k`;
  return String(r);
}

/** `1 replica`, `13 replicas` */
export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

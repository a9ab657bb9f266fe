/**
 * Number and money formatting for the human-readable renderers. The locale is fixed
 * (en-US) so the output is the same on every machine and in every test; money is
 * rounded to cents here, and only here (the model keeps full precision).
 */

const LOCALE = 'en-US';

// Intl.NumberFormat is costly to build; renderers format hundreds of cells.
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, options);
    cache.set(key, f);
  }
  return f;
}

/**
 * `$6,000.00`. `signed` adds `+` to gains (for Δ columns). Either way a value that
 * rounds to zero prints without a sign, never as `-$0.00`.
 */
export function formatMoney(amount: number, currency: string, signed = false): string {
  const signDisplay = signed ? 'exceptZero' : 'negative';
  return numberFormat(`money:${currency}:${signDisplay}`, {
    style: 'currency',
    currency,
    signDisplay,
  }).format(amount);
}

/** `$`, `€`, `£`, or the code itself where en-US has no symbol of its own (`CHF`). */
export function currencySymbol(currency: string): string {
  const parts = numberFormat(`money:${currency}:negative`, { style: 'currency', currency, signDisplay: 'negative' }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

/** `1,234.5` with exactly `decimals` decimals; `signed` as in formatMoney. */
export function formatNumber(value: number, decimals = 0, signed = false): string {
  const signDisplay = signed ? 'exceptZero' : 'negative';
  return numberFormat(`number:${decimals}:${signDisplay}`, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay,
  }).format(value);
}

/** `89.1%`, or `n/a` when there is no baseline to compare with (percent is null); `signed` as in formatMoney. */
export function formatPercent(percent: number | null, signed = false): string {
  return percent === null ? 'n/a' : `${formatNumber(percent, 1, signed)}%`;
}

/**
 * Transfer volumes span from a fraction of a GiB to many TiB: one decimal while the
 * decimal still says something (< 100 GiB), whole GiB above.
 */
export function formatGiB(gib: number): string {
  return `${formatNumber(gib, Math.abs(gib) < 100 ? 1 : 0)} GiB`;
}

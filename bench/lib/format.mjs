/** How the bench prints figures: fixed widths, so runs can be compared by eye. */

export const count = (n) => n.toLocaleString('en-US');
export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const millis = (ms) => `${ms.toFixed(0)} ms`;
/** sizes as the targets state them: MB of 10^6 bytes */
export const megabytes = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
/** RSS, which Node reports in KiB */
export const mb = (kib) => megabytes(kib * 1024);
export const ratio = (r) => `${r.toFixed(2)}×`;
export const percent = (p) => `${(p * 100).toFixed(0)}%`;

/** a verdict beside a figure: the bench reports targets, it never fails on them */
export const target = (ok, text) => `${ok ? 'meets' : 'MISSES'} the target ${text}`;

/** aligned columns, two spaces of indent */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => String(cell ?? '').padEnd(widths[c])).join('   ').trimEnd()).join('\n');
}

/**
 * The line items for a spreadsheet (DESIGN section 4): one row each under a header row,
 * RFC 4180 (CRLF line ends; a cell holding a comma, quote or line break is quoted, its
 * quotes doubled).
 *
 * Numeric cells are plain numbers (money with two decimals, resources with up to six),
 * never escaped: a spreadsheet reads `-3` as the number it is. Text cells come from
 * user input (cluster, environment, namespace names) and one that begins with
 * `= + - @`, tab or carriage return would be run as a formula (CSV injection); it gets a
 * leading `'`, which spreadsheets read as "this is text" (the OWASP advice).
 */
import type { LineItem } from '../model/types.js';
import type { Renderer } from './index.js';

const HEADER = ['mode', 'component', 'environment', 'cluster', 'namespace', 'count', 'vcpu', 'memory_gib', 'monthly_cost', 'currency'];

const renderCsv: Renderer = (report) => {
  const rows = report.lineItems.map((i: LineItem) => [
    text(i.mode),
    text(i.component),
    text(i.environment),
    text(i.cluster),
    text(i.namespace),
    String(i.count),
    resource(i.vcpu),
    resource(i.memoryGiB),
    i.monthlyCost.toFixed(2),
    text(report.currency),
  ]);
  return [HEADER, ...rows].map((cells) => `${cells.join(',')}\r\n`).join('');
};

export default renderCsv;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell, safe for spreadsheets and quoted as RFC 4180 requires. */
function text(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** vCPU and GiB: six decimals at most (a millicore is 0.001), no float noise, no trailing zeros. */
function resource(value: number): string {
  return String(Number(value.toFixed(6)));
}

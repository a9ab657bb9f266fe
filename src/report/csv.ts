/**
 * A flat table for a spreadsheet (DESIGN section 4): the line items, or the table
 * `--table` names (csvTables.ts), one row each under a header row, RFC 4180 (CRLF line
 * ends; a cell holding a comma, quote or line break is quoted, its quotes doubled).
 *
 * Numeric cells are plain numbers (money with two decimals, resources with up to six),
 * never escaped: a spreadsheet reads `-3` as the number it is. Text cells come from
 * user input (cluster, environment, namespace names) and one that begins with
 * `= + - @`, tab or carriage return would be run as a formula (CSV injection); it gets a
 * leading `'`, which spreadsheets read as "this is text" (the OWASP advice). An empty
 * cell means "does not apply" (a variant column on a row that is not crossZone).
 */
import { InputError } from '../errors.js';
import { CSV_TABLE_NEEDS, csvTables, DEFAULT_CSV_TABLE, type Cell } from './csvTables.js';
import type { Renderer } from './index.js';

const renderCsv: Renderer = (report, options) => {
  const name = options.table ?? DEFAULT_CSV_TABLE;
  const table = csvTables[name](report);
  if (!table) throw new InputError(`--table ${name}: this report has no ${name} table: it needs ${CSV_TABLE_NEEDS[name as keyof typeof CSV_TABLE_NEEDS]}`);
  return [table.header.map(text), ...table.rows.map((cells) => cells.map(cell))].map((cells) => `${cells.join(',')}\r\n`).join('');
};

export default renderCsv;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function cell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return text(c);
  if (typeof c === 'number') return resource(c);
  return c.money.toFixed(2);
}

/** A text cell, safe for spreadsheets and quoted as RFC 4180 requires. */
function text(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** vCPU, GiB, counts: six decimals at most (a millicore is 0.001), no float noise, no trailing zeros. */
function resource(value: number): string {
  return String(Number(value.toFixed(6)));
}

/**
 * Streams one CSV file as rows of known columns. Everything every CSV input shares
 * lives here (and in header.ts and records.ts): opening the file, UTF-8 checks, the
 * column count, and syntax errors turned into `FILE:LINE:COLUMN: ...` messages.
 *
 * "Column" in every location is the 1-based FIELD number (the 3rd cell of a row is
 * column 3), not a character offset: that is what a spreadsheet user can find.
 */
import { createReadStream } from 'node:fs';
import type { Location } from '../../errors.js';
import { describeFsError, isSystemError } from '../../fsErrors.js';
import type { ReadContext } from '../types.js';
import { header } from './header.js';
import type { Problems } from './problems.js';
import { CsvSyntaxError, RecordSplitter } from './records.js';

/** State shared by the files of one run. */
export interface CsvRun {
  ctx: ReadContext;
  problems: Problems;
  /** data rows read so far, all files together, for progress */
  rows: number;
}

export interface Columns<C extends string> {
  known: readonly C[];
  required: readonly C[];
}

const PROGRESS_EVERY = 50_000;
// A record this long is an unterminated quote swallowing the rest of the file;
// stopping early keeps memory bounded on a million-row file.
const MAX_RECORD_BYTES = 1 << 20;

/** One data row. The same object is refilled for every record: no per-row garbage of ours. */
export class Row<C extends string> {
  fields: string[] = [];
  line = 0;
  /** set when a cell of this row was reported, so the caller skips the row */
  failed = false;

  constructor(
    readonly file: string,
    private readonly index: ReadonlyMap<C, number>,
    private readonly problems: Problems,
  ) {}

  /** the cell's text, '' when empty or when the column is absent */
  text(c: C): string {
    const i = this.index.get(c);
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  /** reports `<column>: expected <what>, found "<value>"` at this cell; returns undefined for `return row.bad(...)` */
  bad(c: C, expected: string): undefined {
    const i = this.index.get(c);
    this.report(`${c}: expected ${expected}, found ${JSON.stringify(this.text(c))}`, i === undefined ? undefined : i + 1);
    return undefined;
  }

  /** reports a problem of the whole row (file:line) or of one field */
  report(message: string, column?: number): void {
    this.failed = true;
    const location: Location = { file: this.file, line: this.line };
    if (column !== undefined) location.column = column;
    this.problems.add(message, location);
  }

  where(c: C): string {
    const i = this.index.get(c);
    return `${this.file}:${this.line}${i === undefined ? '' : `:${i + 1}`}`;
  }
}

/** `-` as a file name reads standard input, which messages call `<stdin>`. */
export const STDIN = '-';

export function inputName(file: string): string {
  return file === STDIN ? '<stdin>' : file;
}

/**
 * Reads `file` (or stdin, for `-`), calling `onRow` for each data row (blank rows
 * skipped). Returns the number of data rows. Bad cells are collected in run.problems; a file that cannot be
 * read or parsed stops the run.
 */
export async function readTable<C extends string>(
  file: string,
  columns: Columns<C>,
  run: CsvRun,
  onRow: (row: Row<C>) => void,
): Promise<number> {
  const { problems, ctx } = run;
  // a second pass over stdin (usage.csv's replay) would find it empty and fit nothing
  if (file === STDIN && process.stdin.destroyed) problems.fatal('cannot read stdin a second time: pass a file instead of "-"', { file: inputName(file) });
  const input = file === STDIN ? process.stdin : createReadStream(file, { highWaterMark: 1 << 18 });
  // what messages call the input
  const name = inputName(file);
  let row: Row<C> | undefined;
  let width = 0;
  let count = 0;
  const take = (record: string[], line: number, badUtf8: number): void => {
    // blank lines, and rows of empty cells such as ",,,," from a spreadsheet
    if (record.every(isEmpty)) return;
    if (!row) {
      if (badUtf8 >= 0) problems.fatal('expected UTF-8 text in the header, found bytes that are not UTF-8', { file: name, line, column: badUtf8 + 1 });
      row = new Row(name, header(name, record, line, columns, run), problems);
      width = record.length;
      return;
    }
    row.fields = record;
    row.line = line;
    row.failed = false;
    if (++run.rows % PROGRESS_EVERY === 0) {
      ctx.progress?.(run.rows, undefined, 'rows');
      ctx.signal?.throwIfAborted();
    }
    count++;
    if (badUtf8 >= 0) row.report('expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)', badUtf8 + 1);
    else if (record.length !== width) row.report(`expected ${width} fields as in the header, found ${record.length}`);
    else onRow(row);
  };

  const records = new RecordSplitter(take, MAX_RECORD_BYTES);
  try {
    for await (const chunk of input) records.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    records.end();
  } catch (e) {
    if (e instanceof CsvSyntaxError) problems.fatal(e.message, { file: name, line: e.line, column: e.field });
    if (isSystemError(e)) problems.fatal(`cannot read: ${describeFsError(e, 'a CSV file')}`, { file: name });
    throw e;
  } finally {
    input.destroy();
  }
  if (!row) problems.fatal(`expected a header row (${columns.required.join(', ')}), found ${file === STDIN ? 'nothing on stdin' : 'an empty file'}`, { file: name });
  return count;
}

const isEmpty = (f: string): boolean => f === '';

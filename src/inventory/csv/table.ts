/**
 * Streams one CSV file as rows of known columns. Everything every CSV input shares
 * lives here (and in header.ts): opening the file, true line numbers, UTF-8 checks,
 * and csv-parse's own errors turned into `FILE:LINE:COLUMN: ...` messages.
 *
 * "Column" in every location is the 1-based FIELD number (the 3rd cell of a row is
 * column 3), not a character offset: that is what a spreadsheet user can find.
 */
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Location } from '../../errors.js';
import { describeFsError, isSystemError } from '../../fsErrors.js';
import type { ReadContext } from '../types.js';
import { header } from './header.js';
import type { Problems } from './problems.js';

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
// Needs a closer look: a line break inside a quoted field, or U+FFFD, which is what
// csv-parse's decoding leaves where the bytes were not UTF-8.
const SPECIAL = /[\r\n\uFFFD]/;

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
  const parser = parse({
    bom: true,
    trim: true,
    // Blank lines come through as empty records and are skipped below: seeing them
    // keeps our own line count exact without `info: true`, which doubles parse time.
    skip_empty_lines: false,
    // checked here instead, so a short row is one collected problem, not the end of the run
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const lines = new LineTracker();
  let row: Row<C> | undefined;
  let width = 0;
  let count = 0;
  const take = (record: string[]): void => {
    const { start, badUtf8 } = lines.next(record);
    // blank lines, and rows of empty cells such as ",,,," from a spreadsheet
    if (record.every(isEmpty)) return;
    if (!row) {
      if (badUtf8 >= 0) problems.fatal('expected UTF-8 text in the header, found bytes that are not UTF-8', { file: name, line: start, column: badUtf8 + 1 });
      row = new Row(name, header(name, record, start, columns, run), problems);
      width = record.length;
      return;
    }
    row.fields = record;
    row.line = start;
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

  // Each record is handled as csv-parse emits it ('data'), not through an async
  // iterator: no promise per record and no chunk's worth of records waiting in a
  // buffer (about 10% less CPU time on a million rows).
  parser.on('data', (record: string[]) => {
    try {
      take(record);
    } catch (e) {
      // a problem that stops the run; finished() below rejects with it
      parser.destroy(e as Error);
    }
  });
  // pipe() does not forward read errors; finished() must see them
  input.on('error', (e: Error) => parser.destroy(e));
  input.pipe(parser);
  try {
    await finished(parser);
  } catch (e) {
    if (e instanceof CsvError) problems.fatal(...csvProblem(name, e, lines));
    if (isSystemError(e)) problems.fatal(`cannot read: ${describeFsError(e, 'a CSV file')}`, { file: name });
    throw e;
  } finally {
    input.destroy();
  }
  if (!row) problems.fatal(`expected a header row (${columns.required.join(', ')}), found ${file === STDIN ? 'nothing on stdin' : 'an empty file'}`, { file: name });
  return count;
}

const isEmpty = (f: string): boolean => f === '';

/**
 * True physical line numbers, counted here: every record (blank ones included) takes
 * one line plus the line breaks inside its quoted fields. csv-parse's own count (used
 * only in its errors) counts a CRLF inside a quoted field twice, so that is corrected.
 */
class LineTracker {
  /** the line the next record starts on */
  private line = 1;
  /** CRLFs inside quoted fields so far, each counted twice by csv-parse */
  private crlfExtra = 0;

  next(record: string[]): { start: number; badUtf8: number } {
    const start = this.line;
    let breaks = 0;
    let badUtf8 = -1;
    for (let i = 0; i < record.length; i++) {
      const f = record[i]!;
      if (!SPECIAL.test(f)) continue;
      if (badUtf8 < 0 && f.includes('\uFFFD')) badUtf8 = i;
      const crlf = f.split('\r\n').length - 1;
      breaks += f.split(/\r|\n/).length - 1 - crlf;
      this.crlfExtra += crlf;
    }
    this.line = start + 1 + breaks;
    return { start, badUtf8 };
  }

  /** where csv-parse's error happened: errors of an unfinished record point at its first line */
  errorLine(e: CsvError, atRecordStart: boolean): number {
    return atRecordStart ? this.line : Number(e.lines) - this.crlfExtra;
  }
}

/** csv-parse's error as a plain-English problem at file:line:field. */
function csvProblem(file: string, e: CsvError, lines: LineTracker): [string, Location] {
  const column = typeof e.column === 'number' ? e.column + 1 : undefined;
  const at = (atRecordStart: boolean): Location => ({ file, line: lines.errorLine(e, atRecordStart), ...(column ? { column } : {}) });
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return ['unterminated quoted field: expected a closing quote ("), found the end of the file', at(true)];
    case 'CSV_MAX_RECORD_SIZE':
      // csv-parse cannot tell an open quote from a file that is not CSV at all (/dev/zero, a minified JSON)
      return ['row too long: expected a row under 1 MiB, found more than 1 MiB without a line break outside quotes (an unterminated quoted field, or not a CSV file?)', at(true)];
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const found = /got "(.*?)"/.exec(e.message)?.[1] ?? '';
      return [`invalid closing quote: expected a comma or the end of the line after a closing quote, found "${found}"`, at(false)];
    }
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return ['invalid closing quote: expected a comma or the end of the line after a closing quote, found more text', at(false)];
    case 'INVALID_OPENING_QUOTE':
      return ['unexpected quote: expected a field either wholly in quotes or without quotes (write "" for a quote inside a quoted field), found a quote inside an unquoted field', at(false)];
    default:
      return [`malformed CSV: ${e.message}`, at(false)];
  }
}


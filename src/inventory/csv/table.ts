/**
 * Streams one CSV file through csv-parse as rows of known columns. Everything every
 * CSV input shares lives here (and in header.ts, syntax.ts and notCsv.ts): opening
 * the file, true line numbers, UTF-8 checks, the column count, and csv-parse's
 * errors turned into `FILE:LINE:COLUMN: ...` messages.
 *
 * "Column" in every location is the 1-based FIELD number (the 3rd cell of a row is
 * column 3), not a character offset: that is what a spreadsheet user can find.
 */
import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Options as ParserOptions } from 'csv-parse';
import type { Location } from '../../errors.js';
import { describeFsError, isSystemError } from '../../fsErrors.js';
import type { ReadContext } from '../types.js';
import { header } from './header.js';
import { notCsv } from './notCsv.js';
import type { Problems } from './problems.js';
import { MAX_RECORD_BYTES, syntaxProblem } from './syntax.js';

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
// Large reads: over the 1M-pod bench's pods.csv, csv-parse took about 4% less CPU
// time on 1 MiB chunks than on 256 KiB ones, for about 70 MB more peak memory.
const READ_BYTES = 1 << 20;

/** csv-parse's settings, a new object per parser (csv-parse keeps state in it). */
const parserOptions = (): ParserOptions => ({
  bom: true,
  // spaces, tabs and form feeds around a field are not part of it
  trim: true,
  // DESIGN section 2: CRLF, LF or a lone CR, mixed in one file too (files pieced together
  // on two systems); csv-parse would otherwise take the first it meets for the whole file.
  // CRLF first: csv-parse tries them in order.
  record_delimiter: ['\r\n', '\n', '\r'].map((d) => Buffer.from(d)),
  // checked here instead, so a short row is one collected problem, not the end of the run
  relax_column_count: true,
  // A record this long is an unterminated quote swallowing the rest of the file;
  // stopping early keeps memory bounded on a million-row file.
  max_record_size: MAX_RECORD_BYTES,
});

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
  // loaded with the first CSV read, not with the CLI: `mesh-cost --help` needs none of it
  const { CsvError, Parser } = await import('csv-parse');
  const input = file === STDIN ? process.stdin : createReadStream(file, { highWaterMark: READ_BYTES });
  // what messages call the input
  const name = inputName(file);
  const parser = new Parser(parserOptions());
  const lines = new Lines(parser.info);
  // set once a chunk was not valid UTF-8: only then are fields searched for U+FFFD, the
  // character csv-parse's decoding leaves where bytes were not UTF-8
  let checkUtf8 = false;
  let row: Row<C> | undefined;
  let width = 0;
  let count = 0;
  const take = (record: string[]): void => {
    const line = lines.next(record);
    // blank lines, and rows of empty cells such as ",,,," from a spreadsheet
    if (record.every(isEmpty)) return;
    const badUtf8 = checkUtf8 ? record.findIndex(hasReplacement) : -1;
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

  // Each record is handled as csv-parse emits it ('data', synchronously while it
  // parses a chunk, so its line count is that record's), folded into the caller's
  // aggregates: no promise per record, no chunk's worth of records in a buffer.
  parser.on('data', (record: string[]) => {
    if (parser.destroyed) return;
    try {
      take(record);
    } catch (e) {
      // a problem that stops the run; `done` rejects with it
      parser.destroy(e as Error);
    }
  });
  const done = finished(parser);
  // awaited below, after the last write; until then a rejection must not count as unhandled
  done.catch(() => undefined);
  try {
    let first = true;
    for await (const data of input) {
      const chunk = typeof data === 'string' ? Buffer.from(data) : (data as Buffer);
      if (first) {
        first = false;
        const what = notCsv(chunk);
        if (what) problems.fatal(`expected CSV text in UTF-8, found ${what}: export it as "CSV UTF-8 (comma delimited)"`, { file: name });
      }
      // (a character cut in two by the chunk's end also fails: the check is then on for nothing)
      if (!checkUtf8 && !isUtf8(chunk)) checkUtf8 = true;
      if (!parser.write(chunk) && !parser.destroyed) await once(parser, 'drain');
      if (parser.destroyed) break;
    }
    if (!parser.destroyed) parser.end();
    await done;
  } catch (e) {
    if (e instanceof CsvError) problems.fatal(...syntaxProblem(e, name, lines.start));
    if (isSystemError(e)) problems.fatal(`cannot read: ${describeFsError(e, 'a CSV file')}`, { file: name });
    throw e;
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (!row) problems.fatal(`expected a header row (${columns.required.join(', ')}), found ${file === STDIN ? 'nothing on stdin' : 'an empty file'}`, { file: name });
  return count;
}

const isEmpty = (f: string): boolean => f === '';
const hasReplacement = (f: string): boolean => f.includes('\uFFFD');

/**
 * The line each record starts on, from csv-parse's own count (`info.lines`, the line
 * it is on when it emits a record: the record's last). That count takes a CRLF inside
 * a quoted field for two line breaks, so those are subtracted; only a record that
 * spans lines can hold one, and only those are searched.
 */
class Lines {
  /** the line the next record starts on */
  start = 1;
  /** CRLFs inside quoted fields so far, each counted twice by csv-parse */
  private doubled = 0;

  constructor(private readonly info: { lines: number }) {}

  /** The line `record`, just emitted, starts on. */
  next(record: string[]): number {
    const line = this.start;
    if (this.info.lines - this.doubled > line) {
      for (const f of record) if (f.includes('\r\n')) this.doubled += f.split('\r\n').length - 1;
    }
    this.start = this.info.lines - this.doubled + 1;
    return line;
  }
}

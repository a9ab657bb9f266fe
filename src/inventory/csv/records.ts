/**
 * The CSV tokenizer under every CSV input: bytes in, records out, each with the true
 * line it starts on. The grammar is RFC 4180's as csv-parse reads it with
 * `{ bom, trim }` (the library this replaced; test/inventory/records.test.ts checks
 * the two agree on random input):
 *
 * - a UTF-8 BOM at the start is skipped; bytes that are not UTF-8 become U+FFFD, and
 *   the record says which field holds the first one;
 * - records end at LF or CRLF, or at a lone CR when that is the file's first line
 *   break (old Mac exports); a blank line is a record of one empty field. Unlike
 *   csv-parse, an LF alone ends a record in a CRLF file too: files patched together
 *   on two systems mix them;
 * - fields are split at commas; spaces, tabs, form feeds and stray CRs around a field
 *   are dropped;
 * - a field that starts with a quote runs to the next lone quote (`""` is a quote)
 *   and may hold commas and line breaks; after it come only padding and a comma or
 *   the end of the line. A quote anywhere else is an error.
 *
 * Why not csv-parse: it walks every byte in JavaScript, and was about 70% of the CPU
 * time of an estimate over a million pods. Here native code walks the bytes
 * (Buffer#indexOf finds line ends and quotes; a line without a quote is decoded once
 * and split with String#split), and only records with a quote take the byte-by-byte
 * path. The 1M-pod estimate went from 5.3 s to 1.8 s (BENCHMARKS.md).
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** What a record's fields may be padded with: csv-parse's set (space, tab, CR, LF, form feed). */
const isPad = (c: number): boolean => c === 0x20 || c === 0x09 || c === CR || c === LF || c === 0x0c;

/** A syntax error at the 1-based line and field where it was found. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly field: number,
  ) {
    super(message);
  }
}

export const SYNTAX = {
  unterminated: 'unterminated quoted field: expected a closing quote ("), found the end of the file',
  tooLong: (maxBytes: number) =>
    `row too long: expected a row under ${mebibytes(maxBytes)}, found more than ${mebibytes(maxBytes)} without a line break outside quotes (an unterminated quoted field, or not a CSV file?)`,
  closingQuote: (found: string) => `invalid closing quote: expected a comma or the end of the line after a closing quote, found ${JSON.stringify(found)}`,
  afterClosingQuote: 'invalid closing quote: expected a comma or the end of the line after a closing quote, found more text',
  openingQuote:
    'unexpected quote: expected a field either wholly in quotes or without quotes (write "" for a quote inside a quoted field), found a quote inside an unquoted field',
};

const mebibytes = (bytes: number): string => (bytes % 2 ** 20 === 0 ? `${bytes / 2 ** 20} MiB` : `${bytes} bytes`);

/**
 * Called once per record, in order.
 * @param fields the record's fields, trimmed and unquoted
 * @param line the line the record starts on
 * @param badUtf8 the 0-based index of the first field holding bytes that were not UTF-8, or -1
 */
export type OnRecord = (fields: string[], line: number, badUtf8: number) => void;

/** A record read by parseQuoted (which returns undefined instead when the buffer ends inside it). */
interface Parsed {
  fields: string[];
  /** where the next record starts */
  next: number;
  /** line breaks inside its quoted fields */
  breaks: number;
}

/**
 * Feed it the input's chunks with `push`, then call `end`. Records are handed to
 * `onRecord` as soon as they are complete; an error of `onRecord` propagates out of
 * `push`. A record longer than `maxRecordBytes` is an error (an unterminated quote
 * would otherwise gather the rest of a large file in memory).
 */
export class RecordSplitter {
  /** the line the next record starts on */
  private line = 1;
  /** the bytes of a record not yet complete */
  private rest: Buffer | undefined;
  private started = false;
  /** the record delimiter, once the first line break has shown which: LF (with or without CR before it) or a lone CR */
  private delimiter: typeof LF | typeof CR | undefined;

  constructor(
    private readonly onRecord: OnRecord,
    private readonly maxRecordBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    if (!this.started) {
      // too short to tell a BOM from text yet
      if (buf.length < 3) {
        this.rest = buf;
        return;
      }
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const done = this.scan(buf, false);
    if (done < buf.length) {
      // a copy: a view would keep the whole chunk alive for a few bytes of it
      this.rest = Buffer.from(buf.subarray(done));
      if (this.rest.length > this.maxRecordBytes) this.tooLong(this.rest);
    }
  }

  end(): void {
    const buf = this.rest;
    this.rest = undefined;
    // (a rest left before the start was checked is under 3 bytes: no BOM in it)
    this.started = true;
    if (buf) this.scan(buf, true);
  }

  /** Hands every complete record of `buf` to onRecord; returns where the first incomplete one starts. */
  private scan(buf: Buffer, final: boolean): number {
    const delimiter = this.delimiter ?? this.detectDelimiter(buf, final);
    if (delimiter === undefined) return 0;
    let pos = 0;
    // the next quote at or after pos: searched for again only once pos has passed it
    let quote = buf.indexOf(QUOTE);
    while (pos < buf.length) {
      let eol = buf.indexOf(delimiter, pos);
      if (eol === -1) {
        if (!final) return pos;
        eol = buf.length;
      }
      if (quote !== -1 && quote < pos) quote = buf.indexOf(QUOTE, pos);
      if (quote === -1 || quote > eol) {
        if (eol - pos > this.maxRecordBytes) this.tooLong(buf.subarray(pos, eol));
        let end = eol;
        if (delimiter === LF && end > pos && buf[end - 1] === CR) end--;
        this.emitLine(buf.toString('utf8', pos, end));
        this.line++;
        pos = eol + 1;
        continue;
      }
      const parsed = this.parseQuoted(buf, pos, delimiter, final);
      if (!parsed) return pos;
      if (parsed.next - pos > this.maxRecordBytes) this.tooLong(buf.subarray(pos, parsed.next));
      this.onRecord(parsed.fields, this.line, parsed.fields.findIndex(hasReplacement));
      this.line += 1 + parsed.breaks;
      pos = parsed.next;
    }
    return pos;
  }

  /** The delimiter from the first line break; undefined while none has been seen (and more may come). */
  private detectDelimiter(buf: Buffer, final: boolean): typeof LF | typeof CR | undefined {
    const lf = buf.indexOf(LF);
    const cr = buf.indexOf(CR);
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      if (lf === -1 && !final) return undefined;
      this.delimiter = LF;
    } else if (cr + 1 < buf.length || final) {
      this.delimiter = buf[cr + 1] === LF ? LF : CR;
    } else {
      // a CR at the very end: the next chunk tells CRLF from a lone CR
      return undefined;
    }
    return this.delimiter;
  }

  /** A record without quotes: split at commas, trimmed. */
  private emitLine(text: string): void {
    const fields = text.split(',');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.length > 0 && (isPad(f.charCodeAt(0)) || isPad(f.charCodeAt(f.length - 1)))) fields[i] = trim(f);
    }
    const bad = text.indexOf('\uFFFD');
    this.onRecord(fields, this.line, bad === -1 ? -1 : fields.findIndex(hasReplacement));
  }

  /** A record with a quote in it, byte by byte from `start`. */
  private parseQuoted(buf: Buffer, start: number, delimiter: number, final: boolean): Parsed | undefined {
    const fields: string[] = [];
    let breaks = 0;
    let p = start;
    const fail = (message: string): never => {
      throw new CsvSyntaxError(message, this.line + breaks, fields.length + 1);
    };
    // true at the end of the record: its delimiter (CRLF included) or the end of the input
    const atEnd = (i: number): boolean => i === buf.length || buf[i] === delimiter || (delimiter === LF && buf[i] === CR && buf[i + 1] === LF);
    for (;;) {
      while (p < buf.length && isPad(buf[p]!) && !atEnd(p)) p++;
      if (p === buf.length && !final) return undefined;
      if (buf[p] === QUOTE) {
        const open = p + 1;
        let close = open;
        // find the closing quote: a quote not followed by another
        for (;;) {
          close = buf.indexOf(QUOTE, close);
          if (close === -1 || (close + 1 === buf.length && !final)) {
            if (final) throw new CsvSyntaxError(SYNTAX.unterminated, this.line, fields.length + 1);
            return undefined;
          }
          if (buf[close + 1] !== QUOTE) break;
          close += 2;
        }
        breaks += countBreaks(buf, open, close, delimiter);
        p = close + 1;
        const after = p;
        while (p < buf.length && isPad(buf[p]!) && !atEnd(p)) p++;
        if (p < buf.length && buf[p] !== COMMA && !atEnd(p)) {
          if (p > after) fail(SYNTAX.afterClosingQuote);
          // the message shows the character: wait for all of its bytes
          if (p + charLength(buf[p]!) > buf.length && !final) return undefined;
          fail(SYNTAX.closingQuote(buf.toString('utf8', p, p + charLength(buf[p]!))));
        }
        if (p === buf.length && !final) return undefined;
        const raw = buf.toString('utf8', open, close);
        fields.push(raw.includes('""') ? raw.replaceAll('""', '"') : raw);
      } else {
        const from = p;
        while (p < buf.length && buf[p] !== COMMA && !atEnd(p)) {
          if (buf[p] === QUOTE) fail(SYNTAX.openingQuote);
          p++;
        }
        if (p === buf.length && !final) return undefined;
        fields.push(trim(buf.toString('utf8', from, p)));
      }
      if (buf[p] === COMMA) {
        p++;
        continue;
      }
      // the end of the record
      if (p === buf.length) return { fields, next: p, breaks };
      return { fields, next: buf[p] === CR && delimiter === LF ? p + 2 : p + 1, breaks };
    }
  }

  /** The record that has no end within the limit: the error points at the field left open. */
  private tooLong(record: Buffer): never {
    // a quote error inside it explains it better: parseQuoted throws that one
    this.parseQuoted(record, 0, this.delimiter ?? LF, false);
    throw new CsvSyntaxError(SYNTAX.tooLong(this.maxRecordBytes), this.line, openField(record));
  }
}

const hasReplacement = (f: string): boolean => f.includes('\uFFFD');

function trim(f: string): string {
  let a = 0;
  let b = f.length;
  while (a < b && isPad(f.charCodeAt(a))) a++;
  while (b > a && isPad(f.charCodeAt(b - 1))) b--;
  return a === 0 && b === f.length ? f : f.slice(a, b);
}

/** Line breaks inside a quoted field: the file's record delimiter (LF, CRLF's LF, or a lone CR in a CR file). */
function countBreaks(buf: Buffer, from: number, to: number, delimiter: number): number {
  let n = 0;
  for (let i = buf.indexOf(delimiter, from); i !== -1 && i < to; i = buf.indexOf(delimiter, i + 1)) n++;
  return n;
}

/** How many bytes the UTF-8 character starting with byte `b` takes. */
const charLength = (b: number): number => (b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2);

/** The 1-based field an unfinished record ends in: commas outside quotes, plus one. */
function openField(record: Buffer): number {
  let field = 1;
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (c === QUOTE) quoted = !quoted;
    else if (c === COMMA && !quoted) field++;
  }
  return field;
}

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, RecordSplitter, SYNTAX } from '../../src/inventory/csv/records.js';

interface Out {
  records: { fields: string[]; line: number; badUtf8: number }[];
  error?: { message: string; line: number; field: number };
}

/** Splits `input` fed in the given chunks (cut at these byte offsets). */
function split(input: Buffer | string, cuts: number[] = [], maxRecordBytes = 1 << 20): Out {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  const out: Out = { records: [] };
  const splitter = new RecordSplitter((fields, line, badUtf8) => out.records.push({ fields, line, badUtf8 }), maxRecordBytes);
  try {
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      splitter.push(bytes.subarray(from, cut));
      from = cut;
    }
    splitter.push(bytes.subarray(from));
    splitter.end();
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    out.error = { message: e.message, line: e.line, field: e.field };
  }
  return out;
}

const fields = (input: string | Buffer): string[][] => split(input).records.map((r) => r.fields);
const notBlank = (fields: string[]): boolean => fields.some((f) => f !== '');

describe('RecordSplitter', () => {
  it('splits lines at commas and trims spaces, tabs and form feeds around fields', () => {
    expect(fields('a,b,c\n d ,\te\t, \f\n')).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', ''],
    ]);
  });

  it('takes LF, CRLF, or a lone CR when that is the first line break', () => {
    expect(fields('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(fields('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
    // in an LF file a CR inside a line is text (trimmed at a field's edges)
    expect(fields('a,b\nc\rx,d\r\n')).toEqual([['a', 'b'], ['c\rx', 'd']]);
  });

  it('keeps blank lines as records of one empty field, and reads a last line without a line break', () => {
    expect(split('a\n\n  \nb').records).toEqual([
      { fields: ['a'], line: 1, badUtf8: -1 },
      { fields: [''], line: 2, badUtf8: -1 },
      { fields: [''], line: 3, badUtf8: -1 },
      { fields: ['b'], line: 4, badUtf8: -1 },
    ]);
  });

  it('skips a UTF-8 BOM, even in a file shorter than a line', () => {
    expect(fields('\uFEFFa,b\n')).toEqual([['a', 'b']]);
    expect(fields('\uFEFF')).toEqual([]);
    expect(fields('\uFEFFa')).toEqual([['a']]);
    expect(fields('')).toEqual([]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, counting the lines they span', () => {
    const out = split('h1,h2\n"a,1", "say ""hi"""\n"multi\r\nline\nfield",x\r\nlast,"",\n');
    expect(out.records).toEqual([
      { fields: ['h1', 'h2'], line: 1, badUtf8: -1 },
      { fields: ['a,1', 'say "hi"'], line: 2, badUtf8: -1 },
      { fields: ['multi\r\nline\nfield', 'x'], line: 3, badUtf8: -1 },
      { fields: ['last', '', ''], line: 6, badUtf8: -1 },
    ]);
  });

  it('keeps NUL bytes and says which field holds bytes that are not UTF-8', () => {
    const bad = Buffer.concat([Buffer.from('a,b\u0000,c'), Buffer.from([0xe9]), Buffer.from(',d\n"x"\n"y', 'utf8'), Buffer.from([0xff]), Buffer.from('",z\n')]);
    expect(split(bad).records).toEqual([
      { fields: ['a', 'b\u0000', 'c\uFFFD', 'd'], line: 1, badUtf8: 2 },
      { fields: ['x'], line: 2, badUtf8: -1 },
      { fields: ['y\uFFFD', 'z'], line: 3, badUtf8: 0 },
    ]);
  });

  it('reports quote errors at the line and field where they are', () => {
    expect(split('a,b\nc,"d\n').error).toEqual({ message: SYNTAX.unterminated, line: 2, field: 2 });
    expect(split('a,b\n"c\nd"e,f\n').error).toEqual({ message: SYNTAX.closingQuote('e'), line: 3, field: 1 });
    expect(split('a,"b"é\n').error).toEqual({ message: SYNTAX.closingQuote('é'), line: 1, field: 2 });
    expect(split('a,"b" c\n').error).toEqual({ message: SYNTAX.afterClosingQuote, line: 1, field: 2 });
    expect(split('a\nb,c,d"e\n').error).toEqual({ message: SYNTAX.openingQuote, line: 2, field: 3 });
    // records before the error were handed over
    expect(split('a\nb,c,d"e\n').records.map((r) => r.fields)).toEqual([['a']]);
  });

  it('stops a record that grows past the limit, pointing at the field left open', () => {
    const runaway = `a,b\nc,"d,${'x,y\n'.repeat(100)}`;
    expect(split(runaway, [10, 50, 200], 64).error).toEqual({ message: SYNTAX.tooLong(64), line: 2, field: 2 });
    expect(split(`a\n${'z'.repeat(100)}`, [30], 64).error).toEqual({ message: SYNTAX.tooLong(64), line: 2, field: 1 });
    // a complete line over the limit, whole in one chunk
    expect(split(`a\n${'z,'.repeat(50)}\nb\n`, [], 64).error).toEqual({ message: SYNTAX.tooLong(64), line: 2, field: 51 });
    expect(SYNTAX.tooLong(1 << 20)).toMatch(/^row too long: expected a row under 1 MiB, found more than 1 MiB /);
  });

  // The reference a byte-level CSV reader is easy to get subtly wrong against.
  const CSV_PARSE = { bom: true, trim: true, skip_empty_lines: false, relax_column_count: true } as const;
  const CODES: Record<string, string> = { [SYNTAX.unterminated]: 'CSV_QUOTE_NOT_CLOSED', [SYNTAX.openingQuote]: 'INVALID_OPENING_QUOTE' };
  const afterClosingQuote = (message: string): boolean => message === SYNTAX.afterClosingQuote || message.startsWith('invalid closing quote');
  // csv-parse reopens a quote after an empty quoted field and a space (`"" "x"`), and
  // then names a later error differently, or none: here anything after a closing quote
  // but a comma or the end of the line is the error.
  const REOPENED = /""[ \t\f]+"/;
  // \n stands for the input's line break: one kind per input, since in a CRLF file an LF
  // alone ends a record here and is text to csv-parse (a CR file is one whose first
  // line break is a lone CR)
  const TOKENS = ['a', 'bc', 'é', '€', '𝄞', ' ', '\t', ',', ',', '"', '""', '\n', '\n', '\u0000'];
  const tokens = (maxLength: number) => fc.array(fc.constantFrom(...TOKENS), { maxLength }).map((t) => t.join(''));
  const text = fc
    .tuple(
      fc.oneof(
        // anything made of the characters that matter
        tokens(40),
        // well-formed CSV, quoted fields included
        fc
          .array(fc.array(fc.oneof(fc.stringMatching(/^[a-z ]{0,6}$/), tokens(8).map((t) => `"${t.replaceAll('"', '""')}"`)), { minLength: 1, maxLength: 4 }), {
            minLength: 1,
            maxLength: 6,
          })
          .chain((rows) => fc.boolean().map((last) => rows.map((r) => r.join(',')).join('\n') + (last ? '\n' : ''))),
      ),
      fc.constantFrom('\n', '\r\n', '\r'),
    )
    .map(([body, eol]) => body.replaceAll('\n', eol));

  it('agrees with csv-parse on random input: the same records, or an error of the same kind', () => {
    fc.assert(
      fc.property(fc.boolean(), text, (bom, body) => {
        const input = (bom ? '\uFEFF' : '') + body;
        const ours = split(input);
        let theirs: string[][] | undefined;
        let theirError: string | undefined;
        try {
          theirs = parse(input, CSV_PARSE) as string[][];
        } catch (e) {
          theirError = (e as { code: string }).code;
        }
        if (ours.error && afterClosingQuote(ours.error.message)) expect(theirError !== undefined || REOPENED.test(input)).toBe(true);
        else if (ours.error) expect(CODES[ours.error.message]).toBe(theirError);
        // blank records are skipped by every reader; csv-parse drops one at the very end
        else expect(ours.records.map((r) => r.fields).filter(notBlank)).toEqual(theirs?.filter(notBlank));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same records and errors however the input is cut into chunks', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (body, cuts) => {
        const bytes = Buffer.from(`\uFEFF${body}`);
        expect(split(bytes, cuts.map((c) => c % (bytes.length + 1)))).toEqual(split(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('numbers each record by the line it starts on', () => {
    fc.assert(
      fc.property(text, (body) => {
        const { records, error } = split(body);
        fc.pre(!error && records.length > 0);
        expect(records[0]!.line).toBe(1);
        const lineBreak = /\r(?!\n)/.test(body.match(/\r\n?|\n/)?.[0] ?? '') ? '\r' : '\n';
        for (let k = 1; k < records.length; k++) {
          const breaks = records[k - 1]!.fields.join('').split(lineBreak).length - 1;
          expect(records[k]!.line).toBe(records[k - 1]!.line + 1 + breaks);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/**
 * csv-parse's errors as our messages. csv-parse says where it stopped reading
 * ("Quote Not Closed: ... at line 4", the end of the file); DESIGN section 2 says
 * errors point at the line a record starts on and its field, so the caller passes
 * that line and the field comes from the error's `column` (the fields already read
 * in the record, so the 0-based index of the one being read).
 */
import type { CsvError } from 'csv-parse';
import type { Location } from '../../errors.js';

export const MAX_RECORD_BYTES = 1 << 20;

export const SYNTAX = {
  unterminated: 'unterminated quoted field: expected a closing quote ("), found the end of the file',
  // csv-parse cannot tell an open quote from a file that is not CSV at all (/dev/zero, a minified JSON)
  tooLong: `row too long: expected a row under ${MAX_RECORD_BYTES / 2 ** 20} MiB, found more than ${MAX_RECORD_BYTES / 2 ** 20} MiB without a line break outside quotes (an unterminated quoted field, or not a CSV file?)`,
  closingQuote: (found: string) => `invalid closing quote: expected a comma or the end of the line after a closing quote, found ${JSON.stringify(found)}`,
  afterClosingQuote: 'invalid closing quote: expected a comma or the end of the line after a closing quote, found more text',
  openingQuote:
    'unexpected quote: expected a field either wholly in quotes or without quotes (write "" for a quote inside a quoted field), found a quote inside an unquoted field',
};

/** The problem csv-parse's error stands for, at `line` (where the record it was reading starts). */
export function syntaxProblem(e: CsvError, file: string, line: number): [string, Location] {
  const at: Location = { file, line };
  if (typeof e.column === 'number') at.column = e.column + 1;
  return [message(e), at];
}

function message(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return SYNTAX.unterminated;
    case 'CSV_MAX_RECORD_SIZE':
      return SYNTAX.tooLong;
    case 'CSV_INVALID_CLOSING_QUOTE': {
      // csv-parse names one byte: the first of a character outside ASCII says nothing
      const found = /got "(.)"/s.exec(e.message)?.[1];
      return found !== undefined && found < '\x80' ? SYNTAX.closingQuote(found) : SYNTAX.afterClosingQuote;
    }
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return SYNTAX.afterClosingQuote;
    case 'INVALID_OPENING_QUOTE':
      return SYNTAX.openingQuote;
    default:
      return `malformed CSV: ${e.message}`;
  }
}

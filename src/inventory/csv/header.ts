/**
 * The header row: names matched loosely (case, spaces, dashes), unknown columns
 * warned about with a hint, duplicate and missing columns refused.
 */
import { closest } from '../../didYouMean.js';
import type { Columns, CsvRun } from './table.js';

/** Resolves the header to field indexes, warning about columns it does not know. */
export function header<C extends string>(file: string, record: string[], line: number, columns: Columns<C>, run: CsvRun): Map<C, number> {
  const index = new Map<C, number>();
  const known = new Set<string>(columns.known);
  const unknown: number[] = [];
  const names = record.map(normalize);
  names.forEach((name, i) => {
    if (!known.has(name)) unknown.push(i);
    else if (index.has(name as C)) run.problems.fatal(`duplicate column "${name}": it is also column ${index.get(name as C)! + 1}`, { file, line, column: i + 1 });
    else index.set(name as C, i);
  });
  if (unknown.length > 0) {
    // suggest only columns the header lacks: "pod_ip" must not point at a "pod" already there
    const absent = columns.known.filter((c) => !index.has(c));
    run.ctx.warnings.add(`csv-unknown-columns:${file}`, unknownColumns(`${file}:${line}`, record, names, unknown, absent), undefined, unknown.length);
  }
  const missing = columns.required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    const separator = otherSeparator(record, missing);
    if (separator) run.problems.fatal(`expected values separated by commas, found a header separated by ${separator}: export the file as "CSV UTF-8 (comma delimited)"`, { file, line });
    const list = missing.map((c) => `"${c}"`).join(', ');
    // `cpu` for vcpu: point at the column that was probably meant
    const meant = missing.flatMap((c) => {
      const i = unknown.find((u) => names[u] !== '' && closest(names[u]!, [c]) === c);
      return i === undefined ? [] : [`is ${JSON.stringify(record[i])} (column ${i + 1}) meant to be "${c}"?`];
    });
    run.problems.fatal(
      `missing required column${missing.length > 1 ? 's' : ''} ${list}: expected a header with ${columns.required.join(', ')}, found ${JSON.stringify(record.join(', '))}${meant.length > 0 ? `; ${meant.join(' ')}` : ''}`,
      { file, line },
    );
  }
  return index;
}

/**
 * Excel's CSV export in locales whose decimal mark is a comma separates values with
 * semicolons, and "Text (tab delimited)" with tabs: read with commas, the whole header
 * is one field. Named when cutting the header at that character shows the columns
 * that are missing.
 */
const SEPARATORS = [
  { char: ';', name: 'semicolons (";")' },
  { char: '\t', name: 'tabs' },
];

function otherSeparator(record: string[], missing: readonly string[]): string | undefined {
  for (const { char, name } of SEPARATORS) {
    const names = new Set(record.flatMap((f) => f.split(char)).map(normalize));
    if (missing.every((c) => names.has(c))) return name;
  }
  return undefined;
}

const normalize = (raw: string): string => raw.trim().toLowerCase().replace(/[\s-]+/g, '_');

const LISTED = 10;

/**
 * One warning for all the columns a header has that the file does not take: a wide
 * export with fifty extra columns is one line, each named with its did-you-mean.
 */
function unknownColumns(at: string, record: string[], names: string[], unknown: number[], absent: readonly string[]): string {
  const guesses = unknown.map((i) => (names[i] === '' ? undefined : closest(names[i]!, absent)));
  const takes = absent.length > 0 ? `columns this file also takes: ${absent.join(', ')}` : 'all the columns this file takes are already there';
  if (unknown.length === 1) {
    const i = unknown[0]!;
    if (names[i] === '') return `${at}:${i + 1}: a column without a name is ignored`;
    return `${at}:${i + 1}: unknown column ${JSON.stringify(record[i])} ignored; ${guesses[0] ? `did you mean "${guesses[0]}"?` : takes}`;
  }
  const listed = unknown.slice(0, LISTED).map((i, k) => {
    if (names[i] === '') return `a column without a name (column ${i + 1})`;
    return `${JSON.stringify(record[i])} (column ${i + 1}${guesses[k] ? `, did you mean "${guesses[k]}"?` : ''})`;
  });
  const rest = unknown.length > LISTED ? ` and ${unknown.length - LISTED} more` : '';
  const unguessed = unknown.some((i, k) => names[i] !== '' && !guesses[k]);
  return `${at}: ${unknown.length} unknown columns ignored: ${listed.join(', ')}${rest}${unguessed ? `; ${takes}` : ''}`;
}

/**
 * The header row: names matched loosely (case, spaces, dashes), unknown columns
 * warned about with a hint, duplicate and missing columns refused.
 */
import type { Columns, CsvRun } from './table.js';

/** Resolves the header to field indexes, warning about columns it does not know. */
export function header<C extends string>(file: string, record: string[], line: number, columns: Columns<C>, run: CsvRun): Map<C, number> {
  const index = new Map<C, number>();
  const known = new Set<string>(columns.known);
  const unknown: number[] = [];
  const names = record.map((raw) => raw.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  names.forEach((name, i) => {
    if (!known.has(name)) unknown.push(i);
    else if (index.has(name as C)) run.problems.fatal(`duplicate column "${name}": it is also column ${index.get(name as C)! + 1}`, { file, line, column: i + 1 });
    else index.set(name as C, i);
  });
  // suggest only columns the header lacks: "pod_ip" must not point at a "pod" already there
  const absent = columns.known.filter((c) => !index.has(c));
  for (const i of unknown) {
    const where = `${file}:${line}:${i + 1}`;
    if (names[i] === '') run.ctx.warnings.add(`csv-unnamed-column:${where}`, `${where}: a column without a name is ignored`);
    else run.ctx.warnings.add(`csv-unknown-column:${where}`, `${where}: unknown column ${JSON.stringify(record[i])} ignored; ${hint(names[i]!, absent)}`);
  }
  const missing = columns.required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    const list = missing.map((c) => `"${c}"`).join(', ');
    run.problems.fatal(
      `missing required column${missing.length > 1 ? 's' : ''} ${list}: expected a header with ${columns.required.join(', ')}, found ${JSON.stringify(record.join(', '))}`,
      { file, line },
    );
  }
  return index;
}

/** "did you mean" for a misspelt column, else the list of columns it could have been. */
export function hint(name: string, known: readonly string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const k of known) {
    // containment catches `node_name` → node and `cpu` → vcpu, which edit distance scores badly
    const d = name.length >= 3 && (k.includes(name) || name.includes(k)) ? 1 : levenshtein(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  if (bestDistance <= Math.max(2, Math.floor(name.length / 3))) return `did you mean "${best}"?`;
  return known.length > 0 ? `columns this file also takes: ${known.join(', ')}` : 'all the columns this file takes are already there';
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}


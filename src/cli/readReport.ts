/**
 * Reads a report JSON file written by `estimate -f json` (for `--baseline` and `diff`)
 * and validates it against the report schema: a file that is not a v1 report is an
 * InputError at file:line:column, never a crash further on.
 */
import { InputError } from '../errors.js';
import type { Report } from '../model/types.js';
import { reportSchema, SCHEMA_VERSION } from '../report/schema.js';
import { parseYamlFile, readText } from '../yamlFile.js';

const WHAT = 'a mesh-cost report (estimate -f json)';

export async function readReport(file: string): Promise<Report> {
  const text = await readText(file, WHAT);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const position = /at position (\d+)/.exec(message);
    throw new InputError(`expected ${WHAT}, found invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, {
      file,
      ...(position ? lineAndColumn(text, Number(position[1])) : {}),
    });
  }
  const version = typeof data === 'object' && data !== null ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== SCHEMA_VERSION) {
    throw new InputError(
      `expected ${WHAT} with schemaVersion "${SCHEMA_VERSION}", found ${version === undefined ? 'no schemaVersion' : `schemaVersion ${JSON.stringify(version)}`}: reports of different schema versions cannot be compared`,
      { file },
    );
  }
  const result = reportSchema.safeParse(data);
  if (result.success) return result.data;
  // JSON is YAML: the YAML reader knows the line and column of every problem
  return parseYamlFile(file, text, reportSchema, 'mesh-cost report');
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

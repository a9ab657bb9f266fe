/**
 * Reads a YAML file and validates it with a zod schema, turning every problem into
 * an InputError at file:line:column (YAML syntax errors and schema errors alike).
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { InputError } from './errors.js';

export async function readText(file: string, expected: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read: ${describeFsError(e, expected)}`, { file });
  }
}

export function describeFsError(e: unknown, expected: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return `is a directory, expected ${expected}`;
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
}

export async function parseYamlFile<S extends z.ZodType>(file: string, text: string, schema: S, what: string): Promise<z.output<S>> {
  // yaml is CommonJS, bundled into dist (tsup.config.ts): an import() of it has only `default`
  const { parseDocument, LineCounter, isNode } = (await import('yaml')).default;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const syntax = doc.errors[0];
  if (syntax) {
    throw new InputError(`expected ${what} in YAML, found invalid YAML: ${syntax.message.split('\n')[0]}`, at(syntax.pos[0]));
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issues = result.error.issues;
  const describe = (issue: (typeof issues)[number]) => {
    const path = issue.path.map(String).join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    return { path, message };
  };
  const locate = (path: PropertyKey[]) => {
    // the deepest node that exists on the issue's path
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return { file };
  };
  const [first, ...rest] = issues;
  const d = describe(first!);
  throw new InputError(
    `${what}: ${d.path ? `${d.path}: ` : ''}${d.message}`,
    locate(first!.path),
    rest.map((i) => {
      const r = describe(i);
      const loc = locate(i.path);
      return `${loc.file}:${'line' in loc ? `${loc.line}:${loc.column}` : ''}: ${what}: ${r.path ? `${r.path}: ` : ''}${r.message}`;
    }),
  );
}

/**
 * Reads a YAML file and validates it with a zod schema, turning every problem into
 * an InputError at file:line:column (YAML syntax errors and schema errors alike),
 * each saying what was expected and what was found.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { closest } from './didYouMean.js';
import { InputError, formatLocation, type Location } from './errors.js';
import { describeFsError } from './fsErrors.js';

export async function readText(file: string, expected: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read: ${describeFsError(e, expected)}`, { file });
  }
}

export function parseYamlFile<S extends z.ZodType>(file: string, text: string, schema: S, what: string): z.output<S> {
  const lines = new LineCounter();
  // logLevel error: yaml would otherwise print its own warnings (a mapping used as a key) on stderr
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const at = (offset: number): Location => {
    const p = lines.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const syntax = doc.errors[0];
  if (syntax) {
    throw new InputError(`expected ${what} in YAML, found invalid YAML: ${syntax.message.split('\n')[0]}`, at(syntax.pos[0]));
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // yaml refuses alias expansions that would explode ("billion laughs"): bad input, not a bug
    throw new InputError(`expected ${what} in YAML, found YAML it refuses to expand: ${(e as Error).message}`, { file });
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;

  // the deepest node that exists on the path
  const locate = (path: readonly PropertyKey[]): Location => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return { file };
  };
  const locateKey = (path: readonly PropertyKey[], key: string): Location => {
    const map = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
    const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) : undefined;
    return isNode(pair?.key) && pair.key.range ? at(pair.key.range[0]) : locate(path);
  };

  // a document of the wrong kind (a PriceSheet given as a profile) fails on every key: say only that
  const header = result.error.issues.filter((i) => i.path.length === 1 && ['apiVersion', 'kind', 'version'].includes(String(i.path[0])));
  const problems: { message: string; location: Location }[] = [];
  for (const issue of header.length > 0 ? header : result.error.issues) {
    const prefix = `${what}: ${issue.path.length > 0 ? `${issue.path.map(pathKey).join('.')}: ` : ''}`;
    if (issue.code === 'unrecognized_keys') {
      // one line per key, each at the key itself, with its did-you-mean
      const keys = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        const guess = closest(key, keys);
        problems.push({
          message: `${prefix}expected one of the keys ${keys.join(', ')}, found ${JSON.stringify(key)}${guess ? ` (did you mean "${guess}"?)` : ''}`,
          location: locateKey(issue.path, key),
        });
      }
    } else {
      const value = valueAt(data, issue.path);
      // an empty file parses to null: say so rather than "found an empty value"
      const message = issue.path.length === 0 && value == null ? `${expectation(issue)}, found an empty file` : expectedFound(issue, value);
      problems.push({ message: prefix + message, location: locate(issue.path) });
    }
  }
  const [first, ...rest] = problems;
  throw new InputError(first!.message, first!.location, rest.map((p) => `${formatLocation(p.location)}: ${p.message}`));
}

type Issue = z.core.$ZodIssue;

/** a key as the path shows it: quoted when it holds spaces, quotes or line breaks, so the error stays one line */
const pathKey = (key: PropertyKey): string => (/^[^\s"]+$/.test(String(key)) ? String(key) : JSON.stringify(String(key)));

/** zod's issue as "expected …, found …", in words a YAML author knows. */
function expectedFound(issue: Issue, value: unknown): string {
  const expected = expectation(issue);
  // our own messages (custom quantities) already say what they found
  if (/\bfound\b/.test(expected)) return expected;
  return `${expected}, found ${found(value)}`;
}

const TYPES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
};

function expectation(issue: Issue): string {
  // our schemas' own messages; zod's defaults read "Invalid input: …", "Too small: …"
  if (/^expected\b/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPES[issue.expected] ?? issue.expected}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
      if (issue.origin === 'string') return `expected ${small ? 'at least' : 'at most'} ${bound} character(s)`;
      if (issue.origin === 'array') return `expected ${small ? 'at least' : 'at most'} ${bound} item(s)`;
      return `expected a number ${op} ${bound}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_union': {
      // each alternative's first complaint, e.g. "a number or a non-negative number as a string"
      const options = [...new Set(issue.errors.map((e) => (e[0] ? expectation(e[0]).replace(/^expected /, '') : '')).filter(Boolean))];
      return options.length > 0 ? `expected ${options.join(' or ')}` : 'expected another value';
    }
    default:
      return `expected ${issue.message}`;
  }
}

function found(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'an empty value';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
}

/** The keys the object schema at `path` takes, to list them when a key is unknown. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.ZodType | undefined = schema;
  let i = 0;
  while (s) {
    const d: Def = (s as unknown as { _zod: { def: Def } })._zod.def;
    // wrappers (default, optional, a transform's input) hold the object inside
    if (d.innerType) s = d.innerType;
    else if (d.type === 'pipe') s = d.in;
    else if (i === path.length) return d.shape ? Object.keys(d.shape) : [];
    else if (d.shape) s = d.shape[String(path[i++])];
    else if (d.valueType ?? d.element) (s = d.valueType ?? d.element), i++;
    else return [];
  }
  return [];
}

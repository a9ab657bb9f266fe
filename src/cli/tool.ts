/** What writes the report (its `tool` field): this package's name and version, from package.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tool } from '../model/types.js';
import { packageRoot } from '../packageRoot.js';

export function thisTool(): Tool {
  const { name, version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as Tool;
  return { name, version };
}

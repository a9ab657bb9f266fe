/**
 * The installed package's root (where profiles/ and fixtures/ live), found by walking
 * up from this module: the same code runs bundled from dist/ and from src/ in tests.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'profiles'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('mesh-cost: cannot find its package root (profiles/ missing)');
    dir = up;
  }
  root = dir;
  return dir;
}

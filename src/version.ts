/**
 * mesh-cost's own name and version, from package.json, for `--version` and for the
 * report's `tool` field. The relative path holds from src/ (tests) and from dist/
 * (the bundled CLI and its chunks), both one level below the package root.
 */
import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const TOOL: { name: string; version: string } = { name: pkg.name, version: pkg.version };

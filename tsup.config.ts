import { defineConfig } from 'tsup';

// One ESM entry for the CLI; commands are dynamic imports, so esbuild splits them
// into chunks that load only when that command runs (keeps `--help` fast).
//
// The dependencies are bundled too: unbundled, an estimate run loaded some 220
// files (zod and yaml are a hundred small modules each), and resolving and compiling
// them was a third of the run's CPU time on a small inventory; bundled it loads about
// a dozen. Bundled CommonJS (commander, yaml, cli-table3) reaches Node's built-ins
// through `require`, which ESM lacks: the banner gives each file one. A dynamic
// `import()` of a bundled CommonJS package yields only its `default` export (see
// src/yamlFile.ts). A dependency added later stays external until it is listed here.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  sourcemap: false,
  clean: true,
  outDir: 'dist',
  noExternal: ['commander', 'zod', 'yaml', 'csv-parse', 'chalk', 'cli-table3'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

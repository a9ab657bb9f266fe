import { defineConfig } from 'tsup';

// One ESM entry for the CLI; commands are dynamic imports, so esbuild splits them
// into chunks that load only when that command runs (keeps `--help` fast).
//
// The dependencies are bundled too: unbundled, an estimate run loaded some 220
// files (zod and yaml are a hundred small modules each), and resolving and compiling
// them was a third of the run's CPU time on a small inventory; bundled it loads about
// a dozen. Bundled CommonJS (commander, yaml, cli-table3) reaches Node's built-ins
// through `require`, which ESM lacks: the banner gives each file one.
//
// The one rule for src/: import a bundled package with a static `import`, never
// `await import('pkg')`. esbuild turns a dynamic import of bundled CommonJS into a
// chunk that exports only `default`, so `const { parseDocument } = await import('yaml')`
// passes the unit tests (vitest runs the sources) and breaks the built CLI. Laziness
// comes from the commands instead: src/cli.ts imports each command module
// dynamically, and whatever that module imports statically lands in its chunks.
// csv-parse is ESM, which esbuild splits into a chunk of its own with its named
// exports intact: the CSV reader imports it lazily (src/inventory/csv/table.ts).
//
// undici, stream-json, stream-chain and @datadog/sketches-js stay external: bundled,
// `estimate --newrelic` against the local NerdGraph stub started 20 ms sooner
// (undici is 111 files) and `--kube` or `profiles fit` 5 ms, medians of 15 runs,
// which a real NerdGraph round trip dwarfs; sketches-js would also need its unused
// protobufjs marked external. A dependency added later stays external until it is
// listed here.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  sourcemap: false,
  clean: true,
  outDir: 'dist',
  noExternal: ['commander', 'zod', 'yaml', 'chalk', 'cli-table3', 'csv-parse'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

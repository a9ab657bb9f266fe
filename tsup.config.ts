import { defineConfig } from 'tsup';

// One ESM entry for the CLI; commands are dynamic imports, so esbuild splits them
// into chunks that load only when that command runs (keeps `--help` fast).
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  sourcemap: false,
  clean: true,
  outDir: 'dist',
});

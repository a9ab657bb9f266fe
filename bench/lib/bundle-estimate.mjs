/**
 * Bundles the estimate pipeline (`estimateCommand` of src/cli/estimate.ts, the code
 * `mesh-cost estimate` runs once commander has parsed its flags) into one ESM file,
 * for the warm measurement of the linear case to import and call again and again.
 * dist/ cannot serve: its chunks have hashed names and export nothing by a name.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The bundle lives in the bench's scratch directory, but the code finds the package
// (profiles/, fixtures/) by walking up from its own import.meta.url (src/packageRoot.ts),
// and bundled CommonJS reaches Node's built-ins through a `require` made from it (the
// banner tsup.config.ts adds, for the same reason). Both are given the built CLI's
// place, so the bundle finds everything where dist/cli.js finds it.
const CLI_URL = JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'cli.js')).href);

/** Writes the bundle into `dir` and returns its path. */
export async function bundleEstimate(dir) {
  const outfile = join(dir, 'estimate.js');
  await build({
    entryPoints: [join(ROOT, 'src', 'cli', 'estimate.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Every package is bundled, as tsup bundles most of them: a bundle in a scratch
    // directory has no node_modules to import one from. What the CLI loads lazily
    // (undici for --newrelic, stream-json for --kube, ...) is still loaded only when
    // imported, which a CSV estimate never does. protobufjs is the one exception: only
    // @datadog/sketches-js's protobuf export requires it, which mesh-cost never calls,
    // and it is not installed (a devDependency of sketches-js), so it stays unresolved.
    external: ['protobufjs/minimal'],
    define: { 'import.meta.url': CLI_URL },
    banner: { js: `import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(${CLI_URL});` },
    logLevel: 'warning',
  });
  return outfile;
}

#!/usr/bin/env node
// Node's compile cache (Node >= 22.1) makes every start after the first faster;
// on Node 20 the function does not exist and the CLI simply starts uncached
// (NODE_COMPILE_CACHE is ignored there too: measured in BENCHMARKS.md).
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli.js');

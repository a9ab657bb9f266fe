import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    setupFiles: ['test/setup/fastCheck.ts'],
    // e2e tests spawn the CLI; give them room on a 2-core CI machine
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

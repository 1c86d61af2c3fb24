import { defineConfig } from 'vitest/config';

// Unit and integration tests (`*.test.ts` beside the code). Browser specs are
// Playwright's (`designer/e2e/*.spec.ts`), run by scripts/test.mjs after these.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/**', 'designer/e2e/**'],
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on these machines: more forks only thrash.
    pool: 'forks',
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

/**
 * Four projects, each with its own script (`npm run test:unit`, ...); `npm test` runs them all.
 * - unit: the runtime, the schema model, the sync, the benchmark harness, and type-level tests
 *   (expectTypeOf, @ts-expect-error) through tsc. Fast: run it while working.
 * - generate: what `npm run generate` writes, checked against the schema (freshness, determinism,
 *   pinned output, conformance, the exhaustive switch).
 * - package: the built and packed package as users install it, the command line as a process,
 *   the README's examples, the catch-up workflow.
 * - fuzz: seeded property and differential tests; FC_RUNS sets their depth.
 */
export default defineConfig({
  test: {
    // Vitest leaves a core free by default: on a 2-core machine that is one worker for everything.
    maxWorkers: '100%',
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Pure, in-process tests: threads that share modules between files save re-importing the
          // validators for each file.
          pool: 'threads',
          isolate: false,
          include: ['test/src/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/harness/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './test/types/tsconfig.json' },
        },
      },
      { extends: true, test: { name: 'generate', include: ['test/generated/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          globalSetup: ['test/package/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], testTimeout: 600_000 } },
    ],
  },
});

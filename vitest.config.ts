import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest runs the projects in name order, so the catch-up workflow (a minute of one core, the
 * longest file by far, and needing no built package) would start last and end the run alone.
 * Started first, the other files fill the second core around it. The collector's crash trials
 * (most of a minute of spawned processes) go early for the same reason.
 */
const STARTED_FIRST = ['test/package/workflow.test.ts', 'test/pull/crash.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => (STARTED_FIRST.some((path) => file.moduleId.endsWith(path)) ? 0 : 1);
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Four projects, each with its own script (`npm run test:unit`, ...); `npm test` runs them all.
 * - unit: the runtime, the schema model, the sync, the benchmark harness and the size budgets
 *   (esbuild bundles of src/, bytes asserted), and type-level tests
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
    sequence: { sequencer: LongestFirst },
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
      // The collector against its local server: the library in process, the command as a process, the crash trials.
      { extends: true, test: { name: 'pull', include: ['test/pull/**/*.test.ts'] } },
      { extends: true, test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'], testTimeout: 600_000 } },
    ],
  },
});

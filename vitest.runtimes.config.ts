import { defineConfig } from 'vitest/config';

/**
 * The runtimes project (`npm run test:runtimes`, run by .ci/run): the packed package in every
 * runtime the package claims (test/runtimes/runtimes.test.ts). A config of its own, so that
 * `npm test` runs without the runtimes: they are installed by `npm ci --prefix test/runtimes`
 * and Debian's chromium, which .ci/run does. The package project's global setup builds and packs.
 */
export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'runtimes',
          include: ['test/runtimes/**/*.test.ts'],
          globalSetup: ['test/package/global-setup.ts'],
        },
      },
    ],
  },
});

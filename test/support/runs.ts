/**
 * Settings shared by the property and differential tests: a fixed seed so CI runs are
 * reproducible (fast-check prints the seed and path of any failure; set FC_SEED to replay or to
 * explore another seed), and the number of runs per property (FC_RUNS): modest by default, so
 * that `npm test` stays fast; `FC_RUNS=10000 npm run test:fuzz` is the thorough mode CI also runs.
 * Any value works: what must be covered is listed explicitly, not left to the number of runs.
 */
import type { Parameters } from 'fast-check';

const DEFAULT_SEED = 20_240_711;
const DEFAULT_RUNS = 100;

const fromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
};

export const FC_SEED = fromEnv('FC_SEED', DEFAULT_SEED);
export const FC_RUNS = fromEnv('FC_RUNS', DEFAULT_RUNS);

/** `fc.assert` parameters: the shared seed and run count. */
export function runParameters<T>(overrides: Parameters<T> = {}): Parameters<T> {
  return { seed: FC_SEED, numRuns: FC_RUNS, ...overrides };
}

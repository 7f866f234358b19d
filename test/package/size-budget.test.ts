/**
 * Size budgets, asserted because bytes are deterministic: esbuild bundles from src/ (minified,
 * ESM, platform neutral, tree-shaken), gzipped at level 9.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { bundle, gzippedBytes } from '../../harness/bundle.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

it.each([
  ['the whole runtime entry', "export * from '../src/index.ts';", 8192],
  ['a bundle importing only isApiKeyCreated', "export { isApiKeyCreated } from '../src/index.ts';", 2048],
])('%s fits its budget', async (name, entry, budget) => {
  const bytes = gzippedBytes(await bundle(entry, ROOT));
  console.log(`${name}: ${bytes} bytes gzipped (budget ${budget})`);
  expect(bytes).toBeLessThanOrEqual(budget);
});

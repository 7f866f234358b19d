/**
 * Size budgets, asserted because bytes are deterministic: esbuild bundles from src/ (minified,
 * ESM, platform neutral, tree-shaken), gzipped at level 9. Each budget is a fixed part plus an
 * allowance per event type and per details shape, computed from the catalog
 * (harness/size-budget.ts): a new event type never needs a budget edited.
 */
import { expect, it } from 'vitest';
import { canonicalCatalogSize, measureSizes } from '../../harness/size-budget.ts';

const size = canonicalCatalogSize();
const measured = await measureSizes(size);

it.each(measured.map((result) => [result.name, result] as const))('%s fits its budget', (_name, result) => {
  console.log(
    `${result.name}: ${result.bytes} bytes gzipped (budget ${result.budget} = ${result.formula}; ${size.eventTypes} event types, ${size.detailsShapes} details shapes; target ${result.target})`,
  );
  expect(result.bytes).toBeLessThanOrEqual(result.budget);
});

/**
 * The leaf of the runtime: what generated code and the hand-written runtime share. It imports
 * nothing but its own topics (src/internal/), so `generated/` can depend on it without depending
 * on the rest of `src/`. The readable error conversion is here because the generated per-event
 * Standard Schemas report with it.
 */
export * from './internal/validators.js';
export * from './internal/pointers.js';
export * from './internal/readable-errors.js';
export * from './internal/standard-schema.js';
export * from './internal/meaning.js';

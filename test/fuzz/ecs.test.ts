/**
 * toEcs under seeded fuzzing: schema-derived valid logs of every catalog type (undocumented
 * fields, every optional field present or not, every kind of actor), the same logs given a type
 * newer than the catalog, and logs changed once to break the schema (any JSON value where a field
 * was, a required field gone), each map to a document that ECS's own definitions accept (every
 * field in ECS or under `openai.`, of its ECS type, with allowed values, each event.type one its
 * event.category expects), without a throw, without touching the log, and the same on a deep-frozen
 * copy; so does any JSON value. The one departure allowed: no `@timestamp` when `effective_at` is
 * not a time of years 0000 to 9999 (the schema allows any integer). Every catalog type is listed
 * explicitly, so coverage does not hang on the number of runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ecsProblems } from '../../harness/ecs-conformance.ts';
import { catalog, defs, schema } from '../../harness/schema.ts';
import { toEcs } from '../../src/ecs.ts';
import type { AnyAuditLog } from '../../src/index.ts';
import { arbitraryOf, caseOf } from '../support/arbitraries.ts';
import { deepFreeze, deepSnapshot } from '../support/deep.ts';
import { FC_RUNS, runParameters } from '../support/runs.ts';

type Log = Record<string, unknown>;

const OPTIONS = { keepOriginal: true, organization: { id: 'org-1', name: 'Acme' } };

/**
 * Whether the log's `effective_at` is a time an ECS date holds (years 0000 to 9999), judged here
 * from the calendar rather than by the mapper's own test. The schema allows any integer, so a
 * valid log may carry a time no ECS date holds: its document then lacks `@timestamp`, which ECS
 * requires, and that is the one departure allowed.
 */
function hasEcsTime(log: unknown): boolean {
  const seconds = (log as { effective_at?: unknown } | null)?.effective_at;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds * 1000)) return false;
  const year = new Date(seconds * 1000).getUTCFullYear();
  return year >= 0 && year <= 9999;
}

/** Both documents (with and without options) conform, the log is untouched, a deep-frozen copy maps the same. */
function holds(log: unknown): void {
  const before = deepSnapshot(log);
  const plain = toEcs(log as AnyAuditLog);
  const withOptions = toEcs(log as AnyAuditLog, OPTIONS);
  expect(deepSnapshot(log)).toBe(before);
  const allowed = hasEcsTime(log) ? [] : ['@timestamp: required by ECS, missing'];
  expect(ecsProblems(plain)).toEqual(allowed);
  expect(ecsProblems(withOptions)).toEqual(allowed);
  expect(toEcs(deepFreeze(structuredClone(log)) as AnyAuditLog, OPTIONS)).toEqual(withOptions);
}

/** A valid log renamed to a type outside the catalog, its details moved under the new key. */
const newerLog = fc
  .tuple(arbitraryOf(schema) as fc.Arbitrary<Log>, fc.stringMatching(/^[a-z_]{1,12}(\.[a-z_]{1,12}){1,3}$/))
  .map(([log, type]) => ({ ...log, type: `x_${type}`, [`x_${type}`]: log[log.type as string] ?? {} }));

/**
 * A valid log at any time a Date holds and beyond, in whole seconds: the schema's arbitraries draw
 * 32-bit integers and a few extremes, which miss the years past 9999 that a Date still writes.
 */
const DATE_SECONDS = 8.64e12;
const timedLog = fc
  .tuple(
    arbitraryOf(schema) as fc.Arbitrary<Log>,
    fc.oneof(fc.integer({ min: -DATE_SECONDS - 1, max: DATE_SECONDS + 1 }), fc.maxSafeInteger()),
  )
  .map(([log, effective_at]) => ({ ...log, effective_at }));

/** Runs per catalog type: the whole budget spread over the catalog, at least one each. */
const perType = Math.max(1, Math.round(FC_RUNS / catalog.length));

describe('toEcs, fuzzed', () => {
  it(`maps valid logs of each of the ${catalog.length} catalog types (${perType} each) to conformant ECS`, () => {
    for (const event of catalog)
      fc.assert(fc.property(arbitraryOf(defs[event.variantDef]!), holds), runParameters({ numRuns: perType }));
  });
  it('maps logs of types newer than the catalog to conformant ECS', () => {
    fc.assert(fc.property(newerLog, holds), runParameters());
  });
  it('maps valid logs at any time to conformant ECS, with @timestamp for years 0000 to 9999', () => {
    fc.assert(fc.property(timedLog, holds), runParameters());
  });
  it('maps logs changed once to break the schema to conformant ECS, @timestamp aside', () => {
    fc.assert(
      fc.property(
        caseOf(schema).map(({ value }) => value),
        holds,
      ),
      runParameters(),
    );
  });
  it('maps any JSON value to conformant ECS, @timestamp aside', () => {
    fc.assert(fc.property(fc.jsonValue(), holds), runParameters());
  });
});

/**
 * Whatever value a caller passes, every validating entry point returns (never
 * throws), leaves the value exactly as it was, and answers the same on a deep-frozen copy; the
 * entry points agree with one another. Values come from fc.jsonValue(), fc.anything() with every
 * option that widens it, fc.anything() speaking the schema's vocabulary, and schema-derived logs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, entryPoints, guards } from '../support/api.ts';
import { caseOf } from '../support/arbitraries.ts';
import { deepFreeze, deepSnapshot } from '../support/deep.ts';
import { runParameters } from '../support/runs.ts';
import { catalog, schema } from '../../harness/schema.ts';

/** Every property name and string constant of the schema, so random objects look like logs and pages. */
const schemaWords = (() => {
  const words = new Set<string>(['__proto__', 'constructor', 'prototype']);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties') Object.keys(value as object).forEach((name) => words.add(name));
      if (key === 'const' && typeof value === 'string') words.add(value);
      if (key === 'enum') (value as unknown[]).forEach((item) => typeof item === 'string' && words.add(item));
      visit(value);
    }
  };
  visit(schema);
  return [...words];
})();

const broad = {
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
} as const;

const sources: [name: string, arbitrary: fc.Arbitrary<unknown>][] = [
  ['fc.jsonValue()', fc.jsonValue()],
  ['fc.anything() with every option', fc.anything(broad)],
  [
    'fc.anything() with the schema’s keys and values',
    fc.anything({
      ...broad,
      maxDepth: 4,
      key: fc.oneof(fc.constantFrom(...schemaWords), fc.string()),
      values: [
        fc.constantFrom(...schemaWords),
        fc.boolean(),
        fc.integer(),
        fc.double(),
        fc.string(),
        fc.constantFrom(null, undefined, -0, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, Number.EPSILON),
      ],
    }),
  ],
  ['schema-derived logs, valid or changed once', caseOf(schema).map(({ value }) => value)],
];

/** Runs every entry point on `value`: what each returned, as fast-check prints it (an escaping exception fails the test). */
const judge = (value: unknown) => fc.stringify(entryPoints.map(([name, call]) => [name, call(value)]));

const readableErrors = (value: unknown) =>
  (api.validateAuditLog(value), api.validateAuditLog.errors ?? []).filter((error) => error.keyword === 'readable');

describe('every entry point, on any value', () => {
  it.each(sources)(
    'returns, never mutates, and answers the same when frozen: %s',
    { timeout: 300_000 },
    (_name, arbitrary) => {
      fc.assert(
        fc.property(arbitrary, (value) => {
          const before = deepSnapshot(value);
          const answers = judge(value);
          expect(deepSnapshot(value)).toBe(before);

          deepFreeze(value);
          const frozen = deepSnapshot(value);
          // A write attempt on a frozen value throws in strict mode; it must neither escape nor change the verdict.
          expect(judge(value)).toBe(answers);
          expect(deepSnapshot(value)).toBe(frozen);
          // Plain values hold no getter or trap, so nothing may have thrown inside the validators.
          expect(readableErrors(value)).toEqual([]);
        }),
        runParameters(),
      );
    },
  );

  it.each(sources)('agree with one another: %s', { timeout: 300_000 }, (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (value) => {
        const valid = api.isAuditLog(value);
        expect(api.validateAuditLog(value)).toBe(valid);
        expect(api.validateAuditLog.errors === null).toBe(valid);
        const parsed = api.parseAuditLog(value);
        expect(parsed.success).toBe(valid);
        if (!parsed.success) expect(parsed.errors.length).toBeGreaterThan(0);
        let asserted: unknown = 'returned';
        try {
          api.assertAuditLog(value);
        } catch (error) {
          asserted = error instanceof api.AuditLogValidationError ? 'AuditLogValidationError' : error;
        }
        expect(asserted).toBe(valid ? 'returned' : 'AuditLogValidationError');
        // A log of a known type is also a log when unknown types are accepted.
        if (valid) expect(api.isAnyAuditLog(value)).toBe(true);
        // A valid log satisfies exactly the guard of its own type; a guard only accepts its own type.
        const declared = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
        for (const { event, guard } of guards) {
          const accepted = guard(value);
          if (accepted) expect(declared).toBe(event.type);
          if (valid && declared === event.type) expect(accepted).toBe(true);
        }
        // A page holding just this value is valid exactly when the value is.
        const page = { object: 'list', data: [value], first_id: null, last_id: null, has_more: false };
        expect(api.validateListAuditLogsResponse(page)).toBe(valid);
        expect(api.isListAuditLogsResponse(page)).toBe(valid);
      }),
      runParameters(),
    );
  });

  it('cover every event type among the schema-derived logs', () => {
    const seen = new Set(
      fc
        // 14 draws per type leave each type unseen with odds of about e^-14: the sample grows with the catalog.
        .sample(caseOf(schema), { numRuns: catalog.length * 14, seed: runParameters().seed })
        .map(({ value }) => (value as { type?: unknown })?.type),
    );
    expect(catalog.filter(({ type }) => !seen.has(type)).map(({ type }) => type)).toEqual([]);
  });
});

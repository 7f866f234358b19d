/**
 * toOcsf under seeded fuzzing: schema-derived valid logs of every catalog type (undocumented
 * fields, every optional field present or not), and the same logs given a type newer than the
 * catalog, always map to an event that validates against its OCSF 1.8.0 class, with type_uid =
 * class_uid × 100 + activity_id, without touching the log.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ocsfProblems } from '../../harness/ocsf.ts';
import { schema } from '../../harness/schema.ts';
import type { AnyAuditLog } from '../../src/index.ts';
import { toOcsf } from '../../src/ocsf.ts';
import { arbitraryOf } from '../support/arbitraries.ts';
import { deepSnapshot } from '../support/deep.ts';
import { runParameters } from '../support/runs.ts';

const validLog = arbitraryOf(schema) as fc.Arbitrary<Record<string, unknown>>;
/** A valid log renamed to a type outside the catalog, its details moved under the new key. */
const newerLog = fc
  .tuple(validLog, fc.stringMatching(/^[a-z_]{1,12}(\.[a-z_]{1,12}){1,3}$/))
  .map(([log, type]) => ({ ...log, type: `x_${type}`, [`x_${type}`]: log[log.type as string] ?? {} }));

function holds(log: Record<string, unknown>): void {
  const before = deepSnapshot(log);
  const event = toOcsf(log as unknown as AnyAuditLog, { keepOriginal: true, organization: { id: 'org-1' } });
  expect(ocsfProblems(event)).toEqual([]);
  expect(deepSnapshot(log)).toEqual(before);
}

describe('toOcsf, fuzzed', () => {
  it('maps every schema-derived valid log to a conformant OCSF event', () => {
    fc.assert(fc.property(validLog, holds), runParameters());
  });
  it('maps logs of types newer than the catalog to a conformant OCSF event', () => {
    fc.assert(fc.property(newerLog, holds), runParameters());
  });
});

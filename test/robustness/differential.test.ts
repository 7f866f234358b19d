/**
 * Issue 7, item 2: the generated validators against two references loaded with the canonical
 * schema at run time, AJV and @cfworker/json-schema, on schema-derived cases: valid logs of every
 * event type and valid logs changed once (a JSON type changed, a required field removed, an enum
 * value replaced, a details object replaced by a non-object), alone and on pages. Every case must
 * get the verdict it was built for from all three; a disagreement fails with the case printed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, guards } from '../support/api.ts';
import { caseOf, type GeneratedCase } from '../support/arbitraries.ts';
import { referencesFor, type References } from '../support/references.ts';
import { runParameters } from '../support/runs.ts';
import { catalogue, defs, schema } from '../support/schema.ts';

interface Verdicts {
  [judge: string]: boolean;
}

/** Fails with everything needed to replay the case by hand when the verdicts are not all `want`. */
function agree(testCase: GeneratedCase, want: boolean, verdicts: Verdicts, errors: unknown): void {
  if (Object.values(verdicts).every((verdict) => verdict === want)) return;
  throw new Error(
    [
      `verdicts differ (want ${String(want)}): ${JSON.stringify(verdicts)}`,
      `mutation: ${JSON.stringify(testCase.mutation ?? 'none')}`,
      `case: ${JSON.stringify(testCase.value)}`,
      `package errors: ${JSON.stringify(errors)}`,
    ].join('\n'),
  );
}

const both = (references: References, value: unknown) => ({ ajv: references.ajv(value), cfworker: references.cfworker(value) });

const logReferences = referencesFor('#');
const pageReferences = referencesFor('#/$defs/ListAuditLogsResponse');
const variantReferences = new Map(guards.map(({ event, guard }) => [event.type, { guard, references: referencesFor(`#/$defs/${event.variantDef}`) }]));
const DETAILS_KEYS = new Set(catalogue.flatMap(({ type, detailsDef }) => (detailsDef ? [type] : [])));

const declaredType = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined);

describe('differential: package validators, AJV and @cfworker/json-schema', () => {
  it('agree on every generated audit log, and each per-event guard agrees on its variant', { timeout: 300_000 }, () => {
    const tally = { cases: 0, valid: new Set<unknown>(), invalid: new Set<unknown>(), kinds: new Map<string, number>(), foreignDetails: 0 };
    fc.assert(
      fc.property(caseOf(schema), (testCase) => {
        const { value } = testCase;
        const ours = api.validateAuditLog(value);
        agree(testCase, testCase.valid, { validateAuditLog: ours, isAuditLog: api.isAuditLog(value), ...both(logReferences, value) }, api.validateAuditLog.errors);
        // The guard of the declared type checks the envelope, `type` and its own details only: its variant definition.
        const variant = variantReferences.get(declaredType(value) as string);
        if (variant !== undefined) {
          const guarded = variant.guard(value);
          const references = both(variant.references, value);
          agree(testCase, guarded, { guard: guarded, ...references }, null);
        }
        tally.cases++;
        (testCase.valid ? tally.valid : tally.invalid).add(declaredType(value));
        if (testCase.mutation) tally.kinds.set(testCase.mutation.kind, (tally.kinds.get(testCase.mutation.kind) ?? 0) + 1);
        // A change inside the details object of another event than the declared one.
        const changedKey = testCase.mutation?.pointer.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
        if (changedKey !== undefined && DETAILS_KEYS.has(changedKey) && changedKey !== declaredType(value)) tally.foreignDetails++;
      }),
      runParameters(),
    );
    expect(tally.cases).toBeGreaterThanOrEqual(runParameters().numRuns!);
    // The generator reached every event type, valid and changed, and every kind of change.
    expect(catalogue.filter(({ type }) => !tally.valid.has(type) || !tally.invalid.has(type)).map(({ type }) => type)).toEqual([]);
    expect([...tally.kinds.keys()].sort()).toEqual(['details', 'enum', 'required', 'type']);
    expect(tally.foreignDetails).toBeGreaterThan(0);
  });

  it('agree on every generated page of audit logs', { timeout: 300_000 }, () => {
    let cases = 0;
    let logs = 0;
    fc.assert(
      fc.property(caseOf(defs.ListAuditLogsResponse!), (testCase) => {
        const { value } = testCase;
        const ours = api.validateListAuditLogsResponse(value);
        agree(
          testCase,
          testCase.valid,
          { validateListAuditLogsResponse: ours, isListAuditLogsResponse: api.isListAuditLogsResponse(value), ...both(pageReferences, value) },
          api.validateListAuditLogsResponse.errors,
        );
        cases++;
        const data = (value as { data?: unknown } | null)?.data;
        if (Array.isArray(data)) logs += data.length;
      }),
      runParameters(),
    );
    expect(cases).toBeGreaterThanOrEqual(runParameters().numRuns!);
    expect(logs).toBeGreaterThan(cases);
  });
});

/**
 * The generated validators against two references loaded with the canonical schema at run time,
 * AJV and @cfworker/json-schema. First every event type × every kind of change (a JSON type
 * changed, a required field removed, an enum value replaced, a details object replaced by a
 * non-object), listed explicitly; then seeded fuzzing on top: valid logs of every event type and
 * valid logs changed once, alone and on pages. Every case must get the verdict it was built for
 * from all three; a disagreement fails with the case printed.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { catalog, validPayload } from '../../harness/payloads.ts';
import { defs, schema } from '../../harness/schema.ts';
import { api, guards } from '../support/api.ts';
import { caseOf, explicitCases, type GeneratedCase } from '../support/arbitraries.ts';
import { referencesFor, type References } from '../support/references.ts';
import { runParameters } from '../support/runs.ts';

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

const both = (references: References, value: unknown) => ({
  ajv: references.ajv(value),
  cfworker: references.cfworker(value),
});

const logReferences = referencesFor('#');
const pageReferences = referencesFor('#/$defs/ListAuditLogsResponse');
const variantReferences = new Map(
  guards.map(({ event, guard }) => [event.type, { guard, references: referencesFor(`#/$defs/${event.variantDef}`) }]),
);

const declaredType = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;

/** The package's verdicts on one log must match the references', and its guard those on its variant. */
function checkLog(testCase: GeneratedCase): void {
  const { value } = testCase;
  const ours = api.validateAuditLog(value);
  agree(
    testCase,
    testCase.valid,
    { validateAuditLog: ours, isAuditLog: api.isAuditLog(value), ...both(logReferences, value) },
    api.validateAuditLog.errors,
  );
  // The guard of the declared type checks the envelope, `type` and its own details only: its variant definition.
  const variant = variantReferences.get(declaredType(value) as string);
  if (variant !== undefined) {
    const guarded = variant.guard(value);
    agree(testCase, guarded, { guard: guarded, ...both(variant.references, value) }, null);
  }
}

/** Another event's details, so that every log carries a details object that a change can reach. */
const foreign = catalog.find((event) => event.detailsDef !== undefined)!;
const withForeignDetails = (event: (typeof catalog)[number]) => {
  const other = event.type === foreign.type ? catalog.filter((e) => e.detailsDef !== undefined)[1]! : foreign;
  return { ...validPayload(event), [other.type]: validPayload(other)[other.type]! };
};

describe('every event type × every kind of change, listed explicitly', () => {
  const cases = explicitCases(catalog, withForeignDetails, runParameters().seed!);
  it.each(cases.map((row) => [`${row.event.type}: ${row.kind} at ${row.case.mutation!.pointer}`, row] as const))(
    '%s',
    (_name, row) => {
      checkLog({ value: withForeignDetails(row.event), valid: true });
      checkLog(row.case);
    },
  );
});

describe('seeded fuzzing: package validators, AJV and @cfworker/json-schema', () => {
  it('agree on every generated audit log, and each per-event guard agrees on its variant', () => {
    fc.assert(
      fc.property(caseOf(schema), (testCase) => {
        checkLog(testCase);
      }),
      runParameters(),
    );
  });

  it('agree on every generated page of audit logs', () => {
    fc.assert(
      fc.property(caseOf(defs.ListAuditLogsResponse!), (testCase) => {
        const { value } = testCase;
        const ours = api.validateListAuditLogsResponse(value);
        agree(
          testCase,
          testCase.valid,
          {
            validateListAuditLogsResponse: ours,
            isListAuditLogsResponse: api.isListAuditLogsResponse(value),
            ...both(pageReferences, value),
          },
          api.validateListAuditLogsResponse.errors,
        );
      }),
      runParameters(),
    );
  });
});

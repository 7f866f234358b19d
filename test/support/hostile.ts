/**
 * Every library entry point as the hostile-value tests judge it (test/src/hostile-reads.test.ts,
 * test/fuzz/hostile.test.ts): each reduced to `valid`, `invalid`, `listed` or `shown`, or to
 * `threw ...` when something escaped (a failure of the "never throws" contract, shown in the
 * row). The per-event guards and Standard Schemas are found from the catalog by name.
 */
import type { CatalogEvent } from '../../harness/schema.ts';
import { schemaName } from '../../scripts/generate/naming.ts';
import * as schemas from '../../src/standard-schema.ts';
import type { StandardSchemaV1 } from '../../src/internal.ts';
import { api, guardOf } from './api.ts';

export type Outcome = 'valid' | 'invalid' | 'listed' | 'shown' | `threw ${string}` | `wrong ${string}`;

/** A page of one log, as every page entry point is given it. */
export const pageOf = (log: unknown) => ({
  object: 'list',
  data: [log],
  first_id: null,
  last_id: null,
  has_more: false,
});

/** How many errors an entry point may list at most: the default cap and the one that says there were more. */
export const MAX_LISTED = 101;

const verdict = (valid: boolean): Outcome => (valid ? 'valid' : 'invalid');

/** `valid`/`invalid` from a list of errors; `wrong` when the list is empty or longer than the cap. */
function listed(errors: readonly unknown[] | null | undefined): Outcome {
  if (errors === null || errors === undefined) return 'valid';
  if (errors.length === 0 || errors.length > MAX_LISTED) return `wrong ${errors.length} errors`;
  return 'invalid';
}

function standardOutcome(schema: StandardSchemaV1<unknown>, value: unknown): Outcome {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) return 'wrong a Promise';
  if (result.issues === undefined) return result.value === value ? 'valid' : 'wrong value';
  return listed(result.issues);
}

/** A judge: its name, whether it accepts unknown event types, and how it reduces a value to an outcome. */
export interface Judge {
  name: string;
  acceptsUnknownTypes: boolean;
  judge: (value: unknown) => Outcome;
}

const judge = (name: string, acceptsUnknownTypes: boolean, call: (value: unknown) => Outcome): Judge => ({
  name,
  acceptsUnknownTypes,
  judge: (value) => {
    try {
      return call(value);
    } catch (error) {
      return `threw ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error}`;
    }
  },
});

/** The per-event Standard Schema constant of `type` (`apiKeyCreatedSchema`). */
export const variantSchemaOf = (type: string): StandardSchemaV1<unknown> => {
  const schema = (schemas as unknown as Record<string, StandardSchemaV1<unknown> | undefined>)[schemaName(type)];
  if (schema === undefined) throw new Error(`src/standard-schema.ts exports no ${schemaName(type)}`);
  return schema;
};

/** Every judge of a log, those about `event` (its guard, its Standard Schemas) included. */
export function judgesOf(event: CatalogEvent): Judge[] {
  const guard = guardOf(event.type)!;
  return [
    judge('isAuditLog', false, (value) => verdict(api.isAuditLog(value))),
    judge('isAnyAuditLog', true, (value) => verdict(api.isAnyAuditLog(value))),
    judge('validateAuditLog', false, (value) => {
      const valid = api.validateAuditLog(value);
      return valid === (api.validateAuditLog.errors === null) ? listed(api.validateAuditLog.errors) : 'wrong errors';
    }),
    judge('parseAuditLog', false, (value) => {
      const result = api.parseAuditLog(value);
      return result.success ? 'valid' : listed(result.errors);
    }),
    judge('parseAuditLog accept', true, (value) => {
      const result = api.parseAuditLog(value, { unknownEventTypes: 'accept' });
      return result.success ? 'valid' : listed(result.errors);
    }),
    judge('assertAuditLog', false, (value) => {
      try {
        api.assertAuditLog(value);
        return 'valid';
      } catch (error) {
        if (error instanceof api.AuditLogValidationError) return listed(error.errors);
        throw error;
      }
    }),
    judge(`is${event.name}`, false, (value) => verdict(guard(value))),
    judge('validateListAuditLogsResponse', false, (value) => {
      const valid = api.validateListAuditLogsResponse(pageOf(value));
      const errors = api.validateListAuditLogsResponse.errors;
      return valid === (errors === null) ? listed(errors) : 'wrong errors';
    }),
    judge('parseListAuditLogsResponse', false, (value) => {
      const result = api.parseListAuditLogsResponse(pageOf(value));
      return result.success ? 'valid' : listed(result.errors);
    }),
    judge('isListAuditLogsResponse', false, (value) => verdict(api.isListAuditLogsResponse(pageOf(value)))),
    judge('auditLogSchema', false, (value) => standardOutcome(schemas.auditLogSchema, value)),
    judge('anyAuditLogSchema', true, (value) => standardOutcome(schemas.anyAuditLogSchema, value)),
    judge('listAuditLogsResponseSchema', true, (value) =>
      standardOutcome(schemas.listAuditLogsResponseSchema, pageOf(value)),
    ),
    judge(schemaName(event.type), false, (value) => standardOutcome(variantSchemaOf(event.type), value)),
    judge(`auditLogSchemaFor(${event.type})`, false, (value) =>
      standardOutcome(schemas.auditLogSchemaFor(event.type as never), value),
    ),
    judge('findUndocumentedFields', true, (value) =>
      Array.isArray(api.findUndocumentedFields(value)) ? 'listed' : 'wrong result',
    ),
    judge('formatValidationErrors', true, (value) => {
      const result = api.parseAuditLog(value);
      const text = api.formatValidationErrors(result.success ? [] : result.errors);
      return typeof text === 'string' && text.length < 100_000 ? 'shown' : 'wrong text';
    }),
  ];
}

/** What every judge should say of a value: `valid`, or `invalid` (judges accepting unknown types may differ). */
export function wantedOf(
  judges: readonly Judge[],
  { valid, validWhenUnknownAccepted = valid }: { valid: boolean; validWhenUnknownAccepted?: boolean },
): Record<string, Outcome> {
  return Object.fromEntries(
    judges.map(({ name, acceptsUnknownTypes }) => {
      if (name === 'findUndocumentedFields') return [name, 'listed'];
      if (name === 'formatValidationErrors') return [name, 'shown'];
      return [name, verdict(acceptsUnknownTypes ? validWhenUnknownAccepted : valid)];
    }),
  );
}

/** What every judge said of the value `build` makes, each judge given a fresh one. */
export const outcomesOf = (judges: readonly Judge[], build: () => unknown): Record<string, Outcome> =>
  Object.fromEntries(judges.map(({ name, judge }) => [name, judge(build())]));

/** Every Standard Schema `src/standard-schema.ts` exports, by name. */
export const STANDARD_SCHEMAS: [string, StandardSchemaV1<unknown>][] = Object.entries(
  schemas as Record<string, unknown>,
).filter(
  (entry): entry is [string, StandardSchemaV1<unknown>] =>
    typeof entry[1] === 'object' && entry[1] !== null && '~standard' in entry[1],
);

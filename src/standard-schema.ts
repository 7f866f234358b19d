/**
 * `openai-audit-logs/standard-schema`: Standard Schema v1 (https://standardschema.dev): the audit
 * log, a page and one event type as schemas that Hono (`@hono/standard-validator`), tRPC and any
 * other Standard Schema consumer accept. An entry of its own, so that code that only validates does
 * not ship them. `validate` is synchronous, never throws, returns the value itself when it is valid and
 * otherwise one issue per problem: our readable message and the path as keys and indexes.
 * Warnings (an `effective_at` in milliseconds) have no place in the standard and are left out.
 */
import { DETAILS_VALIDATORS } from '../generated/details-validators.js';
import type { AuditLog, AuditLogEventType, AuditLogOf } from '../generated/types.js';
import { validateEnvelope } from '../generated/validators/envelope.js';
import { issuesOf, standardSchema, variantSchema, type StandardSchemaV1 } from './internal.js';
import { parseListAuditLogsResponse, type ListAnyAuditLogsResponse } from './page.js';
import { parseAuditLog, type AnyAuditLog } from './parse.js';
import { isAuditLogEventType } from './validate.js';

export type { StandardSchemaV1 } from './internal.js';
export * from '../generated/standard-schemas.js';

/**
 * One audit log of a type in the catalog, as `parseAuditLog` checks it: the output is `AuditLog`,
 * and a log of a type newer than this package is rejected (`anyAuditLogSchema` accepts it).
 *
 * @example
 * app.post('/audit-logs', sValidator('json', auditLogSchema), (c) => c.json(c.req.valid('json').type));
 */
export const auditLogSchema: StandardSchemaV1<AuditLog> = /* @__PURE__ */ standardSchema<AuditLog>((value) => {
  const result = parseAuditLog(value);
  return result.success ? { value: result.data } : { issues: issuesOf(result.errors, value) };
});

/**
 * One audit log, accepting types newer than the catalog (`parseAuditLog` with
 * `{ unknownEventTypes: 'accept' }`): the output is `AnyAuditLog`; narrow with `isKnownAuditLog`.
 */
export const anyAuditLogSchema: StandardSchemaV1<AnyAuditLog> = /* @__PURE__ */ standardSchema<AnyAuditLog>((value) => {
  const result = parseAuditLog(value, { unknownEventTypes: 'accept' });
  return result.success ? { value: result.data } : { issues: issuesOf(result.errors, value) };
});

/**
 * One page of `GET /v1/organization/audit_logs` (`parseListAuditLogsResponse`). Logs of types
 * newer than the catalog are accepted, as live pages carry them as soon as OpenAI adds a type and
 * one of them should not reject the other logs of its page: the output is
 * `ListAnyAuditLogsResponse`. Issues are placed in the page: `['data', 3, 'effective_at']`.
 */
export const listAuditLogsResponseSchema: StandardSchemaV1<ListAnyAuditLogsResponse> =
  /* @__PURE__ */ standardSchema<ListAnyAuditLogsResponse>((value) => {
    const result = parseListAuditLogsResponse(value, { unknownEventTypes: 'accept' });
    return result.success ? { value: result.data } : { issues: issuesOf(result.errors, value) };
  });

/** The schemas `auditLogSchemaFor` has made, one per event type. */
const variantSchemas = /* @__PURE__ */ new Map<string, StandardSchemaV1<AuditLog>>();

/**
 * The Standard Schema of one event type, chosen at run time: the same checks as its constant
 * (`auditLogSchemaFor('api_key.created')` checks what `apiKeyCreatedSchema` does). It can make
 * the schema of any type, so a bundle that calls it carries every event's details validator;
 * import the constant of the event instead to keep only that event's. Throws a `RangeError` for
 * a type outside the catalog.
 */
export function auditLogSchemaFor<T extends AuditLogEventType>(type: T): StandardSchemaV1<AuditLogOf<T>> {
  if (!isAuditLogEventType(type)) throw new RangeError(`not an event type of the catalog: ${JSON.stringify(type)}`);
  let schema = variantSchemas.get(type);
  if (schema === undefined) {
    schema = variantSchema<AuditLog>(type, validateEnvelope, DETAILS_VALIDATORS.get(type));
    variantSchemas.set(type, schema);
  }
  return schema as StandardSchemaV1<AuditLogOf<T>>;
}

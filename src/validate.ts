import { DETAILS_VALIDATORS } from '../generated/details-validators.js';
import { AUDIT_LOG_EVENT_TYPES } from '../generated/event-types.js';
import type { AuditLog, AuditLogEventType, AuditLogOf } from '../generated/types.js';
import { validateEnvelope } from '../generated/validators/envelope.js';
import type { CompiledValidator, ValidatorErrorObject } from './compiled-validator.js';
import { ajvMessage } from './messages.js';

const KNOWN_EVENT_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(AUDIT_LOG_EVENT_TYPES);

/** Whether `value` is one of the event types of the catalogue (`AUDIT_LOG_EVENT_TYPES`). */
export function isAuditLogEventType(value: unknown): value is AuditLogEventType {
  return typeof value === 'string' && KNOWN_EVENT_TYPES.has(value);
}

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Copies a compiled validator's errors, re-rooted at `instancePrefix` and at their definition in the schema. */
function appendErrors(
  into: ValidatorErrorObject[] | null,
  from: ValidatorErrorObject[],
  instancePrefix: string,
  schemaPrefix: string,
): ValidatorErrorObject[] {
  const out = into ?? [];
  for (const error of from) {
    const copy = {
      instancePath: instancePrefix + error.instancePath,
      schemaPath: schemaPrefix + error.schemaPath.slice(1),
      keyword: error.keyword,
      params: error.params,
      message: '',
    };
    copy.message = ajvMessage(copy);
    out.push(copy);
  }
  return out;
}

/**
 * Checks one audit log by the package's contract and returns every error, or `null` when it is
 * valid. With `acceptUnknownTypes`, a `type` outside the catalogue is allowed; everything else
 * is held to the same rules. Never throws: an exception raised while reading the value (a
 * getter, a Proxy trap) becomes an error with keyword `readable`.
 */
export function collectErrors(value: unknown, acceptUnknownTypes: boolean): ValidatorErrorObject[] | null {
  let errors: ValidatorErrorObject[] | null = null;
  try {
    if (!validateEnvelope(value)) {
      errors = appendErrors(errors, validateEnvelope.errors!, '', '#/$defs/AuditLogEnvelope');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return errors;
    }
    const log = value as Record<string, unknown>;
    const type = log.type;
    if (typeof type === 'string' && !acceptUnknownTypes && !KNOWN_EVENT_TYPES.has(type)) {
      errors = appendErrors(
        errors,
        [{ instancePath: '/type', schemaPath: '#/enum', keyword: 'enum', params: { allowedValues: AUDIT_LOG_EVENT_TYPES } }],
        '',
        '#/$defs/AuditLogEventType',
      );
    }
    // Every catalogue details key that is present is checked, not only the one named by `type`.
    for (const key in log) {
      const entry = DETAILS_VALIDATORS.get(key);
      if (entry === undefined) continue;
      const details = log[key];
      if (details !== undefined && !entry.validate(details)) {
        errors = appendErrors(errors, entry.validate.errors!, `/${escapeToken(key)}`, entry.definition);
      }
    }
  } catch (error) {
    errors = appendErrors(errors, [unreadable(error)], '', '#');
  }
  return errors;
}

export function unreadable(error: unknown): ValidatorErrorObject {
  const reason = error instanceof Error ? error.message : String(error);
  return { instancePath: '', schemaPath: '#', keyword: 'readable', params: { reason } };
}

/**
 * Validates one audit log, AJV-style: returns whether `value` is a valid `AuditLog` and leaves
 * the errors (AJV error objects with `message`) on `validateAuditLog.errors`, `null` when valid.
 *
 * Checks the envelope once, looks `type` up in the catalogue, and checks every catalogue details
 * key present. Undocumented fields are accepted; the value is never modified. Never throws.
 */
export function validateAuditLog(value: unknown): value is AuditLog {
  const errors = collectErrors(value, false);
  validateAuditLog.errors = errors;
  return errors === null;
}
// eslint-disable-next-line @typescript-eslint/no-namespace -- types the AJV-style `errors` property without a runtime statement
export declare namespace validateAuditLog {
  /** The errors of the last call, `null` when it was valid. */
  let errors: ValidatorErrorObject[] | null | undefined;
}

/** Whether `value` is a valid `AuditLog` (same contract as `validateAuditLog`, without errors). */
export function isAuditLog(value: unknown): value is AuditLog {
  return collectErrors(value, false) === null;
}

/**
 * Narrows an already-typed audit log by its `type`, without validating anything:
 * `if (hasEventType(log, 'api_key.created')) log['api_key.created']?.data`.
 */
export function hasEventType<T extends AuditLogEventType>(log: { type: string }, type: T): log is AuditLogOf<T> {
  return log.type === type;
}

export type { CompiledValidator, ValidatorErrorObject };

import { DETAILS_VALIDATORS } from '../generated/details-validators.js';
import { AUDIT_LOG_EVENT_TYPES } from '../generated/event-types.js';
import type { AuditLog, AuditLogEventType, AuditLogOf } from '../generated/types.js';
import { validateEnvelope } from '../generated/validators/envelope.js';
import { ajvMessage } from './errors.js';
import { escapePointerToken, pascalCase, type ValidatorErrorObject } from './internal.js';

const KNOWN_EVENT_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(AUDIT_LOG_EVENT_TYPES);

/** Whether `value` is one of the event types of the catalog (`AUDIT_LOG_EVENT_TYPES`). */
export function isAuditLogEventType(value: unknown): value is AuditLogEventType {
  return typeof value === 'string' && KNOWN_EVENT_TYPES.has(value);
}

/** Per details key: its JSON Pointer token and its definition in the schema, worked out once (errors only). */
const detailsKeyInfo = new Map<string, { pointer: string; definition: string }>();
function infoOf(key: string): { pointer: string; definition: string } {
  let info = detailsKeyInfo.get(key);
  if (info === undefined) {
    info = {
      pointer: `/${escapePointerToken(key)}`,
      definition: `#/$defs/${pascalCase(key)}Details`,
    };
    detailsKeyInfo.set(key, info);
  }
  return info;
}

/**
 * Re-roots a compiled validator's errors at `instancePrefix` and at their definition in the
 * schema, and adds their messages. They are changed in place, not copied: every call of a
 * compiled validator creates fresh error objects, so these are ours.
 */
function appendErrors(
  into: ValidatorErrorObject[] | null,
  from: ValidatorErrorObject[],
  instancePrefix: string,
  schemaPrefix: string,
): ValidatorErrorObject[] {
  for (const error of from) {
    error.instancePath = instancePrefix + error.instancePath;
    error.schemaPath = schemaPrefix + error.schemaPath.slice(1);
    error.message = ajvMessage(error);
  }
  if (into === null) return from;
  for (const error of from) into.push(error);
  return into;
}

/** Returned by `check` when it stops at the first failure without building errors. */
const INVALID: ValidatorErrorObject[] = [];

/**
 * The dispatcher behind every whole-log entry point: the envelope once, `type` looked up in the
 * catalog, then every catalog details key present (not only the one named by `type`).
 * With `collect`, returns every error (or `null` when valid); without, stops at the first
 * failure and returns `INVALID`, so rejecting costs no more than accepting. Never throws: an
 * exception raised while reading the value (a getter, a Proxy trap) is an error with keyword
 * `readable`.
 */
function check(value: unknown, acceptUnknownTypes: boolean, collect: boolean): ValidatorErrorObject[] | null {
  let errors: ValidatorErrorObject[] | null = null;
  try {
    if (!validateEnvelope(value)) {
      if (!collect) return INVALID;
      errors = appendErrors(errors, validateEnvelope.errors!, '', '#/$defs/AuditLogEnvelope');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return errors;
    }
    const log = value as Record<string, unknown>;
    const type = log.type;
    if (typeof type === 'string' && !acceptUnknownTypes && !KNOWN_EVENT_TYPES.has(type)) {
      if (!collect) return INVALID;
      errors = appendErrors(
        errors,
        [
          {
            instancePath: '/type',
            schemaPath: '#/enum',
            keyword: 'enum',
            params: { allowedValues: AUDIT_LOG_EVENT_TYPES },
          },
        ],
        '',
        '#/$defs/AuditLogEventType',
      );
    }
    for (const key in log) {
      const validate = DETAILS_VALIDATORS.get(key);
      if (validate === undefined) continue;
      const details = log[key];
      if (details !== undefined && !validate(details)) {
        if (!collect) return INVALID;
        const { pointer, definition } = infoOf(key);
        errors = appendErrors(errors, validate.errors!, pointer, definition);
      }
    }
  } catch (error) {
    if (!collect) return INVALID;
    errors = appendErrors(errors, [unreadable(error)], '', '#');
  }
  return errors;
}

/** Every error of one audit log by the package's contract, or `null` when it is valid. */
export function collectErrors(value: unknown, acceptUnknownTypes: boolean): ValidatorErrorObject[] | null {
  return check(value, acceptUnknownTypes, true);
}

/** The same verdict as `collectErrors(value, acceptUnknownTypes) === null`, stopping at the first failure. */
export function isValidAuditLog(value: unknown, acceptUnknownTypes: boolean): boolean {
  return check(value, acceptUnknownTypes, false) === null;
}

export function unreadable(error: unknown): ValidatorErrorObject {
  let reason: string;
  try {
    reason = error instanceof Error ? String(error.message) : String(error);
  } catch {
    // What was thrown cannot be turned into text either (a null-prototype object, a throwing `message`).
    reason = 'the value threw something that cannot be shown';
  }
  return { instancePath: '', schemaPath: '#', keyword: 'readable', params: { reason } };
}

/**
 * Validates one audit log, AJV-style: returns whether `value` is a valid `AuditLog` and leaves
 * the errors (AJV error objects with `message`) on `validateAuditLog.errors`, `null` when valid.
 *
 * Checks the envelope once, looks `type` up in the catalog, and checks every catalog details
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
  return isValidAuditLog(value, false);
}

/**
 * Narrows an already-typed audit log by its `type`, without validating anything:
 * `if (hasEventType(log, 'api_key.created')) log['api_key.created']?.data`.
 */
export function hasEventType<T extends AuditLogEventType>(log: { type: string }, type: T): log is AuditLogOf<T> {
  return log.type === type;
}

import { DETAILS_VALIDATORS } from '../generated/details-validators.js';
import type { EnvelopeFields } from '../generated/envelope-fields.js';
import { AUDIT_LOG_EVENT_TYPES } from '../generated/event-types.js';
import type { AuditLog, AuditLogEventType, AuditLogOf } from '../generated/types.js';
import { validateEnvelope } from '../generated/validators/envelope.js';
import { appendErrors, detailsRooting, messageOf, rootingOf, type Rooting } from './error-rooting.js';
import {
  ENVELOPE_DEFINITION,
  EVENT_TYPE_DEFINITION,
  unreadableError,
  type CompiledValidator,
  type ValidatorErrorObject,
} from './internal.js';

const KNOWN_EVENT_TYPES: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(AUDIT_LOG_EVENT_TYPES);

/**
 * Details key -> its compiled validator, in a null-prototype object: only own entries match a
 * key of the log, and on V8 a keyed load from it is cheaper than `Map.prototype.get`.
 */
const DETAILS: Readonly<Record<string, CompiledValidator | undefined>> = /* @__PURE__ */ (() => {
  const table = Object.create(null) as Record<string, CompiledValidator | undefined>;
  for (const [key, validate] of DETAILS_VALIDATORS) table[key] = validate;
  return table;
})();

/** Whether `value` is one of the event types of the catalog (`AUDIT_LOG_EVENT_TYPES`). */
export function isAuditLogEventType(value: unknown): value is AuditLogEventType {
  return typeof value === 'string' && KNOWN_EVENT_TYPES.has(value);
}

/**
 * Passed to a compiled validator whose verdict alone matters: it stops at its first error (see
 * `maxErrors` in `CompiledValidator`); without it, each call would also allocate the `{}` its
 * destructuring parameter defaults to.
 */
const VERDICT = { instancePath: '', maxErrors: 1 };

/** How many errors a call collects unless told otherwise (`maxErrors`); the rest are summed up in one more. */
export const DEFAULT_MAX_ERRORS = 100;

/**
 * The fields of a log that the entry points need after validating it, read in the same pass, so
 * that no entry point reads the log a second time (a getter may answer once and then throw).
 */
export interface EnvelopeRead {
  type: unknown;
  id: unknown;
  effectiveAt: unknown;
}

/** The error that stands for the errors past `maxErrors`: there were more, not listed. */
export function moreErrorsError(limit: number): ValidatorErrorObject {
  const error: ValidatorErrorObject = { instancePath: '', schemaPath: '#', keyword: 'maxErrors', params: { limit } };
  error.message = messageOf(error);
  return error;
}

/** `errors` cut to `limit`, with one error saying that more were found, when there are more. */
function capped(errors: ValidatorErrorObject[] | null, limit: number): ValidatorErrorObject[] | null {
  if (errors === null || errors.length <= limit) return errors;
  errors.length = limit;
  errors.push(moreErrorsError(limit));
  return errors;
}

const ENVELOPE: Rooting = /* @__PURE__ */ rootingOf('', ENVELOPE_DEFINITION);

function unknownTypeError(): ValidatorErrorObject {
  const error: ValidatorErrorObject = {
    instancePath: '/type',
    schemaPath: `${EVENT_TYPE_DEFINITION}/enum`,
    keyword: 'enum',
    params: { allowedValues: AUDIT_LOG_EVENT_TYPES },
  };
  error.message = messageOf(error);
  return error;
}

/*
 * The fast paths below read a log in one pass over its keys. Logs come in as many object shapes
 * as there are event types and optional fields, so every named read of a log (`log.id`) is a
 * megamorphic load, and with a catalog of well over a hundred types those loads dominated the cost of a check. A `for...in`
 * pass reads each value through the key enumeration instead (`log[key]`); it picks out the
 * envelope's fields and validates each catalog details key on the way. The compiled envelope
 * validator then runs on `envelope`, a small object of always the same shape. A field the pass
 * does not see (absent, not enumerable, inherited) is read by name, as the compiled validator
 * would read it.
 *
 * `envelope` must hold every field the compiled envelope validator reads, the properties of
 * `#/$defs/AuditLogEnvelope`: its type, `EnvelopeFields`, is generated from that list, so a new
 * envelope field fails the typecheck here until the pass reads it; and test/src/fast-path.test.ts
 * finds them by letting the validator read a Proxy, and fails if one is missing. A field without its `case` would only be slower.
 * No details key can be an envelope field: event types have a dot.
 *
 * `isValidAuditLog` and `collectErrors` each write the pass out: one stops at the first failing details object,
 * the other gathers every error, and neither should pay on the hot path for a callback or a flag
 * that only the other needs.
 */

/**
 * The verdict behind `isAuditLog`: the envelope, `type` in the catalog, and every catalog
 * details key present (not only the one named by `type`), stopping at the first failure.
 * Never throws: whatever reading the value throws (a getter, a Proxy trap) makes it invalid.
 */
export function isValidAuditLog(value: unknown, acceptUnknownTypes: boolean): boolean {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const log = value as Record<string, unknown>;
    let id, object, type, effectiveAt, project, actor;
    let seen = 0;
    for (const key in log) {
      switch (key) {
        case 'id':
          id = log[key];
          seen |= 1;
          break;
        case 'object':
          object = log[key];
          seen |= 2;
          break;
        case 'type':
          type = log[key];
          seen |= 4;
          break;
        case 'effective_at':
          effectiveAt = log[key];
          seen |= 8;
          break;
        case 'project':
          project = log[key];
          seen |= 16;
          break;
        case 'actor':
          actor = log[key];
          seen |= 32;
          break;
        default: {
          const validate = DETAILS[key];
          if (validate === undefined) break;
          const details = log[key];
          if (details !== undefined && !validate(details, VERDICT)) return false;
        }
      }
    }
    const envelope: EnvelopeFields = {
      id: seen & 1 ? id : log.id,
      object: seen & 2 ? object : log.object,
      type: seen & 4 ? type : log.type,
      effective_at: seen & 8 ? effectiveAt : log.effective_at,
      project: seen & 16 ? project : log.project,
      actor: seen & 32 ? actor : log.actor,
    };
    // The envelope holds `type` to be a string.
    return (
      validateEnvelope(envelope, VERDICT) && (acceptUnknownTypes || KNOWN_EVENT_TYPES.has(envelope.type as string))
    );
  } catch {
    return false;
  }
}

/**
 * The same checks as `isValidAuditLog`, collecting the errors (or returning `null` when valid): the
 * envelope's first, then an unknown `type`, then each details object's, in key order. At most
 * `maxErrors` are kept, and one more says that there were more; the compiled validators stop
 * gathering past that budget, so a payload of millions of wrong items costs no more than a few.
 * The envelope fields the caller needs next are left in `read`, so nobody reads the log again.
 * Whatever reading the value throws makes `collectInOrder` start over; see there.
 */
export function collectErrors(
  value: unknown,
  acceptUnknownTypes: boolean,
  maxErrors = DEFAULT_MAX_ERRORS,
  read?: EnvelopeRead,
): ValidatorErrorObject[] | null {
  // One error past the cap tells that there are more.
  const budget = maxErrors + 1;
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return capped(collectInOrder(value, acceptUnknownTypes, budget), maxErrors);
    const log = value as Record<string, unknown>;
    let id, object, type, effectiveAt, project, actor;
    let seen = 0;
    let details: ValidatorErrorObject[] | null = null;
    for (const key in log) {
      switch (key) {
        case 'id':
          id = log[key];
          seen |= 1;
          break;
        case 'object':
          object = log[key];
          seen |= 2;
          break;
        case 'type':
          type = log[key];
          seen |= 4;
          break;
        case 'effective_at':
          effectiveAt = log[key];
          seen |= 8;
          break;
        case 'project':
          project = log[key];
          seen |= 16;
          break;
        case 'actor':
          actor = log[key];
          seen |= 32;
          break;
        default: {
          const validate = DETAILS[key];
          if (validate === undefined) break;
          const value = log[key];
          const left = budget - (details?.length ?? 0);
          if (value !== undefined && left > 0 && !validate(value, { instancePath: '', maxErrors: left })) {
            details = appendErrors(details, validate.errors!, detailsRooting(key));
          }
        }
      }
    }
    const envelope: EnvelopeFields = {
      id: seen & 1 ? id : log.id,
      object: seen & 2 ? object : log.object,
      type: seen & 4 ? type : log.type,
      effective_at: seen & 8 ? effectiveAt : log.effective_at,
      project: seen & 16 ? project : log.project,
      actor: seen & 32 ? actor : log.actor,
    };
    if (read !== undefined) {
      read.type = envelope.type;
      read.id = envelope.id;
      read.effectiveAt = envelope.effective_at;
    }
    return capped(withEnvelopeErrors(envelope, acceptUnknownTypes, budget, details), maxErrors);
  } catch {
    // What was read before the throw is not trusted for the caller: it reads nothing more.
    if (read !== undefined) read.type = read.id = read.effectiveAt = undefined;
    return capped(collectInOrder(value, acceptUnknownTypes, budget), maxErrors);
  }
}

/** The envelope's errors and an unknown type's, then the details' (`details`, gathered before), in one list. */
function withEnvelopeErrors(
  envelope: EnvelopeFields,
  acceptUnknownTypes: boolean,
  budget: number,
  details: ValidatorErrorObject[] | null,
): ValidatorErrorObject[] | null {
  let errors: ValidatorErrorObject[] | null = null;
  if (!validateEnvelope(envelope, { instancePath: '', maxErrors: budget }))
    errors = appendErrors(errors, validateEnvelope.errors!, ENVELOPE);
  const declared = envelope.type;
  if (typeof declared === 'string' && !acceptUnknownTypes && !KNOWN_EVENT_TYPES.has(declared))
    (errors ??= []).push(unknownTypeError());
  if (details === null) return errors;
  if (errors === null) return details;
  for (let i = 0; i < details.length; i++) errors.push(details[i]!);
  return errors;
}

/**
 * `collectErrors` without the single pass, for values whose reading throws and for non-objects: the
 * envelope read by name, `type`, then the details keys, so that a `readable` error (whatever
 * reading threw) comes after exactly the errors found before it. At most `budget` errors.
 */
function collectInOrder(value: unknown, acceptUnknownTypes: boolean, budget: number): ValidatorErrorObject[] | null {
  let errors: ValidatorErrorObject[] | null = null;
  try {
    if (!validateEnvelope(value, { instancePath: '', maxErrors: budget })) {
      errors = appendErrors(errors, validateEnvelope.errors!, ENVELOPE);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return errors;
    }
    const log = value as Record<string, unknown>;
    const type = log.type;
    if (typeof type === 'string' && !acceptUnknownTypes && !KNOWN_EVENT_TYPES.has(type))
      (errors ??= []).push(unknownTypeError());
    for (const key in log) {
      const validate = DETAILS[key];
      if (validate === undefined) continue;
      const left = budget - (errors?.length ?? 0);
      if (left <= 0) break;
      const details = log[key];
      if (details !== undefined && !validate(details, { instancePath: '', maxErrors: left })) {
        errors = appendErrors(errors, validate.errors!, detailsRooting(key));
      }
    }
  } catch (error) {
    const problem = unreadableError(error);
    problem.message = messageOf(problem);
    (errors ??= []).push(problem);
  }
  return errors;
}

/**
 * Validates one audit log, AJV-style: returns whether `value` is a valid `AuditLog` and leaves
 * the errors (AJV error objects with `message`) on `validateAuditLog.errors`, `null` when valid.
 *
 * Checks the envelope once, looks `type` up in the catalog, and checks every catalog details
 * key present. Undocumented fields are accepted; the value is never modified. Never throws. At
 * most 100 errors are listed (`DEFAULT_MAX_ERRORS`); a last one, keyword `maxErrors`, says there were more.
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

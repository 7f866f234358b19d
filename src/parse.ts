import type { AuditLog, AuditLogDetailsMap, AuditLogEnvelope } from '../generated/types.js';
import { AuditLogValidationError, toValidationErrors, type ValidationError } from './errors.js';
import { collectErrors, isAuditLogEventType, isValidAuditLog } from './validate.js';

declare const unknownEventTypeBrand: unique symbol;

/**
 * An event type outside the catalog. Branded, so that `AuditLog['type'] | UnknownEventType`
 * keeps its literal members and `switch (log.type)` still narrows.
 */
export type UnknownEventType = string & { readonly [unknownEventTypeBrand]: true };

/**
 * An audit log whose `type` this package does not know (newer than its catalog). The envelope
 * and every catalog details key it carries were validated like any other log.
 */
export interface UnknownAuditLog extends Omit<AuditLogEnvelope, 'type'>, Partial<AuditLogDetailsMap> {
  /** An event type outside the catalog. */
  type: UnknownEventType;
}

/** A known audit log or one of an unknown type: what `parseAuditLog(value, { unknownEventTypes: 'accept' })` returns. */
export type AnyAuditLog = AuditLog | UnknownAuditLog;

export interface ParseOptions {
  /**
   * What to do with a `type` outside the catalog: `'reject'` (default) makes it an error;
   * `'accept'` accepts the log if everything else is valid and returns it with `known: false`.
   */
  unknownEventTypes?: 'accept' | 'reject';
}

/**
 * The outcome of `parseAuditLog`: the log, or every error. `known: false` (an `UnknownAuditLog`)
 * is possible only when unknown event types are accepted (`ParseResult<AnyAuditLog>`).
 */
export type ParseResult<T extends AnyAuditLog = AuditLog> =
  | { success: true; data: AuditLog; known: true }
  | (UnknownAuditLog extends T ? { success: true; data: UnknownAuditLog; known: false } : never)
  | { success: false; errors: ValidationError[] };

/**
 * Validates `value` and returns either `{ success: true, data, known }` or
 * `{ success: false, errors }` with every error, never throwing.
 * With `{ unknownEventTypes: 'accept' }`, a log of a type outside the catalog is accepted
 * (`known: false`, `data: UnknownAuditLog`) when everything else about it is valid.
 */
export function parseAuditLog(value: unknown, options?: { unknownEventTypes?: 'reject' }): ParseResult<AuditLog>;
export function parseAuditLog(value: unknown, options: { unknownEventTypes: 'accept' }): ParseResult<AnyAuditLog>;
export function parseAuditLog(value: unknown, options?: ParseOptions): ParseResult<AnyAuditLog>;
export function parseAuditLog(value: unknown, options?: ParseOptions): ParseResult<AnyAuditLog> {
  const raw = collectErrors(value, options?.unknownEventTypes === 'accept');
  if (raw !== null) return { success: false, errors: toValidationErrors(raw, value) };
  return isAuditLogEventType((value as AuditLog).type)
    ? { success: true, data: value as AuditLog, known: true }
    : { success: true, data: value as UnknownAuditLog, known: false };
}

/** Throws an `AuditLogValidationError` listing every problem unless `value` is a valid `AuditLog`. */
export function assertAuditLog(value: unknown): asserts value is AuditLog {
  const raw = collectErrors(value, false);
  if (raw !== null) throw new AuditLogValidationError(toValidationErrors(raw, value));
}

/**
 * Full validation that accepts event types outside the catalog: whether `value` is a valid
 * audit log of a known type, or of an unknown type with a valid envelope and details.
 */
export function isAnyAuditLog(value: unknown): value is AnyAuditLog {
  return isValidAuditLog(value, true);
}

/** Narrows an already-validated log to the known union (its `type` is in the catalog); validates nothing else. */
export function isKnownAuditLog(log: AnyAuditLog): log is AuditLog {
  return isAuditLogEventType(log.type);
}

import type { AuditLog, AuditLogDetailsMap, AuditLogDetailsOf, AuditLogEnvelope } from '../generated/types.js';
import { AuditLogValidationError, toValidationErrors, UNKNOWN_TYPE_HINT, type ValidationError } from './errors.js';
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
  /** Its own details, under the key equal to its type, and anything else: `log[log.type]` is `unknown`. */
  [field: string]: unknown;
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

/** Something valid that is probably a mistake all the same, such as a timestamp in milliseconds. */
export interface ValidationWarning {
  /** JSON Pointer (RFC 6901) of the value. */
  path: string;
  /** The same place, readable: `effective_at`. */
  location: string;
  /** What looks wrong: `looks like milliseconds (1722461446000); effective_at counts seconds`. */
  message: string;
  /** The `type` the audit log declared, when it declared a string. */
  eventType?: string;
  /** The `id` of the audit log, when it has a string one. */
  id?: string;
}

/**
 * The outcome of `parseAuditLog`: the log and any warnings, or every error. `known: false` (an
 * `UnknownAuditLog`) is possible only when unknown event types are accepted (`ParseResult<AnyAuditLog>`).
 */
export type ParseResult<T extends AnyAuditLog = AuditLog> =
  | { success: true; data: AuditLog; known: true; warnings: readonly ValidationWarning[] }
  | (UnknownAuditLog extends T
      ? { success: true; data: UnknownAuditLog; known: false; warnings: readonly ValidationWarning[] }
      : never)
  | { success: false; errors: ValidationError[] };

/** Above this, an `effective_at` is far in the future as seconds (year 5138) and plausible as milliseconds. */
export const MILLISECONDS_THRESHOLD = 1e11;
const NO_WARNINGS: readonly ValidationWarning[] = Object.freeze([]);

/** The warnings of a valid log: today, an `effective_at` that looks like milliseconds. */
export function warningsOf(log: AnyAuditLog): readonly ValidationWarning[] {
  if (!(log.effective_at > MILLISECONDS_THRESHOLD)) return NO_WARNINGS;
  const warning: ValidationWarning = {
    path: '/effective_at',
    location: 'effective_at',
    message: `looks like milliseconds (${log.effective_at}); effective_at counts seconds since the Unix epoch`,
    eventType: log.type,
  };
  if (typeof log.id === 'string') warning.id = log.id;
  return [warning];
}

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
  return parseWithHint(value, options, UNKNOWN_TYPE_HINT);
}

/** `parseAuditLog`, with the hint an unknown type's error gives (the command line names its flag). */
export function parseWithHint(
  value: unknown,
  options: ParseOptions | undefined,
  unknownTypeHint: string,
): ParseResult<AnyAuditLog> {
  const raw = collectErrors(value, options?.unknownEventTypes === 'accept');
  if (raw !== null) return { success: false, errors: toValidationErrors(raw, value, unknownTypeHint) };
  const log = value as AnyAuditLog;
  return isAuditLogEventType(log.type)
    ? { success: true, data: log as AuditLog, known: true, warnings: warningsOf(log) }
    : { success: true, data: log as UnknownAuditLog, known: false, warnings: warningsOf(log) };
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

/** The details object of `log`, typed by its `type`: `detailsOf(log)` instead of `log[log.type]`. */
export type DetailsOf<L extends AnyAuditLog> = L extends AuditLog ? AuditLogDetailsOf<L['type']> | undefined : unknown;

/**
 * The details object of a log, under the key equal to its type, typed by that type: after
 * `if (log.type === 'api_key.created')`, `detailsOf(log)` is `ApiKeyCreatedDetails | undefined`;
 * for an event type without details it is `undefined`, for an `UnknownAuditLog` `unknown`.
 * Reads the log, validates nothing.
 */
export function detailsOf<L extends AnyAuditLog>(log: L): DetailsOf<L> {
  return (log as Record<string, unknown>)[log.type] as DetailsOf<L>;
}

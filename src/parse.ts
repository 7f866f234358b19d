import type { AuditLog, AuditLogDetailsMap, AuditLogDetailsOf, AuditLogEnvelope } from '../generated/types.js';
import { AuditLogValidationError, toValidationErrors, UNKNOWN_TYPE_HINT, type ValidationError } from './errors.js';
import { collectErrors, isAuditLogEventType, isValidAuditLog, type EnvelopeRead } from './validate.js';

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
  /**
   * How many errors to list at most (default 100, `DEFAULT_MAX_ERRORS`); past it, one last error
   * (keyword `maxErrors`) says there were more. Collection stops there, so a payload with
   * millions of wrong items costs no more than one with a hundred.
   */
  maxErrors?: number;
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
  return warningsFrom({ type: log.type, id: log.id, effectiveAt: log.effective_at });
}

/** `warningsOf`, from the fields the validation read (the log is not read again). */
export function warningsFrom({ type, id, effectiveAt }: EnvelopeRead): readonly ValidationWarning[] {
  if (!((effectiveAt as number) > MILLISECONDS_THRESHOLD)) return NO_WARNINGS;
  const warning: ValidationWarning = {
    path: '/effective_at',
    location: 'effective_at',
    message: `looks like milliseconds (${String(effectiveAt)}); effective_at counts seconds since the Unix epoch`,
    eventType: type as string,
  };
  if (typeof id === 'string') warning.id = id;
  return [warning];
}

/** A usable error cap: a whole number of at least 1 (anything else is the default). */
export const maxErrorsOf = (options: ParseOptions | undefined): number | undefined => {
  const limit = options?.maxErrors;
  return typeof limit === 'number' && limit >= 1 ? Math.floor(limit) : undefined;
};

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
  const read: EnvelopeRead = { type: undefined, id: undefined, effectiveAt: undefined };
  const raw = collectErrors(value, options?.unknownEventTypes === 'accept', maxErrorsOf(options), read);
  if (raw !== null) return { success: false, errors: toValidationErrors(raw, value, unknownTypeHint, read) };
  // Valid: `read` holds what was read, and the value is not read again.
  const warnings = warningsFrom(read);
  return isAuditLogEventType(read.type)
    ? { success: true, data: value as AuditLog, known: true, warnings }
    : { success: true, data: value as UnknownAuditLog, known: false, warnings };
}

/**
 * Throws an `AuditLogValidationError` listing the problems (at most `maxErrors`, default 100)
 * unless `value` is a valid `AuditLog`. It throws nothing else, whatever `value` is.
 */
export function assertAuditLog(value: unknown, options?: Pick<ParseOptions, 'maxErrors'>): asserts value is AuditLog {
  const read: EnvelopeRead = { type: undefined, id: undefined, effectiveAt: undefined };
  const raw = collectErrors(value, false, maxErrorsOf(options), read);
  if (raw !== null) throw new AuditLogValidationError(toValidationErrors(raw, value, undefined, read));
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

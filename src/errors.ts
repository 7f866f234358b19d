import { AUDIT_LOG_EVENT_TYPES } from '../generated/event-types.js';
import {
  ajvMessage,
  errorPointer,
  locate,
  readableErrors,
  type ValidationError,
  type ValidatorErrorObject,
} from './internal.js';

export { ajvMessage, type ValidationError };

/** Thrown by `assertAuditLog`: an `Error` whose message lists every problem, carrying them as `errors`. */
export class AuditLogValidationError extends Error {
  readonly errors: readonly ValidationError[];
  constructor(errors: readonly ValidationError[]) {
    super(formatValidationErrors(errors));
    this.name = 'AuditLogValidationError';
    this.errors = errors;
  }
}

/** A readable error, or one as AJV reports it (what `validateAuditLog.errors` holds): the formatter takes both. */
export type AnyValidationError = ValidationError | ValidatorErrorObject;

/** Where and what, for either kind of error. */
function lineOf(error: AnyValidationError): { location: string; message: string } {
  if ('location' in error) return { location: error.location, message: error.message };
  return {
    // An AJV error alone carries no value: a number in its path is taken as an index.
    location: locate(undefined, errorPointer(error), false).location,
    message: error.message ?? ajvMessage(error),
  };
}

const identityOf = (error: AnyValidationError) =>
  'location' in error ? { eventType: error.eventType, id: error.id } : { eventType: undefined, id: undefined };

/**
 * Renders errors for people, one per line: readable errors (`parseAuditLog`,
 * `parseListAuditLogsResponse`, `AuditLogValidationError`) and AJV-style ones (`validateAuditLog.errors`)
 * alike. Errors of one audit log are led by its type and id:
 *
 *     invalid "api_key.created" audit log "audit_log-1":
 *       effective_at: must be integer, got string "1722461446"
 *
 * Errors of several logs (a page) name the log on each line.
 */
export function formatValidationErrors(errors: readonly AnyValidationError[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'no validation errors';
  const identities = errors.map(identityOf);
  const [first] = identities;
  const one = identities.every((identity) => identity.eventType === first!.eventType && identity.id === first!.id);
  if (one) {
    const type = first!.eventType === undefined ? '' : ` ${JSON.stringify(first!.eventType)}`;
    const id = first!.id === undefined ? '' : ` ${JSON.stringify(first!.id)}`;
    return [
      `invalid${type} audit log${id}:`,
      ...errors.map((error) => {
        const { location, message } = lineOf(error);
        return `  ${location}: ${message}`;
      }),
    ].join('\n');
  }
  return [
    `${errors.length} validation errors:`,
    ...errors.map((error, index) => {
      const { location, message } = lineOf(error);
      const { eventType, id } = identities[index]!;
      const names = [
        id === undefined ? '' : `audit log ${JSON.stringify(id)}`,
        eventType === undefined ? '' : `type ${JSON.stringify(eventType)}`,
      ].filter(Boolean);
      return `  ${location}: ${message}${names.length > 0 ? ` (${names.join(', ')})` : ''}`;
    }),
  ].join('\n');
}

/**
 * Edit distance between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`: the
 * suggestion search compares every known type, so hopeless candidates are dropped early.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = new Uint16Array(b.length + 1).map((_, j) => j);
  let current = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (current[j]! < rowMinimum) rowMinimum = current[j]!;
    }
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Suggestions already worked out: a stream repeats the same few unknown types many times. */
const suggestionCache = new Map<string, readonly string[]>();
const SUGGESTION_CACHE_LIMIT = 1000;

/** Known event types close to `type` (edit distance at most a third of its length), closest first. */
function suggestEventTypes(type: string): string[] {
  // Hostile input can be megabytes long; no known type is that close to it.
  if (type.length > 200) return [];
  let suggestions = suggestionCache.get(type);
  if (suggestions === undefined) {
    const limit = Math.max(2, Math.floor(type.length / 3));
    suggestions = AUDIT_LOG_EVENT_TYPES.map((known) => ({ known, distance: editDistance(type, known, limit) }))
      .filter(({ distance }) => distance <= limit)
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 3)
      .map(({ known }) => known);
    if (suggestionCache.size >= SUGGESTION_CACHE_LIMIT) suggestionCache.clear();
    suggestionCache.set(type, suggestions);
  }
  return [...suggestions];
}

/** What an unknown event type's error suggests when no known type is close (the CLI names its flag instead). */
export const UNKNOWN_TYPE_HINT = 'if it is newer than this package, parse with { unknownEventTypes: "accept" }';

/**
 * Turns the compiled validators' errors into `ValidationError`s (see `readableErrors`); an event
 * type outside the catalog gets the nearest known types, or `unknownTypeHint` when none is close.
 */
export function toValidationErrors(
  raw: readonly ValidatorErrorObject[],
  root: unknown,
  unknownTypeHint = UNKNOWN_TYPE_HINT,
): ValidationError[] {
  return readableErrors(raw, root, (found) => {
    const suggestions = suggestEventTypes(String(found));
    return suggestions.length > 0
      ? { note: `did you mean ${suggestions.map((s) => JSON.stringify(s)).join(' or ')}?`, suggestions }
      : { note: unknownTypeHint, suggestions };
  });
}

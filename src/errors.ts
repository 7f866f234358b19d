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

/**
 * The mark every `AuditLogValidationError` carries, registered so that the ES module and the
 * CommonJS copy of the package (both loaded in one process: an ESM app with a CommonJS
 * dependency) share it.
 */
const VALIDATION_ERROR = Symbol.for('openai-audit-logs.AuditLogValidationError');

/**
 * Thrown by `assertAuditLog`: an `Error` whose message lists every problem, carrying them as `errors`.
 * `instanceof AuditLogValidationError` holds for an error thrown by either copy of the package
 * (ES module or CommonJS), whichever class it is compared with.
 */
export class AuditLogValidationError extends Error {
  readonly errors: readonly ValidationError[];
  constructor(errors: readonly ValidationError[]) {
    super(formatValidationErrors(errors));
    this.name = 'AuditLogValidationError';
    this.errors = errors;
    // Not enumerable: the error's fields stay as they were. Defined here rather than as a getter
    // keyed by the symbol, which would keep the class in every bundle, whether used or not.
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }

  /** Either copy's errors for this class; a subclass keeps the ordinary prototype check. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AuditLogValidationError) return Function.prototype[Symbol.hasInstance].call(this, value);
    try {
      return (
        typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[VALIDATION_ERROR] === true
      );
    } catch {
      return false; // a Proxy whose trap throws is not one of ours
    }
  }
}

/** A readable error, or one as AJV reports it (what `validateAuditLog.errors` holds): the formatter takes both. */
export type AnyValidationError = ValidationError | ValidatorErrorObject;

/** The longest id, type or message shown of one error: a hostile log can carry megabytes in each. */
const SHOWN_CHARACTERS = 200;

/** A string for a message: JSON-quoted, and cut to a bounded excerpt first (never copied whole). */
const quoted = (text: string) =>
  JSON.stringify(text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}...` : text);
/** A message or location as it is shown: a bounded excerpt. */
const excerpt = (text: unknown) => {
  const shown = typeof text === 'string' ? text : String(text);
  return shown.length > SHOWN_CHARACTERS * 5 ? `${shown.slice(0, SHOWN_CHARACTERS * 5)}...` : shown;
};

/** Where and what, for either kind of error; never throws (the errors may have been made by hand). */
function lineOf(error: AnyValidationError): { location: string; message: string } {
  try {
    if ('location' in error) return { location: excerpt(error.location), message: excerpt(error.message) };
    return {
      // An AJV error alone carries no value: a number in its path is taken as an index.
      location: excerpt(locate(undefined, errorPointer(error), false).location),
      message: excerpt(error.message ?? ajvMessage(error)),
    };
  } catch {
    return { location: '(unknown)', message: 'an error that cannot be shown' };
  }
}

/** The log an error is about, when it says (only readable errors do); never throws. */
function identityOf(error: AnyValidationError): { eventType: string | undefined; id: string | undefined } {
  try {
    if (typeof error !== 'object' || error === null || !('location' in error))
      return { eventType: undefined, id: undefined };
    const { eventType, id } = error;
    return {
      eventType: typeof eventType === 'string' ? eventType : undefined,
      id: typeof id === 'string' ? id : undefined,
    };
  } catch {
    return { eventType: undefined, id: undefined };
  }
}

/**
 * Renders errors for people, one per line: readable errors (`parseAuditLog`,
 * `parseListAuditLogsResponse`, `AuditLogValidationError`) and AJV-style ones (`validateAuditLog.errors`)
 * alike. Errors of one audit log are led by its type and id:
 *
 *     invalid "api_key.created" audit log "audit_log-1":
 *       effective_at: must be integer, got string "1722461446"
 *
 * Errors of several logs (a page) name the log on each line. Ids, types and messages are shown
 * as bounded excerpts. Never throws, whatever it is given.
 */
export function formatValidationErrors(errors: readonly AnyValidationError[] | null | undefined): string {
  try {
    return Array.isArray(errors) && errors.length > 0 ? formatList(errors) : 'no validation errors';
  } catch {
    // A list that throws when read (a Proxy, a getter): nothing of it can be shown.
    return 'validation errors that cannot be shown';
  }
}

/** The most errors shown one per line; the rest are counted on one more line. */
const SHOWN_ERRORS = 1000;

function formatList(all: readonly AnyValidationError[]): string {
  // Each error read once, holes as undefined: a sparse list of length 2**32-1 costs its first lines only.
  const list = Array.from({ length: Math.min(all.length, SHOWN_ERRORS) }, (_, index) => all[index]!);
  const more = all.length > list.length ? [`  ... and ${all.length - list.length} more`] : [];
  const identities = list.map(identityOf);
  const [first] = identities;
  const one = identities.every((identity) => identity.eventType === first!.eventType && identity.id === first!.id);
  if (one) {
    const type = first!.eventType === undefined ? '' : ` ${quoted(first!.eventType)}`;
    const id = first!.id === undefined ? '' : ` ${quoted(first!.id)}`;
    return [
      `invalid${type} audit log${id}:`,
      ...list.map((error) => {
        const { location, message } = lineOf(error);
        return `  ${location}: ${message}`;
      }),
      ...more,
    ].join('\n');
  }
  return [
    `${all.length} validation errors:`,
    ...list.map((error, index) => {
      const { location, message } = lineOf(error);
      const { eventType, id } = identities[index]!;
      const names = [
        id === undefined ? '' : `audit log ${quoted(id)}`,
        eventType === undefined ? '' : `type ${quoted(eventType)}`,
      ].filter(Boolean);
      return `  ${location}: ${message}${names.length > 0 ? ` (${names.join(', ')})` : ''}`;
    }),
    ...more,
  ].join('\n');
}

/** Rows of the edit-distance table, reused: suggestions are worked out one at a time. */
let previousRow = new Uint16Array(64);
let currentRow = new Uint16Array(64);

/**
 * Edit distance between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`: the
 * suggestion search compares every known type, so hopeless candidates are dropped early.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Uint16Array(b.length + 1);
    currentRow = new Uint16Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
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

/** Characters are counted in this many bins (ASCII, and one for the rest). */
const BINS = 128;

/** How often each character occurs in `text`, by bin. */
function histogramOf(text: string): Int16Array {
  const bins = new Int16Array(BINS);
  for (let i = 0; i < text.length; i++) bins[Math.min(text.charCodeAt(i), BINS - 1)]!++;
  return bins;
}

/** A known type's characters as `[bin, count, bin, count, ...]`: only the bins it uses. */
const countsOf = (text: string): number[] =>
  [...histogramOf(text)].flatMap((count, bin) => (count === 0 ? [] : [bin, count]));

/** The known types' character counts, made on the first suggestion. */
let knownCounts: number[][] | undefined;

/**
 * A lower bound of the edit distance, from the characters alone: one edit changes the count of at
 * most two characters by one each. It rules most known types out in a few steps (one per
 * distinct character of the known type), before the table is computed, so a suggestion costs a
 * few microseconds even in a stream of distinct unknown types.
 */
function characterDistance(histogram: Int16Array, length: number, known: number[]): number {
  // Sum over all bins of |a - b|: the type's own length, corrected on the bins the known type uses.
  let difference = length;
  for (let i = 0; i < known.length; i += 2) {
    const have = histogram[known[i]!]!;
    difference += Math.abs(have - known[i + 1]!) - have;
  }
  return Math.ceil(difference / 2);
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
    const counts = (knownCounts ??= AUDIT_LOG_EVENT_TYPES.map(countsOf));
    const histogram = histogramOf(type);
    const close: { known: string; distance: number }[] = [];
    AUDIT_LOG_EVENT_TYPES.forEach((known, index) => {
      if (Math.abs(known.length - type.length) > limit) return;
      if (characterDistance(histogram, type.length, counts[index]!) > limit) return;
      const distance = editDistance(type, known, limit);
      if (distance <= limit) close.push({ known, distance });
    });
    suggestions = close
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
  identity?: { type: unknown; id: unknown },
): ValidationError[] {
  return readableErrors(
    raw,
    root,
    (found) => {
      const suggestions = typeof found === 'string' ? suggestEventTypes(found) : [];
      return suggestions.length > 0
        ? { note: `did you mean ${suggestions.map((s) => JSON.stringify(s)).join(' or ')}?`, suggestions }
        : { note: unknownTypeHint, suggestions };
    },
    identity,
  );
}

import { AUDIT_LOG_EVENT_TYPES } from '../generated/event-types.js';
import { escapePointerToken, unescapePointerToken, type ValidatorErrorObject } from './internal.js';

/** One reason a value is not a valid audit log, written for people and for programs. */
export interface ValidationError {
  /** JSON Pointer (RFC 6901) of the offending value; `''` is the root. For a missing property, the pointer it would have. */
  path: string;
  /** The same place, readable: `api_key.created.data.scopes[1]`; `(root)` for the root. */
  location: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `enum`, `const`, ...; `readable` when reading the value threw). */
  keyword: string;
  /** What was expected and what was found: `must be integer, got string "1722461446"`. */
  message: string;
  /** What the schema asks for, e.g. `integer`, `object or null`. */
  expected: string;
  /** What the payload holds there, e.g. `string "1722461446"`, `nothing`. */
  found: string;
  /** The `type` the audit log declared, when it declared a string. */
  eventType?: string;
  /** The `id` of the audit log, when it has a string one (in a page: of the log the error is in). */
  id?: string;
  /** Where the rule lives in the canonical schema, e.g. `#/$defs/AuditLogEnvelope/properties/effective_at/type`. */
  schemaPath: string;
  /** For an unknown event type: the nearest known types, closest first. */
  suggestions?: string[];
}

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

/** Stands for "no value to read": the formatter places an AJV error by its pointer alone. */
const NO_VALUE = Symbol('no value');

/** Where and what, for either kind of error. */
function lineOf(error: AnyValidationError): { location: string; message: string } {
  if ('location' in error) return { location: error.location, message: error.message };
  const missing = error.keyword === 'required' ? `/${escapePointerToken(String(error.params.missingProperty))}` : '';
  return {
    location: locate(NO_VALUE, `${error.instancePath}${missing}`).location,
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

/** Describes a value briefly: `string "abc"`, `number 1.5`, `array of 3`, `object`, `nothing`. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length}`;
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      return `string ${JSON.stringify(shown)}`;
    }
    case 'number':
      return `number ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'boolean':
      return `boolean ${String(value)}`;
    case 'object':
      return 'object';
    default:
      return typeof value;
  }
}

/** Follows a JSON Pointer into `root`, returning the value there and the readable location. */
function locate(root: unknown, pointer: string): { value: unknown; location: string } {
  let value: unknown = root;
  let location = '';
  for (const token of pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerToken)) {
    // Without the value at hand (an AJV error alone), a number in the path is taken as an index.
    const index = root === NO_VALUE ? /^\d+$/.test(token) : Array.isArray(value) && /^\d+$/.test(token);
    location += index ? `[${token}]` : location === '' ? token : `.${token}`;
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[token] : undefined;
  }
  return { value, location: location === '' ? '(root)' : location };
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

const quoteList = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** How each keyword is put into words: AJV's own message, and what the schema asks for. */
interface KeywordText {
  /** The message AJV itself gives (the validators are compiled with `messages: false` to stay small). */
  ajv: (params: Record<string, unknown>) => string;
  /** What the schema asks for, as a readable error's `expected`. */
  expected: (params: Record<string, unknown>) => string;
}

const KEYWORDS: Readonly<Record<string, KeywordText>> = {
  // A union of types arrives as an array (`["string", "null"]`).
  type: {
    ajv: (params) => `must be ${String(params.type)}`,
    expected: (params) => (Array.isArray(params.type) ? params.type.join(' or ') : String(params.type)),
  },
  required: {
    ajv: (params) => `must have required property '${String(params.missingProperty)}'`,
    expected: () => 'a value',
  },
  enum: {
    ajv: () => 'must be equal to one of the allowed values',
    expected: (params) => `one of ${quoteList(params.allowedValues as readonly unknown[])}`,
  },
  const: { ajv: () => 'must be equal to constant', expected: (params) => JSON.stringify(params.allowedValue) },
  anyOf: { ajv: () => 'must match a schema in anyOf', expected: () => 'a value matching one of the allowed shapes' },
  readable: { ajv: (params) => `could not be read: ${String(params.reason)}`, expected: () => 'a readable value' },
};

const textOf = (keyword: string): KeywordText =>
  Object.prototype.hasOwnProperty.call(KEYWORDS, keyword)
    ? KEYWORDS[keyword]!
    : { ajv: () => `must pass "${keyword}" keyword validation`, expected: () => `to pass "${keyword}"` };

/** The message AJV itself would give for `error`. */
export const ajvMessage = (error: ValidatorErrorObject): string => textOf(error.keyword).ajv(error.params);

/** What an unknown event type's error suggests when no known type is close (the CLI names its flag instead). */
export const UNKNOWN_TYPE_HINT = 'if it is newer than this package, parse with { unknownEventTypes: "accept" }';

/** `root[key]` when `root` is an object and that field is a string; never throws (getters, Proxies). */
function stringField(root: unknown, key: 'type' | 'id'): string | undefined {
  try {
    const value: unknown =
      typeof root === 'object' && root !== null ? (root as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

const parentOf = (pointer: string) => pointer.slice(0, pointer.lastIndexOf('/'));

/**
 * Decides how a failed `anyOf` is reported, so that one wrong value gets one error:
 * - the value has none of the branches' JSON types: one error, "must be object or null";
 * - one branch fits the value (its JSON type, and the `const`/`enum` of its direct fields): only
 *   that branch's errors (`provider.account_id is required` for an `aws` provider);
 * - every branch is told apart by the same field and the value matches none: one error there,
 *   listing the allowed values (`provider.type: must be one of "aws", "azure", ...`);
 * - otherwise the `anyOf` error alone.
 */
function explainAnyOf(
  error: ValidatorErrorObject,
  raw: readonly ValidatorErrorObject[],
  dropped: Set<ValidatorErrorObject>,
  merged: Map<ValidatorErrorObject, string[]>,
  replaced: Map<ValidatorErrorObject, ValidatorErrorObject>,
): void {
  const prefix = `${error.schemaPath.slice(0, -'/anyOf'.length)}/anyOf/`;
  const branches = new Map<string, ValidatorErrorObject[]>();
  for (const other of raw) {
    if (other === error || !other.schemaPath.startsWith(prefix)) continue;
    const branch = other.schemaPath.slice(prefix.length).split('/')[0]!;
    branches.set(branch, [...(branches.get(branch) ?? []), other]);
    dropped.add(other);
  }
  const wrongType = (errors: ValidatorErrorObject[]) =>
    errors.find((other) => other.keyword === 'type' && other.instancePath === error.instancePath);
  const candidates = [...branches.values()].filter((errors) => wrongType(errors) === undefined);
  if (candidates.length === 0) {
    const types = [...branches.values()].flatMap((errors) => {
      const type = wrongType(errors)!.params.type;
      return Array.isArray(type) ? type.map(String) : [String(type)];
    });
    merged.set(error, [...new Set(types)]);
    return;
  }
  const mismatch = (errors: ValidatorErrorObject[]) =>
    errors.find(
      (other) =>
        (other.keyword === 'const' || other.keyword === 'enum') && parentOf(other.instancePath) === error.instancePath,
    );
  const fitting = candidates.find((errors) => mismatch(errors) === undefined);
  if (fitting !== undefined) {
    dropped.add(error);
    for (const other of fitting) dropped.delete(other);
    return;
  }
  const mismatches = candidates.map((errors) => mismatch(errors)!);
  if (mismatches.every((other) => other.instancePath === mismatches[0]!.instancePath)) {
    const allowedValues = [
      ...new Set(
        mismatches.flatMap((other) =>
          other.keyword === 'const' ? [other.params.allowedValue] : (other.params.allowedValues as unknown[]),
        ),
      ),
    ];
    replaced.set(error, {
      instancePath: mismatches[0]!.instancePath,
      schemaPath: error.schemaPath,
      keyword: 'enum',
      params: { allowedValues },
    });
  }
}

/**
 * Turns the compiled validators' errors into `ValidationError`s. The two failed branches of a
 * nullable object (`actor`) become one "must be object or null"; where a branch matched the
 * value's type, only that branch's deeper errors are kept.
 */
export function toValidationErrors(
  raw: readonly ValidatorErrorObject[],
  root: unknown,
  unknownTypeHint = UNKNOWN_TYPE_HINT,
): ValidationError[] {
  const eventType = stringField(root, 'type');
  const id = stringField(root, 'id');
  const dropped = new Set<ValidatorErrorObject>();
  const merged = new Map<ValidatorErrorObject, string[]>();
  const replaced = new Map<ValidatorErrorObject, ValidatorErrorObject>();
  for (const error of raw) if (error.keyword === 'anyOf') explainAnyOf(error, raw, dropped, merged, replaced);

  const out: ValidationError[] = [];
  for (const original of raw) {
    if (dropped.has(original)) continue;
    const error = replaced.get(original) ?? original;
    let pointer = error.instancePath;
    if (error.keyword === 'required') pointer += `/${escapePointerToken(String(error.params.missingProperty))}`;
    let located: { value: unknown; location: string };
    try {
      located = locate(root, pointer);
    } catch {
      located = { value: undefined, location: pointer };
    }
    let found = 'a value that throws when read';
    if (error.keyword !== 'readable') {
      try {
        found = describeValue(located.value);
      } catch {
        // A Proxy (even a revoked one) can throw from Array.isArray or from reading `length`.
      }
    }
    const text = textOf(error.keyword);
    let expected = text.expected(error.params);
    let message = `must be ${expected}, got ${found}`;
    let suggestions: string[] | undefined;
    if (error.keyword === 'required') message = 'is required but missing';
    else if (error.keyword === 'readable') message = text.ajv(error.params);
    else if (error.keyword === 'anyOf') {
      expected = (merged.get(error) ?? []).join(' or ') || expected;
      message = `must be ${expected}, got ${found}`;
    } else if (error.keyword === 'enum' && error.schemaPath.startsWith('#/$defs/AuditLogEventType')) {
      expected = `one of the ${(error.params.allowedValues as readonly unknown[]).length} known event types`;
      suggestions = suggestEventTypes(String(located.value));
      message =
        `must be ${expected}, got ${found}` +
        (suggestions.length > 0
          ? `; did you mean ${suggestions.map((s) => JSON.stringify(s)).join(' or ')}?`
          : `; ${unknownTypeHint}`);
    }
    const item: ValidationError = {
      path: pointer,
      location: located.location,
      keyword: error.keyword,
      message,
      expected,
      found,
      schemaPath: error.schemaPath,
    };
    if (eventType !== undefined) item.eventType = eventType;
    if (id !== undefined) item.id = id;
    if (suggestions !== undefined && suggestions.length > 0) item.suggestions = suggestions;
    out.push(item);
  }
  return out;
}

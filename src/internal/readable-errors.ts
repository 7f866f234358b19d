/** The compiled validators' errors turned into readable ones. */
import { errorPointer, EVENT_TYPE_DEFINITION, locate } from './pointers.js';
import type { ValidatorErrorObject } from './validators.js';

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
  maxErrors: {
    ajv: (params) => `and more errors, not listed: at most ${String(params.limit)} are collected (maxErrors)`,
    expected: (params) => `at most ${String(params.limit)} errors`,
  },
};

const textOf = (keyword: string): KeywordText =>
  Object.prototype.hasOwnProperty.call(KEYWORDS, keyword)
    ? KEYWORDS[keyword]!
    : { ajv: () => `must pass "${keyword}" keyword validation`, expected: () => `to pass "${keyword}"` };

/** The message AJV itself would give for `error`. */
export const ajvMessage = (error: ValidatorErrorObject): string => textOf(error.keyword).ajv(error.params);

/** The error for a value that threw while being read (a getter, a Proxy trap); never throws itself. */
export function unreadableError(error: unknown): ValidatorErrorObject {
  let reason: string;
  try {
    reason = error instanceof Error ? String(error.message) : String(error);
  } catch {
    // What was thrown cannot be turned into text either (a null-prototype object, a throwing `message`).
    reason = 'the value threw something that cannot be shown';
  }
  return { instancePath: '', schemaPath: '#', keyword: 'readable', params: { reason } };
}

const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `root[key]` when `root` is an object and that field is a string; never throws (getters, Proxies). */
export function stringField(root: unknown, key: 'type' | 'id'): string | undefined {
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
 * What follows the message of an unknown event type (`; did you mean "api_key.created"?`) and the
 * suggestions it makes. The caller works it out: finding the nearest types needs the catalog,
 * which this leaf does not import.
 */
export type ExplainUnknownType = (found: unknown) => { note: string; suggestions: string[] };

/**
 * Turns the compiled validators' errors into `ValidationError`s. The two failed branches of a
 * nullable object (`actor`) become one "must be object or null"; where a branch matched the
 * value's type, only that branch's deeper errors are kept. An event type outside the catalog is
 * explained by `explainUnknownType` when given.
 */
export function readableErrors(
  raw: readonly ValidatorErrorObject[],
  root: unknown,
  explainUnknownType?: ExplainUnknownType,
  identity?: { type: unknown; id: unknown },
): ValidationError[] {
  // The log's type and id as the validation read them, when the caller has them: not read again.
  const eventType = identity === undefined ? stringField(root, 'type') : stringOrUndefined(identity.type);
  const id = identity === undefined ? stringField(root, 'id') : stringOrUndefined(identity.id);
  const dropped = new Set<ValidatorErrorObject>();
  const merged = new Map<ValidatorErrorObject, string[]>();
  const replaced = new Map<ValidatorErrorObject, ValidatorErrorObject>();
  for (const error of raw) if (error.keyword === 'anyOf') explainAnyOf(error, raw, dropped, merged, replaced);

  const out: ValidationError[] = [];
  for (const original of raw) {
    if (dropped.has(original)) continue;
    const error = replaced.get(original) ?? original;
    const pointer = errorPointer(error);
    let located: { value: unknown; location: string };
    try {
      located = locate(root, pointer);
    } catch {
      located = { value: undefined, location: pointer };
    }
    let found = 'a value that throws when read';
    if (error.keyword === 'maxErrors') found = 'more';
    else if (error.keyword !== 'readable') {
      try {
        found = describeValue(located.value);
      } catch {
        // A Proxy (even a revoked one) can throw from Array.isArray or from reading `length`.
      }
    }
    const text = textOf(error.keyword);
    const unknownType = error.keyword === 'enum' && error.schemaPath.startsWith(EVENT_TYPE_DEFINITION);
    // The catalog is not listed in the message: it would be over a hundred names per record.
    let expected = unknownType
      ? `one of the ${(error.params.allowedValues as readonly unknown[]).length} known event types`
      : text.expected(error.params);
    let message = `must be ${expected}, got ${found}`;
    let suggestions: string[] | undefined;
    if (error.keyword === 'required') message = 'is required but missing';
    else if (error.keyword === 'readable' || error.keyword === 'maxErrors') message = text.ajv(error.params);
    else if (error.keyword === 'anyOf') {
      expected = (merged.get(error) ?? []).join(' or ') || expected;
      message = `must be ${expected}, got ${found}`;
    } else if (unknownType) {
      const explained = explainUnknownType?.(
        identity !== undefined && pointer === '/type' ? identity.type : located.value,
      );
      if (explained !== undefined) {
        message += `; ${explained.note}`;
        suggestions = explained.suggestions;
      }
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

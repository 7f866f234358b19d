/**
 * The leaf of the runtime: what generated code and the hand-written runtime share. It imports
 * nothing, so `generated/` can depend on it without depending on the rest of `src/`. The readable
 * error conversion is here because the generated per-event Standard Schemas report with it.
 */

/** One error as AJV reports it (`messages: false` at compile time; the runtime adds `message`). */
export interface ValidatorErrorObject {
  /** JSON Pointer to the offending value, `''` for the root. */
  instancePath: string;
  /** Where in the canonical schema the failing keyword sits. */
  schemaPath: string;
  /** The JSON Schema keyword that failed: `type`, `required`, `enum`, `const`, `anyOf`, ... */
  keyword: string;
  /** Keyword-specific facts, e.g. `{ type: 'string' }` or `{ missingProperty: 'id' }`. */
  params: Record<string, unknown>;
  /** Human-readable description of the failure. */
  message?: string;
}

/** The shape of an AJV standalone validator: a predicate that leaves its errors on itself. */
export interface CompiledValidator {
  /**
   * `maxErrors`: loops over array items stop once that many errors are gathered (1 for a verdict);
   * left out, every error is gathered.
   */
  (data: unknown, context?: { instancePath?: string; maxErrors?: number }): boolean;
  errors?: ValidatorErrorObject[] | null;
}

/**
 * The check behind every per-event guard: the envelope, the `type`, and that event's own details
 * object when present. The validators are passed in, so this module imports none of them.
 * Reading the value may run a getter or a Proxy trap; whatever they throw makes the verdict
 * `false` rather than escaping.
 */
export function isVariant(
  value: unknown,
  type: string,
  validateEnvelope: CompiledValidator,
  validateDetails?: CompiledValidator,
): boolean {
  try {
    const envelope = envelopeOf(value);
    if (envelope === undefined || envelope.type !== type) return false;
    if (!validateEnvelope(envelope, FIRST_ERROR)) return false;
    if (validateDetails === undefined) return true;
    const details = (value as Record<string, unknown>)[type];
    return details === undefined || validateDetails(details, FIRST_ERROR);
  } catch {
    return false;
  }
}

/** A compiled validator's context when its verdict alone matters: it stops at the first error. */
const FIRST_ERROR = { instancePath: '', maxErrors: 1 };

/**
 * The envelope's fields of an object, each read once, in a small object of its own (the compiled
 * envelope validator then reads that, not the log); `undefined` for anything but an object.
 */
function envelopeOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const log = value as Record<string, unknown>;
  return {
    id: log.id,
    object: log.object,
    type: log.type,
    effective_at: log.effective_at,
    project: log.project,
    actor: log.actor,
  };
}

/** Escapes one key for a JSON Pointer (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
export const escapePointerToken = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Undoes `escapePointerToken`. */
export const unescapePointerToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The JSON Pointer of a path of keys and indexes: `['a.b', 'c', 0]` -> `/a.b/c/0`. */
export const pointerOf = (path: readonly (string | number)[]): string =>
  path.map((step) => `/${escapePointerToken(String(step))}`).join('');

/**
 * The one naming rule: an event type (or resource) in PascalCase, split on `.` and `_`:
 * `ip_allowlist.config.activated` -> `IpAllowlistConfigActivated`. The generators name
 * definitions, types and guards with it; the runtime finds a details definition with it.
 */
export function pascalCase(value: string): string {
  return value
    .split(/[._]/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

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

/** Where the canonical schema defines the fields every log shares. */
export const ENVELOPE_DEFINITION = '#/$defs/AuditLogEnvelope';
/** Where the canonical schema defines the catalog: an `enum` error under it is an unknown event type. */
export const EVENT_TYPE_DEFINITION = '#/$defs/AuditLogEventType';
/** Where the canonical schema defines the details object of a details key (the key is its event type). */
export const detailsDefinition = (key: string): string => `#/$defs/${pascalCase(key)}Details`;

/** The pointer an error is about: for a missing property, the property itself. */
export const errorPointer = (error: ValidatorErrorObject): string =>
  error.keyword === 'required'
    ? `${error.instancePath}/${escapePointerToken(String(error.params.missingProperty))}`
    : error.instancePath;

/** A JSON Pointer token that can be an array index (RFC 6901: no leading zeros). */
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Follows a JSON Pointer into `root`, returning the value there and the readable location.
 * Without the value at hand (`hasValue` false: an AJV error alone), a number in the path is taken as an index.
 */
export function locate(root: unknown, pointer: string, hasValue = true): { value: unknown; location: string } {
  let value: unknown = root;
  let location = '';
  for (const token of pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerToken)) {
    const index = (!hasValue || Array.isArray(value)) && ARRAY_INDEX.test(token);
    location += index ? `[${token}]` : location === '' ? token : `.${token}`;
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[token] : undefined;
  }
  return { value, location: location === '' ? '(root)' : location };
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

/*
 * Standard Schema v1 (https://standardschema.dev), copied from `@standard-schema/spec` 1.1.0 (MIT)
 * as the spec invites, so that the package keeps zero runtime dependencies. The interfaces live in
 * this leaf because the generated per-event schemas are typed by them.
 */

/** The Standard Typed interface: the base of Standard Schema and Standard JSON Schema. */
export interface StandardTypedV1<Input = unknown, Output = Input> {
  /** The Standard properties. */
  readonly '~standard': StandardTypedV1.Props<Input, Output>;
}
// eslint-disable-next-line @typescript-eslint/no-namespace -- the spec's shape: `StandardTypedV1.InferOutput<...>`
export declare namespace StandardTypedV1 {
  /** The Standard Typed properties interface. */
  interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Inferred types associated with the schema (types only: absent at run time). */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** The Standard Typed types interface. */
  interface Types<Input = unknown, Output = Input> {
    /** The input type of the schema. */
    readonly input: Input;
    /** The output type of the schema. */
    readonly output: Output;
  }
  /** Infers the input type of a Standard Typed. */
  type InferInput<Schema extends StandardTypedV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** Infers the output type of a Standard Typed. */
  type InferOutput<Schema extends StandardTypedV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/** The Standard Schema interface: what Hono, tRPC and other Standard Schema consumers accept. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}
// eslint-disable-next-line @typescript-eslint/no-namespace -- the spec's shape: `StandardSchemaV1.InferOutput<...>`
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties interface. */
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    /** Validates unknown input values. */
    readonly validate: (value: unknown, options?: StandardSchemaV1.Options) => Result<Output> | Promise<Result<Output>>;
  }
  /** The result interface of the validate function. */
  type Result<Output> = SuccessResult<Output> | FailureResult;
  /** The result interface if validation succeeds. */
  interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy value for `issues` indicates success. */
    readonly issues?: undefined;
  }
  /** Options of the validate function. */
  interface Options {
    /** Explicit support for additional vendor-specific parameters, if needed. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** The result interface if validation fails. */
  interface FailureResult {
    /** The issues of failed validation. */
    readonly issues: ReadonlyArray<Issue>;
  }
  /** The issue interface of the failure output. */
  interface Issue {
    /** The error message of the issue. */
    readonly message: string;
    /** The path of the issue, if any. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** The path segment interface of the issue. */
  interface PathSegment {
    /** The key representing a path segment. */
    readonly key: PropertyKey;
  }
  /** The Standard types interface. */
  type Types<Input = unknown, Output = Input> = StandardTypedV1.Types<Input, Output>;
  /** Infers the input type of a Standard Schema. */
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  /** Infers the output type of a Standard Schema. */
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}

/** The Standard JSON Schema interface: a schema that can also describe itself as JSON Schema. */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  /** The Standard JSON Schema properties. */
  readonly '~standard': StandardJSONSchemaV1.Props<Input, Output>;
}
// eslint-disable-next-line @typescript-eslint/no-namespace -- the spec's shape: `StandardJSONSchemaV1.Options`
export declare namespace StandardJSONSchemaV1 {
  /** The Standard JSON Schema properties interface. */
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    /** Methods for generating the input/output JSON Schema. */
    readonly jsonSchema: StandardJSONSchemaV1.Converter;
  }
  /** The Standard JSON Schema converter interface. */
  interface Converter {
    /** Converts the input type to JSON Schema. May throw if conversion is not supported. */
    readonly input: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>;
    /** Converts the output type to JSON Schema. May throw if conversion is not supported. */
    readonly output: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>;
  }
  /** The target version of the generated JSON Schema. */
  type Target = 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | ({} & string);
  /** The options for the input/output methods. */
  interface Options {
    /** Specifies the target version of the generated JSON Schema. */
    readonly target: Target;
    /** Explicit support for additional vendor-specific parameters, if needed. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** The Standard types interface. */
  type Types<Input = unknown, Output = Input> = StandardTypedV1.Types<Input, Output>;
  /** Infers the input type of a Standard JSON Schema. */
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  /** Infers the output type of a Standard JSON Schema. */
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}

/** The `vendor` of every Standard Schema this package makes. */
export const STANDARD_SCHEMA_VENDOR = 'openai-audit-logs';

/**
 * The Standard Schema path of a JSON Pointer into `root`: unescaped keys, and numbers for the
 * indexes of arrays (`/data/3/effective_at` -> `['data', 3, 'effective_at']`). Reads `root` to tell
 * an index from an object key that happens to be digits; never throws.
 */
export function pathOf(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  let value: unknown = root;
  return pointer
    .slice(1)
    .split('/')
    .map((escaped) => {
      const token = unescapePointerToken(escaped);
      let step: string | number = token;
      try {
        if (Array.isArray(value) && ARRAY_INDEX.test(token)) step = Number(token);
        value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[token] : undefined;
      } catch {
        // A getter or a Proxy trap threw: the rest of the path is read from the pointer alone.
        value = undefined;
      }
      return step;
    });
}

/** Readable errors as Standard Schema issues: our message, and the path as keys and indexes. */
export const issuesOf = (errors: readonly ValidationError[], root: unknown): StandardSchemaV1.Issue[] =>
  errors.map((error) => ({ message: error.message, path: pathOf(error.path, root) }));

/** A Standard Schema (`vendor: 'openai-audit-logs'`) around a synchronous `validate`. */
export function standardSchema<Output>(
  validate: (value: unknown) => StandardSchemaV1.Result<Output>,
): StandardSchemaV1<Output> {
  return { '~standard': { version: 1, vendor: STANDARD_SCHEMA_VENDOR, validate } };
}

/** Copies of a compiled validator's errors, placed at `instancePrefix` and at their definition in the schema. */
const reroot = (errors: readonly ValidatorErrorObject[], instancePrefix: string, schemaPrefix: string) =>
  errors.map((error) => ({
    ...error,
    instancePath: instancePrefix + error.instancePath,
    schemaPath: schemaPrefix + error.schemaPath.slice(1),
  }));

/** What a per-event schema collects at most: as many as `parseAuditLog` lists by default. */
const VARIANT_MAX_ERRORS = 100;

/**
 * The errors of `value` as one audit log of `type` (envelope, `type`, that event's own details
 * object), AJV-style and re-rooted like the whole-log dispatcher's; `null` when valid. A log that
 * declares another type gets that one error: its other fields answer to another schema. Each field
 * is read once; at most `VARIANT_MAX_ERRORS` errors are gathered.
 */
function variantErrors(
  value: unknown,
  type: string,
  validateEnvelope: CompiledValidator,
  validateDetails: CompiledValidator | undefined,
  read: { type: unknown; id: unknown },
): ValidatorErrorObject[] | null {
  try {
    const envelope = envelopeOf(value);
    read.type = envelope?.type;
    read.id = envelope?.id;
    if (typeof read.type === 'string' && read.type !== type) {
      const schemaPath = `#/$defs/${pascalCase(type)}AuditLog/properties/type/const`;
      return [{ instancePath: '/type', schemaPath, keyword: 'const', params: { allowedValue: type } }];
    }
    const context = { instancePath: '', maxErrors: VARIANT_MAX_ERRORS + 1 };
    let errors: ValidatorErrorObject[] = [];
    if (!validateEnvelope(envelope ?? value, context)) {
      errors = reroot(validateEnvelope.errors!, '', ENVELOPE_DEFINITION);
      if (envelope === undefined) return errors;
    }
    const details = validateDetails && (value as Record<string, unknown>)[type];
    if (validateDetails && details !== undefined && !validateDetails(details, context)) {
      errors = [...errors, ...reroot(validateDetails.errors!, `/${escapePointerToken(type)}`, detailsDefinition(type))];
    }
    if (errors.length > VARIANT_MAX_ERRORS) {
      errors.length = VARIANT_MAX_ERRORS;
      errors.push({ instancePath: '', schemaPath: '#', keyword: 'maxErrors', params: { limit: VARIANT_MAX_ERRORS } });
    }
    return errors.length === 0 ? null : errors;
  } catch (error) {
    return [unreadableError(error)];
  }
}

/**
 * The Standard Schema of one event type: the envelope, `type`, and that event's own details object
 * when present (what its `is<Event>` guard checks), with the readable messages of `parseAuditLog`.
 * It receives the validators it runs, so a bundle that uses it carries no other event's.
 */
export function variantSchema<Log>(
  type: string,
  validateEnvelope: CompiledValidator,
  validateDetails?: CompiledValidator,
): StandardSchemaV1<Log> {
  return standardSchema<Log>((value) => {
    const read = { type: undefined as unknown, id: undefined as unknown };
    const raw = variantErrors(value, type, validateEnvelope, validateDetails, read);
    if (raw === null) return { value: value as Log };
    return { issues: issuesOf(readableErrors(raw, value, undefined, read), value) };
  });
}

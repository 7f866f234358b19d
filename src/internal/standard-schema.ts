/** Standard Schema v1: its interfaces, and the Standard Schemas the runtime and generated code make. */
import {
  ARRAY_INDEX,
  detailsDefinition,
  ENVELOPE_DEFINITION,
  escapePointerToken,
  pascalCase,
  unescapePointerToken,
} from './pointers.js';
import { readableErrors, unreadableError, type ValidationError } from './readable-errors.js';
import { envelopeOf, type CompiledValidator, type ValidatorErrorObject } from './validators.js';

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

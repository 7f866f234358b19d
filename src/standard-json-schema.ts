/**
 * `openai-audit-logs/standard-json-schema`: the Standard Schemas of
 * `openai-audit-logs/standard-schema` that also implement Standard JSON Schema v1 (`~standard.jsonSchema.input(options)` / `.output(options)`),
 * for tools that describe what they validate (OpenAPI generators, MCP tool definitions, forms).
 * It carries the whole canonical schema, which is why it is an entry of its own: the root entry
 * stays small for code that only validates.
 *
 * Targets: `draft-2020-12` (the canonical schema's own dialect) and `draft-07` (converted: `$defs`
 * become `definitions`, and a `$ref` beside other checks moves into `allOf`, where draft-07 reads
 * it). Any other target throws, as the spec asks; the OpenAPI 3.1 document of the API is
 * `openai-audit-logs/openapi.json`. Input and output are the same schema: nothing is transformed.
 */
import type { AuditLog, AuditLogEventType, AuditLogOf } from '../generated/types.js';
import { pascalCase, type StandardJSONSchemaV1, type StandardSchemaV1 } from './internal.js';
import jsonSchemas from '../generated/json-schemas.json' with { type: 'json' };
import type { ListAnyAuditLogsResponse } from './page.js';
import type { AnyAuditLog } from './parse.js';
import * as standard from './standard-schema.js';

export type { StandardJSONSchemaV1, StandardSchemaV1 } from './internal.js';

/** A Standard Schema that is also a Standard JSON Schema: it validates, and it describes itself. */
export interface StandardSchemaWithJsonSchema<T> {
  /** The properties of both specs: `validate` and `jsonSchema`. */
  readonly '~standard': StandardSchemaV1.Props<T> & StandardJSONSchemaV1.Props<T>;
}

type Json = { [keyword: string]: unknown };

/** The canonical schema in one dialect, taken apart by `npm run generate` (scripts/generate/generate-json-schemas.ts). */
interface JsonSchemaDialect {
  /** The canonical document's own keywords; its definitions map is empty. */
  readonly root: Json;
  /** Every definition as a document rooted at one definition carries it (`#` is one log of any type). */
  readonly definitions: Readonly<Record<string, Json>>;
  /** The definitions whose canonical form differs from that. */
  readonly canonicalForms: Readonly<Record<string, Json>>;
}

const DRAFT_2020_12: JsonSchemaDialect = jsonSchemas['draft-2020-12'];
const DRAFT_07: JsonSchemaDialect = jsonSchemas['draft-07'];
const CANONICAL_DEFINITIONS: readonly string[] = jsonSchemas.canonicalDefinitions;
const REACHED_DEFINITIONS: Readonly<Record<string, readonly string[]>> = jsonSchemas.reachedDefinitions;

/** What stands for one audit log of any type in the schemas made here (the canonical document has no such entry). */
const ANY_AUDIT_LOG = 'AnyAuditLog';

/** A deep copy: every call hands out a schema of its own, which the caller may change. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The dialect `target` names; throws for a target this package does not write. */
function dialectOf(options: StandardJSONSchemaV1.Options | undefined): JsonSchemaDialect {
  // The spec makes `options` required; a caller that leaves it out gets the canonical dialect.
  const target = options?.target ?? 'draft-2020-12';
  if (target === 'draft-2020-12') return DRAFT_2020_12;
  if (target === 'draft-07') return DRAFT_07;
  throw new Error(
    `openai-audit-logs: no JSON Schema for target ${JSON.stringify(target)}; "draft-2020-12" and "draft-07" are supported (the API as OpenAPI 3.1: openai-audit-logs/openapi.json)`,
  );
}

/** Where a dialect keeps its definitions. */
const definitionsKey = (dialect: JsonSchemaDialect) => (dialect === DRAFT_07 ? 'definitions' : '$defs');

/** The canonical document (`openai-audit-logs/schema.json`, with its `$id`) in `dialect`. */
function canonicalDocument(dialect: JsonSchemaDialect): Json {
  const definitions = CANONICAL_DEFINITIONS.map((name): [string, Json] => [
    name,
    dialect.canonicalForms[name] ?? dialect.definitions[name]!,
  ]);
  return { ...dialect.root, [definitionsKey(dialect)]: Object.fromEntries(definitions) };
}

/**
 * A schema document in `dialect` whose root is the definition `name`, with the definitions it
 * reaches (and no others), so every `$ref` resolves within it. A `$ref` that draft-07 moved into
 * `allOf` stays last, after the definitions.
 */
function documentOf(dialect: JsonSchemaDialect, title: string, name: string): Json {
  const { allOf, ...root } = dialect.definitions[name]!;
  const definitions = REACHED_DEFINITIONS[name]!.map((reached): [string, Json] => [
    reached,
    dialect.definitions[reached]!,
  ]);
  return {
    $schema: dialect.root.$schema,
    title,
    ...root,
    [definitionsKey(dialect)]: Object.fromEntries(definitions),
    ...(allOf !== undefined ? { allOf } : {}),
  };
}

/** `schema`, which also describes itself as the JSON Schema `describe()` makes. */
function withJsonSchema<T>(
  schema: StandardSchemaV1<T>,
  describe: (dialect: JsonSchemaDialect) => Json,
): StandardSchemaWithJsonSchema<T> {
  const convert = (options: StandardJSONSchemaV1.Options) => copy(describe(dialectOf(options)));
  return { '~standard': { ...schema['~standard'], jsonSchema: { input: convert, output: convert } } };
}

/**
 * `auditLogSchema` of `openai-audit-logs/standard-schema`, described by the canonical schema itself
 * (`openai-audit-logs/schema.json`, with its `$id`).
 */
export const auditLogSchema: StandardSchemaWithJsonSchema<AuditLog> = /* @__PURE__ */ withJsonSchema(
  standard.auditLogSchema,
  canonicalDocument,
);

/** `anyAuditLogSchema` of `openai-audit-logs/standard-schema`: the envelope with any string as `type`, and every details key checked. */
export const anyAuditLogSchema: StandardSchemaWithJsonSchema<AnyAuditLog> = /* @__PURE__ */ withJsonSchema(
  standard.anyAuditLogSchema,
  (dialect) => documentOf(dialect, ANY_AUDIT_LOG, ANY_AUDIT_LOG),
);

/** `listAuditLogsResponseSchema` of `openai-audit-logs/standard-schema`: `$defs/ListAuditLogsResponse`, its logs of any type. */
export const listAuditLogsResponseSchema: StandardSchemaWithJsonSchema<ListAnyAuditLogsResponse> =
  /* @__PURE__ */ withJsonSchema(standard.listAuditLogsResponseSchema, (dialect) =>
    documentOf(dialect, 'ListAuditLogsResponse', 'ListAuditLogsResponse'),
  );

/**
 * `auditLogSchemaFor(type)` of `openai-audit-logs/standard-schema`, described by that event's `$defs` entry
 * (`ApiKeyCreatedAuditLog`). Throws a `RangeError` for a type outside the catalog.
 */
export function auditLogSchemaFor<T extends AuditLogEventType>(type: T): StandardSchemaWithJsonSchema<AuditLogOf<T>> {
  const name = `${pascalCase(type)}AuditLog`;
  return withJsonSchema(standard.auditLogSchemaFor(type), (dialect) => documentOf(dialect, name, name));
}

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
import document from '../schema/audit-log.schema.json' with { type: 'json' };
import type { AuditLog, AuditLogEventType, AuditLogOf } from '../generated/types.js';
import { pascalCase, type StandardJSONSchemaV1, type StandardSchemaV1 } from './internal.js';
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

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const DEFS: Readonly<Record<string, Json>> = document.$defs;
/** What stands for one audit log of any type in the schemas made here (the canonical document has no such entry). */
const ANY_AUDIT_LOG = 'AnyAuditLog';

/** A deep copy: every call hands out a schema of its own, which the caller may change. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every `$ref` under `node`, as the name of the `$defs` entry it points at (`'#'` stays `'#'`). */
function refsIn(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) refsIn(item, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value === '#' ? '#' : value.slice('#/$defs/'.length));
      else refsIn(value, into);
    }
  }
  return into;
}

/** One audit log of any type: the envelope with `type` any string, and every details key checked (`anyAuditLogSchema`). */
function anyAuditLogDefinition(): Json {
  const {
    description: _envelope,
    properties,
    ...envelope
  } = DEFS.AuditLogEnvelope! as Json & {
    properties: Record<string, Json>;
  };
  return {
    description:
      'One audit log of any type: a type of the catalog or one newer than this package. The envelope and every details key of the catalog that is present are checked.',
    ...envelope,
    properties: { ...properties, type: { description: properties.type!.description, type: 'string' } },
    $ref: '#/$defs/AuditLogDetails',
  };
}

/**
 * A schema document whose root is `root`, with the `$defs` entries it reaches (and no others), so
 * every `$ref` resolves within it. `{"$ref": "#"}` (a page's logs) now means one audit log of any
 * type: the page accepts types newer than the catalog.
 */
function documentOf(title: string, root: Json): Json {
  const defs: Record<string, Json> = { ...DEFS, [ANY_AUDIT_LOG]: anyAuditLogDefinition() };
  const reached = new Set<string>();
  const pending = [...refsIn(root, new Set())];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    pending.push(...(name === '#' ? [ANY_AUDIT_LOG] : refsIn(defs[name], new Set())));
  }
  const rootRef = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(rootRef)
      : typeof node === 'object' && node !== null
        ? Object.fromEntries(
            Object.entries(node).map(([key, value]) => [
              key,
              key === '$ref' && value === '#' ? `#/$defs/${ANY_AUDIT_LOG}` : rootRef(value),
            ]),
          )
        : node;
  const names = Object.keys(defs).filter((name) => reached.has(name));
  return rootRef({
    $schema: DRAFT_2020_12,
    title,
    ...root,
    $defs: Object.fromEntries(names.map((name) => [name, defs[name]])),
  }) as Json;
}

/** Annotations: what draft-07 may drop beside a `$ref` without changing what validates. */
const isAnnotation = (keyword: string) =>
  ['title', 'description', 'default', 'examples', '$comment'].includes(keyword) || keyword.startsWith('x-');

/**
 * The draft-07 form of a 2020-12 schema made of the keywords the canonical schema may use
 * (schema/README.md, rule 9): `$defs` -> `definitions`, and a `$ref` beside other checks (which
 * draft-07 would ignore) moved into `allOf`.
 */
function toDraft07(schema: Json): Json {
  const out: Json = {};
  const mapValues = (value: unknown) =>
    Object.fromEntries(Object.entries(value as Record<string, Json>).map(([key, sub]) => [key, toDraft07(sub)]));
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === '$ref') continue;
    else if (keyword === '$schema') out.$schema = DRAFT_07;
    else if (keyword === '$defs') out.definitions = mapValues(value);
    else if (keyword === 'properties') out.properties = mapValues(value);
    else if (keyword === 'items') out.items = toDraft07(value as Json);
    else if (keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf')
      out[keyword] = (value as Json[]).map(toDraft07);
    else out[keyword] = value;
  }
  if (typeof schema.$ref !== 'string') return out;
  const ref = schema.$ref.replace(/^#\/\$defs\//, '#/definitions/');
  if (Object.keys(out).every(isAnnotation)) return { ...out, $ref: ref };
  return { ...out, allOf: [{ $ref: ref }, ...((out.allOf as Json[] | undefined) ?? [])] };
}

/** `schema` in the dialect `target` names; throws for a target this package does not write. */
function inTarget(schema: Json, options: StandardJSONSchemaV1.Options | undefined): Record<string, unknown> {
  // The spec makes `options` required; a caller that leaves it out gets the canonical dialect.
  const target = options?.target ?? 'draft-2020-12';
  if (target === 'draft-2020-12') return schema;
  if (target === 'draft-07') return toDraft07(schema);
  throw new Error(
    `openai-audit-logs: no JSON Schema for target ${JSON.stringify(target)}; "draft-2020-12" and "draft-07" are supported (the API as OpenAPI 3.1: openai-audit-logs/openapi.json)`,
  );
}

/** `schema`, which also describes itself as the JSON Schema `describe()` makes. */
function withJsonSchema<T>(schema: StandardSchemaV1<T>, describe: () => Json): StandardSchemaWithJsonSchema<T> {
  const convert = (options: StandardJSONSchemaV1.Options) => inTarget(copy(describe()), options);
  return { '~standard': { ...schema['~standard'], jsonSchema: { input: convert, output: convert } } };
}

/**
 * `auditLogSchema` of `openai-audit-logs/standard-schema`, described by the canonical schema itself
 * (`openai-audit-logs/schema.json`, with its `$id`).
 */
export const auditLogSchema: StandardSchemaWithJsonSchema<AuditLog> = /* @__PURE__ */ withJsonSchema(
  standard.auditLogSchema,
  () => document,
);

/** `anyAuditLogSchema` of `openai-audit-logs/standard-schema`: the envelope with any string as `type`, and every details key checked. */
export const anyAuditLogSchema: StandardSchemaWithJsonSchema<AnyAuditLog> = /* @__PURE__ */ withJsonSchema(
  standard.anyAuditLogSchema,
  () => documentOf(ANY_AUDIT_LOG, anyAuditLogDefinition()),
);

/** `listAuditLogsResponseSchema` of `openai-audit-logs/standard-schema`: `$defs/ListAuditLogsResponse`, its logs of any type. */
export const listAuditLogsResponseSchema: StandardSchemaWithJsonSchema<ListAnyAuditLogsResponse> =
  /* @__PURE__ */ withJsonSchema(standard.listAuditLogsResponseSchema, () =>
    documentOf('ListAuditLogsResponse', DEFS.ListAuditLogsResponse!),
  );

/**
 * `auditLogSchemaFor(type)` of `openai-audit-logs/standard-schema`, described by that event's `$defs` entry
 * (`ApiKeyCreatedAuditLog`). Throws a `RangeError` for a type outside the catalog.
 */
export function auditLogSchemaFor<T extends AuditLogEventType>(type: T): StandardSchemaWithJsonSchema<AuditLogOf<T>> {
  const name = `${pascalCase(type)}AuditLog`;
  return withJsonSchema(standard.auditLogSchemaFor(type), () => documentOf(name, DEFS[name]!));
}

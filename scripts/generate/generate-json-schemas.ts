/**
 * Builds generated/json-schemas.json: what `openai-audit-logs/standard-json-schema` describes its
 * schemas with, in both dialects it writes, converted here so that the runtime reads no schema
 * file and converts nothing. Per dialect: the canonical document's own keywords, every definition
 * (with `AnyAuditLog`, one audit log of any type, which the canonical document has no entry for),
 * and, for each schema the entry hands out, the definitions its document must carry.
 *
 * draft-07: `$defs` become `definitions`, and a `$ref` beside other checks (which draft-07 would
 * ignore) moves into `allOf`. In the documents of the page and of one log of any type, `$ref: "#"`
 * (a page's logs) means one audit log of any type, so that a page accepts types newer than the catalog.
 */
import { definitionName, forEachSchema, mapSchema, type JsonSchema } from '../shared/schema-traversal.ts';
import type { GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
/** What stands for one audit log of any type in the documents made here. */
const ANY_AUDIT_LOG = 'AnyAuditLog';

/** Annotations: what draft-07 may drop beside a `$ref` without changing what validates. */
const isAnnotation = (keyword: string) =>
  ['title', 'description', 'default', 'examples', '$comment'].includes(keyword) || keyword.startsWith('x-');

/**
 * The draft-07 form of a 2020-12 schema made of the keywords the canonical schema may use
 * (schema/README.md, rule 9).
 */
function toDraft07(schema: unknown): unknown {
  return mapSchema(schema, (node) => {
    const out: JsonSchema = {};
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword === '$ref') continue;
      else if (keyword === '$schema') out.$schema = DRAFT_07;
      else if (keyword === '$defs') out.definitions = value;
      else out[keyword] = value;
    }
    if (typeof node.$ref !== 'string') return out;
    const ref = node.$ref.replace(/^#\/\$defs\//, '#/definitions/');
    if (Object.keys(out).every(isAnnotation)) return { ...out, $ref: ref };
    return { ...out, allOf: [{ $ref: ref }, ...((out.allOf as JsonSchema[] | undefined) ?? [])] };
  });
}

/** `node` with `$ref: "#"` (the whole log) pointing at `AnyAuditLog` instead. */
const anyLogForRoot = (node: unknown) =>
  mapSchema(node, (schema) => (schema.$ref === '#' ? { ...schema, $ref: `#/$defs/${ANY_AUDIT_LOG}` } : schema));

/** One audit log of any type: the envelope with `type` any string, and every details key checked. */
function anyAuditLogDefinition(model: SchemaModel): JsonSchema {
  const {
    description: _envelope,
    properties,
    ...envelope
  } = model.defs.AuditLogEnvelope! as JsonSchema & {
    properties: Record<string, JsonSchema>;
  };
  return {
    description:
      'One audit log of any type: a type of the catalog or one newer than this package. The envelope and every details key of the catalog that is present are checked.',
    ...envelope,
    properties: { ...properties, type: { description: properties.type!.description, type: 'string' } },
    $ref: '#/$defs/AuditLogDetails',
  };
}

/** Each definition of `definitions`, converted. */
const eachOf = (definitions: Readonly<Record<string, JsonSchema>>, convert: (schema: unknown) => unknown) =>
  Object.fromEntries(Object.entries(definitions).map(([name, schema]) => [name, convert(schema) as JsonSchema]));

/** The definitions a document rooted at `name` reaches, in the order of `definitions`. */
function reachedFrom(name: string, definitions: Readonly<Record<string, JsonSchema>>): string[] {
  const reached = new Set<string>();
  const pending = [name];
  while (pending.length > 0) {
    const next = pending.pop()!;
    forEachSchema(definitions[next], (node) => {
      const target = definitionName(node.$ref);
      if (target !== undefined && !reached.has(target)) {
        reached.add(target);
        pending.push(target);
      }
    });
  }
  return Object.keys(definitions).filter((candidate) => reached.has(candidate));
}

/** The schemas the entry hands out, each a document rooted at one definition. */
const rootsOf = (model: SchemaModel) => [
  ANY_AUDIT_LOG,
  'ListAuditLogsResponse',
  ...model.events.map((event) => event.variantDef),
];

/**
 * Per dialect: the canonical document's own keywords (with an empty definitions map where the
 * definitions go, so that the runtime fills it in place), every definition as the documents of one
 * schema carry it, and the canonical form of those that differ there; and, for each document
 * root, the definitions that document carries.
 */
function jsonSchemasOf(model: SchemaModel) {
  const documentDefinitions = eachOf({ ...model.defs, [ANY_AUDIT_LOG]: anyAuditLogDefinition(model) }, anyLogForRoot);
  const canonicalForms = Object.fromEntries(
    Object.keys(model.defs)
      .filter((name) => JSON.stringify(model.defs[name]) !== JSON.stringify(documentDefinitions[name]))
      .map((name) => [name, model.defs[name]!]),
  );
  const dialect = (convert: (schema: unknown) => unknown) => ({
    root: convert({ ...model.schema, $defs: {} }) as JsonSchema,
    definitions: eachOf(documentDefinitions, convert),
    canonicalForms: eachOf(canonicalForms, convert),
  });
  return {
    canonicalNames: Object.keys(model.defs),
    reached: Object.fromEntries(rootsOf(model).map((name) => [name, reachedFrom(name, documentDefinitions)])),
    'draft-2020-12': dialect((schema) => schema),
    'draft-07': dialect(toDraft07),
  };
}

export function generateJsonSchemas(model: SchemaModel): GeneratedFile {
  const { canonicalNames, reached, ...dialects } = jsonSchemasOf(model);
  const document = {
    $comment: `Generated by \`npm run generate\` from ${model.file}; do not edit. Read by src/standard-json-schema.ts.`,
    ...dialects,
    canonicalDefinitions: canonicalNames,
    reachedDefinitions: reached,
  };
  return { path: 'generated/json-schemas.json', contents: `${JSON.stringify(document, null, 2)}\n` };
}

/**
 * Loads the canonical schema, checks it (2020-12 meta-schema and the project's invariants) and
 * derives the catalog every generator works from. Any violation throws a SchemaError that
 * names the JSON path, so `npm run generate` stops before writing anything.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { escapePointerToken as pointerToken, pascalCase } from '../../src/internal.ts';
import { isObject, type JsonSchema } from '../shared/schema-shape.ts';

export interface EventModel {
  /** The event type, e.g. `api_key.created`. */
  type: string;
  /** PascalCase stem, e.g. `ApiKeyCreated`. */
  name: string;
  resource: string;
  action: string;
  description: string;
  /** Name of the `$defs` entry of the details object; absent when the event has none. */
  detailsDef?: string;
  variantDef: string;
}

export interface ResourceModel {
  resource: string;
  /** e.g. `ApiKeyAuditLog` */
  unionName: string;
  events: EventModel[];
}

export interface SchemaModel {
  /** Path of the schema file, relative to the project root (for messages and headers). */
  file: string;
  schema: JsonSchema;
  defs: Record<string, JsonSchema>;
  events: EventModel[];
  resources: ResourceModel[];
}

export const DEFAULT_SCHEMA_FILE = 'schema/audit-log.schema.json';
/** Definitions that are entry points of their own, not reached from the root. */
export const ENTRY_DEFS = ['ListAuditLogsResponse', 'ListAuditLogsParams'] as const;
/** Definitions the generators rely on by name. */
export const REQUIRED_DEFS = ['AuditLogEventType', 'AuditLogEnvelope', 'AuditLogDetails', ...ENTRY_DEFS] as const;

export class SchemaError extends Error {
  constructor(
    readonly file: string,
    readonly pointer: string,
    problem: string,
  ) {
    super(`${file}#${pointer}: ${problem}`);
    this.name = 'SchemaError';
  }
}

const defPointer = (name: string) => `/$defs/${pointerToken(name)}`;

export function loadSchema(schemaFile: string = DEFAULT_SCHEMA_FILE, root = process.cwd()): SchemaModel {
  const file = relative(root, resolve(root, schemaFile)) || schemaFile;
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(resolve(root, schemaFile), 'utf8'));
  } catch (error) {
    throw new SchemaError(file, '', `cannot be read as JSON (${(error as Error).message})`);
  }
  return checkSchema(schema, file);
}

/** Checks a parsed schema document and derives the model; throws SchemaError on the first violation. */
export function checkSchema(schema: unknown, file = DEFAULT_SCHEMA_FILE): SchemaModel {
  const fail = (pointer: string, problem: string): never => {
    throw new SchemaError(file, pointer, problem);
  };
  if (!isObject(schema)) return fail('', 'the document must be a JSON object');

  const ajv = new Ajv2020.default({ strict: false });
  if (!ajv.validateSchema(schema)) {
    const first = ajv.errors![0]!;
    fail(first.instancePath, `not valid against the JSON Schema 2020-12 meta-schema: ${first.message}`);
  }

  const defs = schema.$defs;
  if (!isObject(defs)) return fail('/$defs', 'missing');
  for (const name of REQUIRED_DEFS) {
    if (!isObject(defs[name])) fail(defPointer(name), 'missing');
  }
  const asDefs = defs as Record<string, JsonSchema>;

  const catalog = asDefs.AuditLogEventType!.enum;
  if (!Array.isArray(catalog) || catalog.length === 0 || !catalog.every((t) => typeof t === 'string')) {
    fail(`${defPointer('AuditLogEventType')}/enum`, 'must be a non-empty array of event type strings');
  }
  const types = catalog as string[];
  types.forEach((type, index) => {
    if (types.indexOf(type) !== index)
      fail(`${defPointer('AuditLogEventType')}/enum/${index}`, `duplicate event type "${type}"`);
    if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(type)) {
      fail(`${defPointer('AuditLogEventType')}/enum/${index}`, `"${type}" is not of the form resource.action`);
    }
  });

  const detailsProperties = asDefs.AuditLogDetails!.properties;
  if (!isObject(detailsProperties)) fail(`${defPointer('AuditLogDetails')}/properties`, 'missing');
  if (schema.$ref !== '#/$defs/AuditLogDetails') fail('/$ref', 'the root must apply "#/$defs/AuditLogDetails"');

  const variants = schema.oneOf;
  if (!Array.isArray(variants)) return fail('/oneOf', 'the root must be a oneOf of the event variants');

  const byType = new Map<string, EventModel>();
  const names = new Map<string, string>();
  variants.forEach((entry: unknown, index) => {
    const at = `/oneOf/${index}`;
    const ref = isObject(entry) ? entry.$ref : undefined;
    if (typeof ref !== 'string' || !ref.startsWith('#/$defs/') || Object.keys(entry as object).length !== 1) {
      fail(at, 'each variant must be exactly {"$ref": "#/$defs/<Name>AuditLog"}');
    }
    const variantDef = (ref as string).slice('#/$defs/'.length);
    const variant = asDefs[variantDef];
    const vp = defPointer(variantDef);
    if (!isObject(variant)) return fail(at, `refers to a missing definition "${variantDef}"`);
    if (variant.$ref !== '#/$defs/AuditLogEnvelope')
      fail(`${vp}/$ref`, 'a variant must apply "#/$defs/AuditLogEnvelope"');
    const properties = variant.properties;
    if (!isObject(properties)) return fail(`${vp}/properties`, 'missing');
    const typeSchema = properties.type;
    if (!isObject(typeSchema) || typeof typeSchema.const !== 'string') {
      return fail(`${vp}/properties/type`, 'a variant must pin "type" with a string "const"');
    }
    const type = typeSchema.const;
    if (!types.includes(type))
      fail(`${vp}/properties/type/const`, `"${type}" is not in the catalog (AuditLogEventType)`);
    if (byType.has(type))
      fail(`${vp}/properties/type/const`, `"${type}" already has a variant (${byType.get(type)!.variantDef})`);
    const expectedName = `${pascalCase(type)}AuditLog`;
    if (variantDef !== expectedName) fail(vp, `the variant of "${type}" must be named "${expectedName}"`);
    if (!Array.isArray(variant.required) || !variant.required.includes('type'))
      fail(`${vp}/required`, 'must require "type"');

    const detailKeys = Object.keys(properties).filter((key) => key !== 'type');
    if (detailKeys.length > 1 || (detailKeys.length === 1 && detailKeys[0] !== type)) {
      fail(
        `${vp}/properties`,
        `the only details key of a variant must equal its type "${type}" (found ${detailKeys.map((k) => `"${k}"`).join(', ')})`,
      );
    }
    let detailsDef: string | undefined;
    if (detailKeys.length === 1) {
      const detailsRef = (properties[type] as JsonSchema).$ref;
      const expected = `#/$defs/${pascalCase(type)}Details`;
      if (detailsRef !== expected) fail(`${vp}/properties/${pointerToken(type)}/$ref`, `must be "${expected}"`);
      detailsDef = `${pascalCase(type)}Details`;
      if (!isObject(asDefs[detailsDef])) fail(defPointer(detailsDef), 'missing');
      const shared = (detailsProperties as JsonSchema)[type];
      if (!isObject(shared) || shared.$ref !== expected) {
        fail(
          `${defPointer('AuditLogDetails')}/properties/${pointerToken(type)}`,
          `must be {"$ref": "${expected}"} like the variant`,
        );
      }
    }
    const resource = variant['x-resource'];
    const action = variant['x-action'];
    if (typeof resource !== 'string' || typeof action !== 'string' || `${resource}.${action}` !== type) {
      fail(vp, `"x-resource" and "x-action" must be strings that join with "." to "${type}"`);
    }
    if (typeof variant.description !== 'string' || variant.description.trim() === '')
      fail(`${vp}/description`, 'missing');
    const name = pascalCase(type);
    if (names.has(name)) fail(vp, `"${type}" and "${names.get(name)}" both become ${name}`);
    names.set(name, type);
    byType.set(type, {
      type,
      name,
      resource: resource as string,
      action: action as string,
      description: variant.description as string,
      detailsDef,
      variantDef,
    });
  });
  types.forEach((type, index) => {
    if (!byType.has(type))
      fail(`${defPointer('AuditLogEventType')}/enum/${index}`, `"${type}" has no variant in the root oneOf`);
  });
  for (const key of Object.keys(detailsProperties as object)) {
    if (!byType.get(key)?.detailsDef) {
      fail(
        `${defPointer('AuditLogDetails')}/properties/${pointerToken(key)}`,
        `"${key}" is not the details key of any variant`,
      );
    }
  }

  checkReferences(schema, asDefs, fail);
  checkDescriptions(schema, '', fail);

  const events = types.map((type) => byType.get(type)!);
  const resources: ResourceModel[] = [];
  for (const event of events) {
    let group = resources.find((r) => r.resource === event.resource);
    if (!group) {
      group = { resource: event.resource, unionName: `${pascalCase(event.resource)}AuditLog`, events: [] };
      if (names.has(pascalCase(event.resource))) {
        fail(
          defPointer(event.variantDef),
          `resource "${event.resource}" would share the name ${group.unionName} with an event`,
        );
      }
      resources.push(group);
    }
    group.events.push(event);
  }
  return { file, schema, defs: asDefs, events, resources };
}

/** Every "$ref" resolves inside the document, and every definition is reached from an entry point. */
function checkReferences(
  schema: JsonSchema,
  defs: Record<string, JsonSchema>,
  fail: (pointer: string, problem: string) => never,
): void {
  const reached = new Set<string>();
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${pointer}/${i}`));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$defs' && pointer === '') continue;
      if (key === '$ref') {
        if (value === '#') continue;
        const match = typeof value === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(value) : null;
        if (!match || !defs[match[1]!])
          fail(`${pointer}/$ref`, `"${String(value)}" does not name a definition in $defs`);
        const name = match[1]!;
        if (!reached.has(name)) {
          reached.add(name);
          visit(defs[name], defPointer(name));
        }
        continue;
      }
      visit(value, `${pointer}/${pointerToken(key)}`);
    }
  };
  visit(schema, '');
  for (const name of ENTRY_DEFS) {
    reached.add(name);
    visit(defs[name], defPointer(name));
  }
  for (const name of Object.keys(defs)) {
    if (!reached.has(name)) fail(defPointer(name), 'unused definition: nothing refers to it');
  }
}

/** Every entry of every "properties" map carries a non-empty description. */
function checkDescriptions(node: unknown, pointer: string, fail: (pointer: string, problem: string) => never): void {
  if (Array.isArray(node)) return node.forEach((item, i) => checkDescriptions(item, `${pointer}/${i}`, fail));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${pointerToken(key)}`;
    if (key === 'properties' && isObject(value)) {
      for (const [name, property] of Object.entries(value)) {
        const description = isObject(property) ? property.description : undefined;
        if (typeof description !== 'string' || description.trim() === '') {
          fail(`${at}/${pointerToken(name)}`, 'every property needs a "description"');
        }
      }
    }
    checkDescriptions(value, at, fail);
  }
}

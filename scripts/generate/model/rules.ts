/**
 * The rules of schema/README.md, one named rule each, in the same order. A violation throws a
 * SchemaError naming the JSON path, so `npm run generate` stops before writing anything.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { meaningByRule, escapePointerToken as pointerToken, pascalCase } from '../../../src/internal.ts';
import { isObject, SOURCE_ANNOTATIONS } from '../../shared/schema-shape.ts';
import { forEachSchema, type JsonSchema } from '../../shared/schema-traversal.ts';
import { guardName, kebabCase, RESERVED_SCHEMA_NAMES, schemaName } from '../naming.ts';
import {
  ENTRY_DEFS,
  PLACEHOLDER_PREFIX,
  REQUIRED_DEFS,
  type CheckOptions,
  type EventModel,
  type EventNames,
} from './model.ts';
import { checkMeanings } from './meaning-rule.ts';
import { unionsOf } from './unions.ts';

/** Definitions whose `properties` the generators read, with the one field each needs by name. */
const REQUIRED_FIELDS: [definition: string, field?: string][] = [
  ['AuditLogEnvelope', 'type'],
  ['ListAuditLogsResponse', 'data'],
  ['ListAuditLogsParams'],
];
/** The keywords the compiled validators run without a runtime helper (rule 9). */
const COMPILED_KEYWORDS = ['type', 'properties', 'required', 'items', 'enum', 'const', 'anyOf', '$ref'];
/** Keywords that only annotate (never validate), allowed everywhere. */
const ANNOTATIONS = ['$schema', '$id', '$comment', '$defs', 'title', 'description', 'examples', 'deprecated'];
/** Only for documentation of the query parameters, which are not compiled (rule 9). */
const PARAMETER_KEYWORDS = ['minimum', 'maximum', 'default'];

export const defPointer = (name: string) => `/$defs/${pointerToken(name)}`;

/** What the rules share: the document, and what earlier rules established. */
export interface Context {
  schema: JsonSchema;
  defs: Record<string, JsonSchema>;
  fail: (pointer: string, problem: string) => never;
  options: CheckOptions;
  /** The catalog (rule 2). */
  types: string[];
  /** Each root `oneOf` entry's definition name (rule 3). */
  variantDefs: string[];
  /** The events, in catalog order (rule 4). */
  events: EventModel[];
}

/** A rule of schema/README.md: its number there, its name, and the check. */
export interface SchemaRule {
  number: number;
  name: string;
  check: (context: Context) => void;
}

export const SCHEMA_RULES: readonly SchemaRule[] = [
  {
    number: 1,
    name: 'Valid JSON Schema 2020-12',
    check({ schema, fail }) {
      const ajv = new Ajv2020.default({ strict: false });
      if (!ajv.validateSchema(schema)) {
        const first = ajv.errors![0]!;
        fail(first.instancePath, `not valid against the JSON Schema 2020-12 meta-schema: ${first.message}`);
      }
      if (!isObject(schema.$defs)) return fail('/$defs', 'missing');
      for (const name of REQUIRED_DEFS) if (!isObject(schema.$defs[name])) return fail(defPointer(name), 'missing');
      // The fields the generators read by name.
      for (const [name, field] of REQUIRED_FIELDS) {
        const properties = (schema.$defs[name] as JsonSchema).properties;
        if (!isObject(properties)) return fail(`${defPointer(name)}/properties`, 'missing');
        if (field !== undefined && !isObject(properties[field]))
          return fail(`${defPointer(name)}/properties/${pointerToken(field)}`, 'missing');
      }
    },
  },
  {
    number: 2,
    name: 'The catalog',
    check(context) {
      const { defs, fail } = context;
      const at = `${defPointer('AuditLogEventType')}/enum`;
      const catalog = defs.AuditLogEventType!.enum;
      if (!Array.isArray(catalog) || catalog.length === 0 || !catalog.every((type) => typeof type === 'string')) {
        fail(at, 'must be a non-empty array of event type strings');
      }
      const types = catalog as string[];
      types.forEach((type, index) => {
        if (types.indexOf(type) !== index) return fail(`${at}/${index}`, `duplicate event type "${type}"`);
        if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(type))
          return fail(`${at}/${index}`, `"${type}" is not of the form resource.action`);
      });
      context.types = types;
    },
  },
  {
    number: 3,
    name: 'One variant per event type',
    check(context) {
      const { schema, defs, types, fail } = context;
      if (schema.$ref !== '#/$defs/AuditLogDetails')
        return fail('/$ref', 'the root must apply "#/$defs/AuditLogDetails"');
      if (!Array.isArray(schema.oneOf)) return fail('/oneOf', 'the root must be a oneOf of the event variants');
      const byType = new Map<string, string>();
      context.variantDefs = (schema.oneOf as unknown[]).map((entry, index) => {
        const ref = isObject(entry) ? entry.$ref : undefined;
        if (typeof ref !== 'string' || !ref.startsWith('#/$defs/') || Object.keys(entry as object).length !== 1) {
          return fail(`/oneOf/${index}`, 'each variant must be exactly {"$ref": "#/$defs/<Name>AuditLog"}');
        }
        const variantDef = ref.slice('#/$defs/'.length);
        const variant = defs[variantDef];
        if (!isObject(variant)) return fail(`/oneOf/${index}`, `refers to a missing definition "${variantDef}"`);
        const type =
          isObject(variant.properties) && isObject(variant.properties.type) ? variant.properties.type.const : undefined;
        const at = `${defPointer(variantDef)}/properties/type`;
        if (typeof type !== 'string') return fail(at, 'a variant must pin "type" with a string "const"');
        if (!types.includes(type)) return fail(`${at}/const`, `"${type}" is not in the catalog (AuditLogEventType)`);
        if (byType.has(type)) return fail(`${at}/const`, `"${type}" already has a variant (${byType.get(type)})`);
        byType.set(type, variantDef);
        return variantDef;
      });
      types.forEach((type, index) => {
        if (!byType.has(type)) {
          fail(`${defPointer('AuditLogEventType')}/enum/${index}`, `"${type}" has no variant in the root oneOf`);
        }
      });
    },
  },
  {
    number: 4,
    name: 'A variant',
    check(context) {
      const events = context.variantDefs.map((variantDef) => eventOf(variantDef, context));
      context.events = context.types.map((type) => events.find((event) => event.type === type)!);
    },
  },
  {
    number: 5,
    name: 'AuditLogDetails lists every details key',
    check({ defs, events, fail }) {
      const at = defPointer('AuditLogDetails');
      const properties = defs.AuditLogDetails!.properties;
      if (!isObject(properties)) return fail(`${at}/properties`, 'missing');
      for (const event of events.filter((candidate) => candidate.detailsDef)) {
        const entry = properties[event.type];
        const expected = `#/$defs/${event.detailsDef}`;
        if (!isObject(entry) || entry.$ref !== expected) {
          fail(`${at}/properties/${pointerToken(event.type)}`, `must be {"$ref": "${expected}"} like the variant`);
        }
      }
      for (const key of Object.keys(properties)) {
        if (!events.some((event) => event.type === key && event.detailsDef)) {
          fail(`${at}/properties/${pointerToken(key)}`, `"${key}" is not the details key of any variant`);
        }
      }
    },
  },
  { number: 6, name: 'No unused definitions', check: checkReferences },
  { number: 7, name: 'Every property described, no placeholders', check: checkDescriptions },
  {
    number: 8,
    name: 'Open objects',
    check({ schema, fail }) {
      forEachSchema(schema, (node, pointer) => {
        for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
          if (node[keyword] !== undefined)
            return fail(`${pointer}/${keyword}`, 'objects stay open: real payloads carry undocumented fields');
        }
      });
    },
  },
  {
    number: 9,
    name: 'Only keywords the compiled validators run without helpers',
    check({ schema, fail }) {
      forEachSchema(schema, (node, pointer) => {
        const parameters = pointer.startsWith(defPointer('ListAuditLogsParams'));
        for (const keyword of Object.keys(node)) {
          const allowed =
            COMPILED_KEYWORDS.includes(keyword) ||
            ANNOTATIONS.includes(keyword) ||
            keyword.startsWith('x-') ||
            (keyword === 'oneOf' && pointer === '') ||
            (parameters && PARAMETER_KEYWORDS.includes(keyword));
          if (!allowed)
            return fail(
              `${pointer}/${pointerToken(keyword)}`,
              `"${keyword}" is not a keyword the compiled validators run`,
            );
        }
      });
    },
  },
  {
    number: 10,
    name: 'Fields from other sources are marked',
    check({ schema, events, fail }) {
      // An event type only the SDK declares is marked on its variant.
      const variants = new Set(events.map((event) => defPointer(event.variantDef)));
      forEachSchema(schema, (node, pointer) => {
        for (const annotation of Object.keys(SOURCE_ANNOTATIONS)) {
          const mark = node[annotation];
          if (mark === undefined) continue;
          if (mark !== true) return fail(`${pointer}/${annotation}`, 'must be true');
          if (annotation === 'x-sdk' && variants.has(pointer)) continue;
          if (!/\/properties\/[^/]+$/.test(pointer))
            return fail(
              `${pointer}/${annotation}`,
              annotation === 'x-sdk'
                ? 'marks a property or an event variant, nothing else'
                : 'marks a property, nothing else',
            );
        }
      });
    },
  },
  {
    number: 11,
    name: 'One name per type',
    check(context) {
      const names = new Map<string, string>();
      const claim = (name: string, owner: string, pointer: string) => {
        if (names.has(name)) context.fail(pointer, `${owner} and ${names.get(name)} would both be named ${name}`);
        names.set(name, owner);
      };
      for (const event of context.events)
        claim(event.variantDef, `event "${event.type}"`, defPointer(event.variantDef));
      const { resources, groups } = unionsOf(context.events);
      for (const union of [...resources, ...groups]) {
        claim(union.unionName, `the union of "${union.resource}"`, defPointer(union.events[0]!.variantDef));
      }
      // Each event's Standard Schema constant must not shadow the ones of the whole union.
      const schemas = new Map(RESERVED_SCHEMA_NAMES.map((name) => [name, 'openai-audit-logs/standard-schema']));
      for (const event of context.events) {
        const name = schemaName(event.type);
        if (schemas.has(name))
          context.fail(
            defPointer(event.variantDef),
            `its Standard Schema would be named ${name}, which ${schemas.get(name)} uses`,
          );
        schemas.set(name, `event "${event.type}"`);
      }
    },
  },
  { number: 12, name: 'Meanings agree with OCSF and ECS', check: checkMeanings },
];

/** Rule 4: one variant definition, checked, as an event. */
function eventOf(variantDef: string, { defs, fail }: Context): EventModel {
  const variant = defs[variantDef]!;
  const at = defPointer(variantDef);
  const properties = variant.properties as JsonSchema;
  const type = (properties.type as JsonSchema).const as string;
  const name = pascalCase(type);
  if (variantDef !== `${name}AuditLog`) return fail(at, `the variant of "${type}" must be named "${name}AuditLog"`);
  if (variant.$ref !== '#/$defs/AuditLogEnvelope')
    return fail(`${at}/$ref`, 'a variant must apply "#/$defs/AuditLogEnvelope"');
  if (!Array.isArray(variant.required) || !variant.required.includes('type'))
    return fail(`${at}/required`, 'must require "type"');
  const detailKeys = Object.keys(properties).filter((key) => key !== 'type');
  if (detailKeys.length > 1 || (detailKeys.length === 1 && detailKeys[0] !== type)) {
    const found = detailKeys.map((key) => `"${key}"`).join(', ');
    fail(`${at}/properties`, `the only details key of a variant must equal its type "${type}" (found ${found})`);
  }
  let detailsDef: string | undefined;
  if (detailKeys.length === 1) {
    detailsDef = `${name}Details`;
    const expected = `#/$defs/${detailsDef}`;
    if ((properties[type] as JsonSchema).$ref !== expected)
      return fail(`${at}/properties/${pointerToken(type)}/$ref`, `must be "${expected}"`);
    if (!isObject(defs[detailsDef])) return fail(defPointer(detailsDef), 'missing');
  }
  const [resource, action] = [variant['x-resource'], variant['x-action']];
  if (typeof resource !== 'string' || typeof action !== 'string' || `${resource}.${action}` !== type) {
    return fail(at, `"x-resource" and "x-action" must be strings that join with "." to "${type}"`);
  }
  if (typeof variant.description !== 'string' || variant.description.trim() === '')
    return fail(`${at}/description`, 'missing');
  return {
    type,
    name,
    resource,
    action,
    description: variant.description,
    ...(detailsDef ? { detailsDef } : {}),
    variantDef,
    names: namesOf(type, variantDef, detailsDef),
    meaning: meaningByRule(resource, action),
  };
}

/** Every name derived from one event type. */
function namesOf(type: string, variantDef: string, detailsDef: string | undefined): EventNames {
  const module = kebabCase(type);
  return {
    interface: variantDef,
    guard: guardName(type),
    schema: schemaName(type),
    module,
    ...(detailsDef ? { detailsValidator: `validate${detailsDef}`, detailsModule: `validators/details/${module}` } : {}),
    shapeValidator: `validate${pascalCase(type)}Shape`,
  };
}

/** Rule 6: every "$ref" resolves inside the document, and every definition is reached from an entry point. */
function checkReferences({ schema, defs, fail }: Context): void {
  const reached = new Set<string>();
  const visit = (node: JsonSchema, pointer: string): void => {
    const value = node.$ref;
    if (value === undefined || value === '#') return;
    const match = typeof value === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(value) : null;
    if (!match || !defs[match[1]!])
      return fail(`${pointer}/$ref`, `${JSON.stringify(value)} does not name a definition in $defs`);
    const name = match[1]!;
    if (reached.has(name)) return;
    reached.add(name);
    forEachSchema(defs[name], visit, defPointer(name));
  };
  // The root without its $defs: a definition counts as used when something reaches it.
  const { $defs: _defs, ...root } = schema;
  forEachSchema(root, visit);
  for (const name of ENTRY_DEFS) {
    reached.add(name);
    forEachSchema(defs[name], visit, defPointer(name));
  }
  for (const name of Object.keys(defs))
    if (!reached.has(name)) return fail(defPointer(name), 'unused definition: nothing refers to it');
}

/**
 * Rule 7: every entry of every "properties" map carries a description, and no description anywhere
 * is a placeholder left by `sync --write`. Placeholders are reported together, every JSON path.
 */
function checkDescriptions({ schema, fail, options }: Context): void {
  const placeholders: string[] = [];
  forEachSchema(schema, (node, pointer) => {
    if (typeof node.description === 'string' && node.description.trim().startsWith(PLACEHOLDER_PREFIX))
      placeholders.push(pointer);
    if (!isObject(node.properties)) return;
    for (const [name, property] of Object.entries(node.properties)) {
      const description = isObject(property) ? property.description : undefined;
      if (typeof description !== 'string' || description.trim() === '') {
        fail(`${pointer}/properties/${pointerToken(name)}`, 'every property needs a "description"');
      }
    }
  });
  if (placeholders.length > 0 && !options.allowPlaceholders) {
    const list = placeholders.map((pointer) => `\n  #${pointer}/description`).join('');
    fail(
      placeholders[0]!,
      `${placeholders.length} placeholder description(s) to write in the project's own words:${list}`,
    );
  }
}

/**
 * `npm run sync -- <doc> --write`: rewrites the canonical schema so it matches an OpenAPI
 * document, keeping everything the document does not contradict (descriptions, key order,
 * bounds such as `minimum`) so that the diff shows only what changed upstream.
 */
import { escapePointerToken as pointerToken, pascalCase } from '../../src/internal.ts';
import { checkSchema } from '../generate/schema-model.ts';
import { NAMED_COMPONENTS } from '../shared/audit-log-api.ts';
import { isObject, ownKey, schemaLookup, shapeOf, type JsonSchema } from '../shared/schema-shape.ts';
import { documentLookup, envelopeOf, parametersAsObject } from './compare.ts';
import { componentName, type AuditLogDocument } from './openapi-document.ts';

export interface WriteResult {
  schema: JsonSchema;
  /** JSON pointers (into the written schema) of descriptions made up because the document has none. */
  placeholders: string[];
}

/** Keywords carried over from the document; everything else (examples, formats, x-*) is left behind. */
const KEPT = [
  'type',
  'const',
  'enum',
  'minimum',
  'maximum',
  'default',
  'items',
  'anyOf',
  'oneOf',
  'allOf',
  'required',
  'properties',
];
const NAMED = new Set<string>(NAMED_COMPONENTS);

/** Rebuilds `object` with `entries` inserted right after `afterKey` (or first when it is undefined). */
function insertAfter<T>(
  object: Record<string, T>,
  afterKey: string | undefined,
  entries: [string, T][],
): Record<string, T> {
  const out: Record<string, T> = {};
  if (afterKey === undefined) for (const [key, value] of entries) out[key] = value;
  for (const [key, value] of Object.entries(object)) {
    out[key] = value;
    if (key === afterKey) for (const [k, v] of entries) out[k] = v;
  }
  return out;
}

/** `ours` without the items `theirs` lacks, and with the items only `theirs` has placed after their predecessor in `theirs`. */
export function mergeOrder(ours: string[], theirs: string[]): string[] {
  const keep = new Set(theirs);
  const out = ours.filter((item) => keep.has(item));
  theirs.forEach((item, index) => {
    if (out.includes(item)) return;
    const before = theirs
      .slice(0, index)
      .reverse()
      .find((previous) => out.includes(previous));
    out.splice(before === undefined ? 0 : out.indexOf(before) + 1, 0, item);
  });
  return out;
}

export function writeSchema(current: JsonSchema, document: AuditLogDocument): WriteResult {
  const schema = structuredClone(current) as JsonSchema & { $defs: Record<string, JsonSchema> };
  const placeholders: string[] = [];
  const lookup = documentLookup(document);

  /** An OpenAPI schema node in the canonical schema's form; `pointer` is where it will be written. */
  const convert = (node: unknown, pointer: string, name: string): JsonSchema => {
    if (!isObject(node)) return {};
    if (typeof node.$ref === 'string') {
      const target = componentName(node.$ref);
      const description = typeof node.description === 'string' ? node.description.trim() : undefined;
      if (target === 'AuditLog') return withDescription({ $ref: '#' }, description);
      if (target && NAMED.has(target)) return withDescription({ $ref: `#/$defs/${target}` }, description);
      const inlined = convert(lookup(node.$ref).node, pointer, name);
      return description ? { ...inlined, description } : inlined;
    }
    const out: JsonSchema = {};
    if (typeof node.description === 'string') out.description = node.description.trim();
    for (const keyword of KEPT) {
      const value = node[keyword];
      if (value === undefined) continue;
      if (keyword === 'properties' && isObject(value)) {
        out.properties = Object.fromEntries(
          Object.entries(value).map(([key, sub]) => [
            key,
            describe(
              convert(sub, `${pointer}/properties/${pointerToken(key)}`, key),
              `${pointer}/properties/${pointerToken(key)}`,
              key,
            ),
          ]),
        );
      } else if (keyword === 'items') {
        out.items = convert(value, `${pointer}/items`, name);
      } else if (Array.isArray(value) && ['anyOf', 'oneOf', 'allOf'].includes(keyword)) {
        out[keyword] = value.map((branch, index) => convert(branch, `${pointer}/${keyword}/${index}`, name));
      } else {
        out[keyword] = structuredClone(value);
      }
    }
    if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
    return out;
  };
  const withDescription = (node: JsonSchema, description: string | undefined): JsonSchema =>
    description ? { description, ...node } : node;
  /** Every property needs a description: a made-up one is recorded so the report can say so. */
  const describe = (node: JsonSchema, pointer: string, name: string): JsonSchema => {
    if (typeof node.description === 'string' && node.description !== '') return node;
    placeholders.push(pointer);
    return { description: `The \`${name}\` field (the OpenAPI document does not describe it).`, ...node };
  };

  /**
   * `ours` updated to `theirs`: ours is kept wherever theirs agrees on the JSON type, the enum
   * and the reference; properties are merged name by name, descriptions kept.
   */
  const update = (ours: JsonSchema, theirs: unknown, pointer: string, name: string): JsonSchema => {
    if (
      typeof ours.$ref === 'string' &&
      ours.$ref.startsWith('#/$defs/') &&
      !NAMED.has(ours.$ref.slice(8)) &&
      !isReference(theirs)
    ) {
      // An inlined local definition (AuditLogProject, a details object): update it in place.
      const defName = ours.$ref.slice(8);
      schema.$defs[defName] = update(schema.$defs[defName]!, theirs, `/$defs/${pointerToken(defName)}`, name);
      return ours;
    }
    if (!agree(ours, theirs)) {
      const converted = convert(theirs, pointer, name);
      const keep = Object.fromEntries(
        Object.entries(ours).filter(([key]) => key === 'description' || key.startsWith('x-')),
      );
      return carryDescriptions({ ...keep, ...converted, ...keep }, ours);
    }
    const out: JsonSchema = { ...ours };
    const theirsNode = resolveInline(theirs);
    if (isObject(out.properties) || isObject(theirsNode.properties)) {
      const oursProperties = (out.properties ?? {}) as Record<string, JsonSchema>;
      const theirsProperties = (theirsNode.properties ?? {}) as Record<string, unknown>;
      const order = mergeOrder(Object.keys(oursProperties), Object.keys(theirsProperties));
      out.properties = Object.fromEntries(
        order.map((key) => {
          const at = `${pointer}/properties/${pointerToken(key)}`;
          return [
            key,
            oursProperties[key]
              ? update(oursProperties[key], theirsProperties[key], at, key)
              : describe(convert(theirsProperties[key], at, key), at, key),
          ];
        }),
      );
      if (Object.keys(out.properties as object).length === 0 && !isObject(theirsNode.properties)) delete out.properties;
    }
    const required = Array.isArray(theirsNode.required) ? theirsNode.required.map(String) : [];
    const oursRequired = Array.isArray(out.required) ? out.required.map(String) : [];
    if (required.length > 0) out.required = mergeOrder(oursRequired, required);
    else delete out.required;
    if (isObject(out.items) && theirsNode.items !== undefined)
      out.items = update(out.items, theirsNode.items, `${pointer}/items`, name);
    return reorderLike(out, ours);
  };
  const isReference = (node: unknown) =>
    isObject(node) && typeof node.$ref === 'string' && NAMED.has(componentName(node.$ref) ?? '');
  /** The node itself, or the component it inlines. */
  const resolveInline = (node: unknown): JsonSchema => {
    if (!isObject(node)) return {};
    if (typeof node.$ref === 'string' && !isReference(node) && componentName(node.$ref) !== 'AuditLog')
      return resolveInline(lookup(node.$ref).node);
    return node;
  };
  /** What must agree for ours to be kept: JSON type, enum and reference (fields and items are merged one by one). */
  const oursLookup = schemaLookup(schema.$defs);
  const agree = (ours: JsonSchema, theirs: unknown) =>
    ownKey(shapeOf(ours, oursLookup)) === ownKey(shapeOf(theirs, lookup));

  // The catalog: AuditLogEventType, the root oneOf, the variants, details definitions and AuditLogDetails.
  const defs = schema.$defs;
  const oursTypes = (defs.AuditLogEventType!.enum as string[]).slice();
  const types = mergeOrder(oursTypes, document.eventTypes);
  const logProperties = document.auditLog.properties as Record<string, unknown>;
  const removed = oursTypes.filter((type) => !types.includes(type));
  for (const type of removed) {
    delete defs[`${pascalCase(type)}AuditLog`];
    delete defs[`${pascalCase(type)}Details`];
  }
  defs.AuditLogEventType!.enum = types;

  let lastEventDef: string | undefined = Object.keys(defs)
    .filter((key) => key.startsWith('AuditLogActor'))
    .pop();
  const detailsProperties = defs.AuditLogDetails!.properties as Record<string, JsonSchema>;
  for (const type of types) {
    const name = pascalCase(type);
    const [variantDef, detailsDef] = [`${name}AuditLog`, `${name}Details`];
    const theirsDetails = logProperties[type];
    const detailsReference = { description: `Details of the \`${type}\` event.`, $ref: `#/$defs/${detailsDef}` };
    const newEntries: [string, JsonSchema][] = [];
    if (theirsDetails !== undefined && !defs[detailsDef]) {
      const converted = convert(theirsDetails, `/$defs/${pointerToken(detailsDef)}`, type);
      delete converted.description;
      newEntries.push([detailsDef, { description: `Details carried by \`${type}\` events.`, ...converted }]);
    } else if (theirsDetails !== undefined) {
      defs[detailsDef] = update(defs[detailsDef]!, theirsDetails, `/$defs/${pointerToken(detailsDef)}`, type);
    } else if (defs[detailsDef]) {
      delete defs[detailsDef];
    }
    if (!defs[variantDef]) {
      const dot = type.lastIndexOf('.');
      newEntries.push([
        variantDef,
        {
          description: `An audit log of type \`${type}\` (added from the OpenAPI document; describe it in the project's words).`,
          'x-resource': type.slice(0, dot),
          'x-action': type.slice(dot + 1),
          $ref: '#/$defs/AuditLogEnvelope',
          required: ['type'],
          properties: { type: { description: `Always \`${type}\`.`, const: type } },
        },
      ]);
      placeholders.push(`/$defs/${pointerToken(variantDef)}/description`);
    }
    const variantProperties = (newEntries.find(([key]) => key === variantDef)?.[1] ?? defs[variantDef]!)
      .properties as Record<string, JsonSchema>;
    if (theirsDetails !== undefined) variantProperties[type] ??= detailsReference;
    else delete variantProperties[type];
    if (newEntries.length > 0) {
      const replaced = insertAfter(defs, lastEventDef, newEntries);
      for (const key of Object.keys(defs)) delete defs[key];
      Object.assign(defs, replaced);
    }
    const keys = Object.keys(defs);
    lastEventDef = keys.indexOf(variantDef) > keys.indexOf(detailsDef) ? variantDef : detailsDef;
  }
  const withDetails = types.filter((type) => logProperties[type] !== undefined);
  defs.AuditLogDetails!.properties = Object.fromEntries(
    mergeOrder(Object.keys(detailsProperties), withDetails).map((type) => [
      type,
      detailsProperties[type] ?? {
        description: `Details of the \`${type}\` event.`,
        $ref: `#/$defs/${pascalCase(type)}Details`,
      },
    ]),
  );
  const variants = (schema.oneOf as { $ref: string }[]).map((entry) => entry.$ref.slice('#/$defs/'.length));
  schema.oneOf = mergeOrder(
    variants,
    types.map((type) => `${pascalCase(type)}AuditLog`),
  ).map((name) => ({ $ref: `#/$defs/${name}` }));

  // The shared parts: envelope (AuditLog without the details keys), actors, page and parameters.
  defs.AuditLogEnvelope = update(defs.AuditLogEnvelope!, envelopeOf(document), '/$defs/AuditLogEnvelope', 'AuditLog');
  for (const name of NAMED_COMPONENTS) {
    if (name !== 'AuditLogEventType' && defs[name] && document.components[name]) {
      defs[name] = update(defs[name], document.components[name], `/$defs/${name}`, name);
    }
  }
  defs.ListAuditLogsResponse = update(
    defs.ListAuditLogsResponse!,
    document.page,
    '/$defs/ListAuditLogsResponse',
    'page',
  );
  defs.ListAuditLogsParams = update(
    defs.ListAuditLogsParams!,
    parametersAsObject(document),
    '/$defs/ListAuditLogsParams',
    'parameters',
  );

  // The written schema must be one the generators accept.
  checkSchema(schema);
  return { schema, placeholders };
}

/** Descriptions of `ours` carried into `replacement` wherever a property of the same name survives. */
function carryDescriptions(replacement: JsonSchema, ours: JsonSchema): JsonSchema {
  if (typeof ours.description === 'string') replacement.description = ours.description;
  for (const keyword of ['items'] as const) {
    if (isObject(replacement[keyword]) && isObject(ours[keyword]))
      carryDescriptions(replacement[keyword], ours[keyword]);
  }
  if (isObject(replacement.properties) && isObject(ours.properties)) {
    for (const [key, sub] of Object.entries(replacement.properties)) {
      if (isObject(sub) && isObject(ours.properties[key])) carryDescriptions(sub, ours.properties[key]);
    }
  }
  return replacement;
}

/** `node`'s keys in the order `like` had them, new keys at the end: minimal diffs. */
function reorderLike(node: JsonSchema, like: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const key of Object.keys(like)) if (key in node) out[key] = node[key];
  for (const key of Object.keys(node)) if (!(key in out)) out[key] = node[key];
  return out;
}

/** The file's format: 2-space JSON with a trailing newline. */
export const formatSchema = (schema: JsonSchema): string => `${JSON.stringify(schema, null, 2)}\n`;

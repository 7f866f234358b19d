/**
 * `npm run sync -- <doc> --write`: rewrites the canonical schema so it matches an OpenAPI
 * document, keeping everything the document does not contradict (descriptions, key order, bounds
 * such as `minimum`, fields observed in genuine payloads, event types and fields marked `x-sdk`) so
 * that the diff shows only what changed upstream. No description is taken from the document:
 * every new one is a `TODO:` placeholder, which generation refuses until it is written in the
 * project's own words.
 */
import { escapePointerToken as pointerToken, pascalCase } from '../../src/internal.ts';
import { checkSchema, PLACEHOLDER_PREFIX } from '../generate/model/index.ts';
import { ACTOR_COMPONENTS, isNamedComponent } from '../shared/audit-log-api.ts';
import {
  isObject,
  ownKey,
  schemaLookup,
  shapeOf,
  sourceOf,
  type JsonSchema,
  type Lookup,
} from '../shared/schema-shape.ts';
import { documentLookup, envelopeOf, parametersAsObject } from './compare.ts';
import { componentName, type AuditLogDocument } from './openapi-document.ts';

export interface WriteResult {
  schema: JsonSchema;
  /** JSON pointers (into the written schema) of the placeholder descriptions to write. */
  placeholders: string[];
}

type Schema = JsonSchema & { $defs: Record<string, JsonSchema> };

/** Keywords carried over from the document; everything else (descriptions, examples, formats, x-*) is left behind. */
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

/**
 * `ours` without the items `theirs` lacks (unless `keep` says otherwise), and with the items only
 * `theirs` has placed after their predecessor in `theirs`.
 */
export function mergeOrder(ours: string[], theirs: string[], keep: (item: string) => boolean = () => false): string[] {
  const inTheirs = new Set(theirs);
  const out = ours.filter((item) => inTheirs.has(item) || keep(item));
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

/** A field from elsewhere than OpenAI's document (genuine payloads, the SDK): kept when the document lacks it. */
const isObserved = (node: unknown) => isObject(node) && sourceOf(node) !== undefined;

/** Descriptions of `ours` carried into `replacement` wherever a property of the same name survives. */
function carryDescriptions(replacement: JsonSchema, ours: JsonSchema): JsonSchema {
  if (typeof ours.description === 'string') replacement.description = ours.description;
  if (isObject(replacement.items) && isObject(ours.items)) carryDescriptions(replacement.items, ours.items);
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

/** Converts and merges OpenAPI nodes into the schema being written, recording every placeholder. */
class SchemaWriter {
  readonly placeholders: string[] = [];
  private readonly theirs: Lookup;
  private readonly ours: Lookup;

  constructor(
    readonly schema: Schema,
    document: AuditLogDocument,
  ) {
    this.theirs = documentLookup(document);
    this.ours = schemaLookup(schema.$defs);
  }

  /** A placeholder description at `pointer`, listed for the report. */
  placeholder(pointer: string, what: string): string {
    this.placeholders.push(pointer);
    return `${PLACEHOLDER_PREFIX} describe ${what} in the project's own words.`;
  }

  /** An OpenAPI schema node in the canonical schema's form (without its description); `pointer` is where it goes. */
  convert(node: unknown, pointer: string): JsonSchema {
    if (!isObject(node)) return {};
    if (typeof node.$ref === 'string') {
      const target = componentName(node.$ref);
      if (target === 'AuditLog') return { $ref: '#' };
      if (target && isNamedComponent(target)) return { $ref: `#/$defs/${target}` };
      return this.convert(this.theirs(node.$ref).node, pointer);
    }
    const out: JsonSchema = {};
    for (const keyword of KEPT) {
      const value = node[keyword];
      if (value === undefined) continue;
      if (keyword === 'properties' && isObject(value)) {
        out.properties = Object.fromEntries(
          Object.entries(value).map(([key, sub]) => {
            const at = `${pointer}/properties/${pointerToken(key)}`;
            return [
              key,
              { description: this.placeholder(`${at}/description`, `\`${key}\``), ...this.convert(sub, at) },
            ];
          }),
        );
      } else if (keyword === 'items') {
        out.items = this.convert(value, `${pointer}/items`);
      } else if (Array.isArray(value) && ['anyOf', 'oneOf', 'allOf'].includes(keyword)) {
        out[keyword] = value.map((branch, index) => this.convert(branch, `${pointer}/${keyword}/${index}`));
      } else {
        out[keyword] = structuredClone(value);
      }
    }
    if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
    return out;
  }

  /** Whether ours can be kept for theirs: same JSON type, enum and reference (fields and items are merged one by one). */
  private agree(ours: JsonSchema, theirs: unknown): boolean {
    return ownKey(shapeOf(ours, this.ours)) === ownKey(shapeOf(theirs, this.theirs));
  }

  private isReference(node: unknown): boolean {
    return isObject(node) && typeof node.$ref === 'string' && isNamedComponent(componentName(node.$ref) ?? '');
  }

  /** The node itself, or the component it inlines. */
  private resolveInline(node: unknown): JsonSchema {
    if (!isObject(node)) return {};
    if (typeof node.$ref === 'string' && !this.isReference(node) && componentName(node.$ref) !== 'AuditLog') {
      return this.resolveInline(this.theirs(node.$ref).node);
    }
    return node;
  }

  /**
   * `ours` updated to `theirs`: ours is kept wherever theirs agrees on the JSON type, the enum and
   * the reference; properties are merged name by name (observed fields kept), descriptions kept.
   */
  update(ours: JsonSchema, theirs: unknown, pointer: string): JsonSchema {
    const defs = this.schema.$defs;
    if (
      typeof ours.$ref === 'string' &&
      ours.$ref.startsWith('#/$defs/') &&
      !isNamedComponent(ours.$ref.slice(8)) &&
      !this.isReference(theirs)
    ) {
      // An inlined local definition (AuditLogProject, a details object): update it in place.
      const defName = ours.$ref.slice(8);
      defs[defName] = this.update(defs[defName]!, theirs, `/$defs/${pointerToken(defName)}`);
      return ours;
    }
    if (!this.agree(ours, theirs)) {
      const keep = Object.fromEntries(
        Object.entries(ours).filter(([key]) => key === 'description' || key.startsWith('x-')),
      );
      return carryDescriptions({ ...keep, ...this.convert(theirs, pointer), ...keep }, ours);
    }
    const out: JsonSchema = { ...ours };
    const theirsNode = this.resolveInline(theirs);
    if (isObject(out.properties) || isObject(theirsNode.properties)) {
      const oursProperties = (out.properties ?? {}) as Record<string, JsonSchema>;
      const theirsProperties = (theirsNode.properties ?? {}) as Record<string, unknown>;
      const order = mergeOrder(Object.keys(oursProperties), Object.keys(theirsProperties), (key) =>
        isObserved(oursProperties[key]),
      );
      out.properties = Object.fromEntries(
        order.map((key) => {
          const at = `${pointer}/properties/${pointerToken(key)}`;
          const mine = oursProperties[key];
          if (mine !== undefined && (isObserved(mine) || key in theirsProperties)) {
            return [key, key in theirsProperties ? this.update(mine, theirsProperties[key], at) : mine];
          }
          return [
            key,
            {
              description: this.placeholder(`${at}/description`, `\`${key}\``),
              ...this.convert(theirsProperties[key], at),
            },
          ];
        }),
      );
      if (Object.keys(out.properties as object).length === 0 && !isObject(theirsNode.properties)) delete out.properties;
    }
    const required = Array.isArray(theirsNode.required) ? theirsNode.required.map(String) : [];
    if (required.length > 0)
      out.required = mergeOrder(Array.isArray(out.required) ? out.required.map(String) : [], required);
    else delete out.required;
    if (isObject(out.items) && theirsNode.items !== undefined)
      out.items = this.update(out.items, theirsNode.items, `${pointer}/items`);
    return reorderLike(out, ours);
  }
}

/**
 * The catalog's event types after the document: its new ones in place, the ones it removed gone,
 * and those marked `x-sdk` (only the SDK declares them) kept.
 */
function updateEventTypes(schema: Schema, document: AuditLogDocument): string[] {
  const defs = schema.$defs;
  const ours = (defs.AuditLogEventType!.enum as string[]).slice();
  const types = mergeOrder(
    ours,
    document.eventTypes,
    (type) => defs[`${pascalCase(type)}AuditLog`]?.['x-sdk'] === true,
  );
  for (const type of ours.filter((candidate) => !types.includes(candidate))) {
    delete defs[`${pascalCase(type)}AuditLog`];
    delete defs[`${pascalCase(type)}Details`];
  }
  defs.AuditLogEventType!.enum = types;
  return types;
}

/** The variant and details definitions of every event type the document describes, new ones placed after the previous event's. */
function updateEvents(writer: SchemaWriter, document: AuditLogDocument, types: string[]): void {
  const defs = writer.schema.$defs;
  const logProperties = document.auditLog.properties as Record<string, unknown>;
  const described = new Set(document.eventTypes);
  let lastEventDef = Object.keys(defs)
    .filter((key) => key.startsWith('AuditLogActor'))
    .pop();
  for (const type of types) {
    const name = pascalCase(type);
    const [variantDef, detailsDef] = [`${name}AuditLog`, `${name}Details`];
    const keys = () => Object.keys(defs);
    if (!described.has(type)) {
      // Only the SDK declares it (marked x-sdk): left as it is.
      lastEventDef = keys().indexOf(variantDef) > keys().indexOf(detailsDef) ? variantDef : detailsDef;
      continue;
    }
    const theirsDetails = logProperties[type];
    const newEntries: [string, JsonSchema][] = [];
    if (theirsDetails !== undefined && !defs[detailsDef]) {
      newEntries.push([
        detailsDef,
        {
          description: `Details carried by \`${type}\` events.`,
          ...writer.convert(theirsDetails, `/$defs/${pointerToken(detailsDef)}`),
        },
      ]);
    } else if (theirsDetails !== undefined) {
      defs[detailsDef] = writer.update(defs[detailsDef]!, theirsDetails, `/$defs/${pointerToken(detailsDef)}`);
    } else if (defs[detailsDef]) {
      delete defs[detailsDef];
    }
    if (!defs[variantDef]) {
      const dot = type.lastIndexOf('.');
      newEntries.push([
        variantDef,
        {
          description: writer.placeholder(
            `/$defs/${pointerToken(variantDef)}/description`,
            `the \`${type}\` event (what happened, to what, by whom)`,
          ),
          'x-resource': type.slice(0, dot),
          'x-action': type.slice(dot + 1),
          $ref: '#/$defs/AuditLogEnvelope',
          required: ['type'],
          properties: { type: { description: `Always \`${type}\`.`, const: type } },
        },
      ]);
    }
    const variant = newEntries.find(([key]) => key === variantDef)?.[1] ?? defs[variantDef]!;
    const variantProperties = variant.properties as Record<string, JsonSchema>;
    if (theirsDetails !== undefined)
      variantProperties[type] ??= { description: `Details of the \`${type}\` event.`, $ref: `#/$defs/${detailsDef}` };
    else delete variantProperties[type];
    if (newEntries.length > 0) {
      const replaced = insertAfter(defs, lastEventDef, newEntries);
      for (const key of keys()) delete defs[key];
      Object.assign(defs, replaced);
    }
    lastEventDef = keys().indexOf(variantDef) > keys().indexOf(detailsDef) ? variantDef : detailsDef;
  }
}

/** AuditLogDetails and the root oneOf, following the event types. */
function updateCatalogLists(schema: Schema, types: string[]): void {
  const defs = schema.$defs;
  const detailsProperties = defs.AuditLogDetails!.properties as Record<string, JsonSchema>;
  const withDetails = types.filter((type) => defs[`${pascalCase(type)}Details`] !== undefined);
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
}

/** The shared parts: the envelope (AuditLog without the details keys), the actors, the page and the parameters. */
function updateSharedParts(writer: SchemaWriter, document: AuditLogDocument): void {
  const defs = writer.schema.$defs;
  defs.AuditLogEnvelope = writer.update(defs.AuditLogEnvelope!, envelopeOf(document), '/$defs/AuditLogEnvelope');
  for (const name of ACTOR_COMPONENTS) {
    if (defs[name] && document.components[name]) {
      defs[name] = writer.update(defs[name], document.components[name], `/$defs/${name}`);
    }
  }
  defs.ListAuditLogsResponse = writer.update(
    defs.ListAuditLogsResponse!,
    document.page,
    '/$defs/ListAuditLogsResponse',
  );
  defs.ListAuditLogsParams = writer.update(
    defs.ListAuditLogsParams!,
    parametersAsObject(document),
    '/$defs/ListAuditLogsParams',
  );
}

/** The schema `current` brought in line with `document`, and the placeholders left to write. */
export function writeSchema(current: JsonSchema, document: AuditLogDocument): WriteResult {
  const schema = structuredClone(current) as Schema;
  const writer = new SchemaWriter(schema, document);
  const types = updateEventTypes(schema, document);
  updateEvents(writer, document, types);
  updateCatalogLists(schema, types);
  updateSharedParts(writer, document);
  // The written schema must be one the generators accept once its placeholders are written.
  checkSchema(schema, undefined, { allowPlaceholders: true });
  return { schema, placeholders: writer.placeholders };
}

/** The file's format: 2-space JSON with a trailing newline. */
export const formatSchema = (schema: JsonSchema): string => `${JSON.stringify(schema, null, 2)}\n`;

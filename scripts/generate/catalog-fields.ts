/**
 * The event catalog as people read it (generated/catalog.ts, docs/events.md): each details
 * object's fields flattened to paths, with their JSON types and descriptions. An object that is
 * one of several shapes told apart by a field (`provider` with `type` "aws", "azure", ...) lists
 * that field once, with every value, and each shape's fields with the value they go with.
 */
import { describeType, isObject, joinPath, schemaLookup, shapeOf } from '../shared/schema-shape.ts';
import { followReferences, type JsonSchema } from '../shared/schema-traversal.ts';
import type { EventModel, SchemaModel } from './model/index.ts';

export interface CatalogField {
  /** Path inside the details object: `data.scopes`, `configs[].id`. */
  path: string;
  /** JSON type: `string`, `array of string`, `string | null`, with `required` and the shape it belongs to when they apply. */
  type: string;
  description: string;
}

export interface CatalogEntry {
  event: EventModel;
  fields: CatalogField[];
}

/** The fields of `node`, reached at `path`. */
function fieldsOf(node: JsonSchema, path: string, model: SchemaModel): CatalogField[] {
  const resolve = (schema: JsonSchema): JsonSchema => followReferences(schema, model.defs);
  const typeOf = (schema: JsonSchema) => describeType(shapeOf(schema, schemaLookup(model.defs)));
  const out: CatalogField[] = [];
  const visit = (schema: JsonSchema, at: string, note = ''): void => {
    const resolved = resolve(schema);
    const required = new Set((resolved.required ?? []) as string[]);
    for (const [name, sub] of Object.entries((resolved.properties ?? {}) as Record<string, JsonSchema>)) {
      const qualifiers = [required.has(name) ? 'required' : '', note].filter(Boolean).join(', ');
      out.push({
        path: joinPath(at, name),
        type: typeOf(sub) + (qualifiers ? ` (${qualifiers})` : ''),
        description: (sub.description as string | undefined) ?? '',
      });
      visitInside(sub, joinPath(at, name));
    }
  };
  const visitInside = (schema: JsonSchema, at: string): void => {
    const resolved = resolve(schema);
    if (isObject(resolved.items)) visitInside(resolved.items, `${at}[]`);
    const branches = Array.isArray(resolved.anyOf) ? (resolved.anyOf as JsonSchema[]).map(resolve) : [];
    const objects = branches.filter((branch) => isObject(branch.properties));
    const discriminator = objects.length > 1 ? discriminatorOf(objects) : undefined;
    if (discriminator === undefined) {
      for (const branch of objects) visit(branch, at);
      visit(resolved, at);
      return;
    }
    const values = objects.map((branch) => (branch.properties as Record<string, JsonSchema>)[discriminator]!.const);
    out.push({
      path: joinPath(at, discriminator),
      type: `one of ${values.map((value) => JSON.stringify(value)).join(', ')} (required)`,
      description: `Which of the shapes below \`${at.split('.').pop()}\` has; each field names the value it goes with.`,
    });
    for (const [index, branch] of objects.entries()) {
      const { [discriminator]: _discriminator, ...rest } = branch.properties as Record<string, JsonSchema>;
      visit({ ...branch, properties: rest }, at, `when \`${discriminator}\` is ${JSON.stringify(values[index])}`);
    }
  };
  visit(node, path);
  // A field reached through several shapes without a discriminator is listed once.
  return out.filter(
    (field, index) => out.findIndex((other) => other.path === field.path && other.type === field.type) === index,
  );
}

/** The property every branch pins to a different `const`, if there is one. */
function discriminatorOf(branches: JsonSchema[]): string | undefined {
  const [first, ...others] = branches.map((branch) => branch.properties as Record<string, JsonSchema>);
  return Object.keys(first!).find((name) => {
    const values = [first!, ...others].map((properties) => properties[name]?.const);
    return (
      values.every((value) => value !== undefined) &&
      new Set(values.map((value) => JSON.stringify(value))).size === values.length
    );
  });
}

export function catalogOf(model: SchemaModel): CatalogEntry[] {
  return model.events.map((event) => ({
    event,
    fields: event.detailsDef ? fieldsOf(model.defs[event.detailsDef]!, '', model) : [],
  }));
}

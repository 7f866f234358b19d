/**
 * Field trees: each definition's fields with what the generators and the rules ask of a field,
 * `$ref`s followed, and the JSON Pointer of the property in the canonical schema. Built by one
 * fold over the schema (`mapSchema`), each definition folded once.
 */
import { escapePointerToken as pointerToken } from '../../../src/internal.ts';
import { sourceOf, type Shape } from '../../shared/schema-shape.ts';
import { definitionName, mapSchema, type JsonSchema } from '../../shared/schema-traversal.ts';

/** What a schema node holds, whether it is a property, an array's items or a definition. */
export interface NodeModel {
  /** JSON types, sorted, without `null` (see `nullable`). */
  types: string[];
  /** Allowed values (`enum`, or a `const` as one value), when the node restricts them. */
  enum?: unknown[];
  nullable: boolean;
  /** The definition it refers to (`AuditLogActor`), when it is a `$ref`. */
  ref?: string;
  /** The fields of an object: its own, its `$ref` target's and those of its `anyOf` branches. */
  fields: FieldModel[];
  /** The shape of an array's items. */
  items?: NodeModel;
  /** The node's own description (a field's, once it is one). */
  description?: string;
  /** Where a field comes from when not from OpenAI's OpenAPI document (`x-observed`, `x-sdk`). */
  source?: Shape['source'];
}

/** One property of an object. */
export interface FieldModel extends NodeModel {
  name: string;
  /** JSON Pointer of the property in the schema, e.g. `/$defs/AuditLogEnvelope/properties/id`. */
  pointer: string;
  required: boolean;
  description: string;
}

const jsonType = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/**
 * Adds the fields of `from` to `into`. A field both declare (a `kind` each branch of an `anyOf`
 * pins to its own value) is folded into one: its types and values add up, its first declaration
 * gives the rest.
 */
function addFields(into: FieldModel[], from: readonly FieldModel[]): void {
  for (const field of from) {
    const index = into.findIndex((known) => known.name === field.name);
    if (index < 0) {
      into.push(field);
      continue;
    }
    const { enum: knownValues, ...known } = into[index]!;
    // Values add up while both restrict them; a declaration that allows any value lifts the restriction.
    const values = knownValues && field.enum ? [...new Set([...knownValues, ...field.enum])] : undefined;
    into[index] = {
      ...known,
      types: [...new Set([...known.types, ...field.types])].sort(),
      nullable: known.nullable || field.nullable,
      ...(values ? { enum: values } : {}),
      fields: [...known.fields],
    };
    addFields(into[index].fields, field.fields);
  }
}

/** The node models of every definition, keyed by name. */
export function definitionNodes(defs: Readonly<Record<string, JsonSchema>>): Map<string, NodeModel> {
  const done = new Map<string, NodeModel>();
  const pending = new Set<string>();
  const definition = (name: string): NodeModel | undefined => {
    if (done.has(name)) return done.get(name);
    if (pending.has(name) || defs[name] === undefined) return undefined;
    pending.add(name);
    const folded = mapSchema(defs[name], fold, `/$defs/${pointerToken(name)}`) as NodeModel;
    pending.delete(name);
    done.set(name, folded);
    return folded;
  };
  /** One schema node, whose sub-schemas are already folded into `NodeModel`s. */
  const fold = (node: JsonSchema, pointer: string): NodeModel => {
    const types = new Set<string>();
    const fields: FieldModel[] = [];
    const out: NodeModel = { types: [], nullable: false, fields };
    if (typeof node.description === 'string') out.description = node.description;
    const source = sourceOf(node);
    if (source !== undefined) out.source = source;
    const ref = definitionName(node.$ref);
    if (ref !== undefined) {
      out.ref = ref;
      const target = definition(ref);
      if (target) {
        target.types.forEach((type) => types.add(type));
        if (target.nullable) types.add('null');
        if (target.enum) out.enum = target.enum;
        if (target.items) out.items = target.items;
      }
    }
    if (typeof node.type === 'string') types.add(node.type);
    if (Array.isArray(node.type)) node.type.forEach((type) => types.add(String(type)));
    const values = node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
    if (values !== undefined) {
      out.enum = values;
      if (node.type === undefined) values.forEach((value) => types.add(jsonType(value)));
    }
    if (node.properties !== undefined) {
      const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
      for (const [name, sub] of Object.entries(node.properties as Record<string, NodeModel>)) {
        const at = `${pointer}/properties/${pointerToken(name)}`;
        const { description, source, ...shape } = sub;
        fields.push({
          name,
          pointer: at,
          required: required.has(name),
          description: description ?? '',
          ...(source ? { source } : {}),
          ...shape,
        });
      }
      if (node.type === undefined) types.add('object');
    }
    if (ref !== undefined) addFields(fields, definition(ref)?.fields ?? []);
    for (const branch of (node.anyOf ?? []) as NodeModel[]) {
      branch.types.forEach((type) => types.add(type));
      if (branch.nullable) types.add('null');
      if (branch.items && !out.items) out.items = branch.items;
      addFields(fields, branch.fields);
    }
    if (node.items !== undefined) out.items = node.items as NodeModel;
    out.nullable = types.delete('null');
    out.types = [...types].sort();
    return out;
  };
  for (const name of Object.keys(defs)) definition(name);
  return done;
}

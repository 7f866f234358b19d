/**
 * One comparable form of a schema node, whichever document it comes from (the canonical schema,
 * an OpenAPI document, the SDK's declarations): JSON types, enum values, required fields and
 * nested fields, with the description riding along. The generators list a details object's
 * fields from it; the sync compares two documents with it.
 */
import { isNamedComponent } from './audit-log-api.ts';

export type JsonSchema = { [keyword: string]: unknown };

/** What the comparison sees of one schema node. */
export interface Shape {
  /** JSON types, sorted; `null` included when the value may be null. */
  types: string[];
  /** A named component (`AuditLogActor`, `AuditLogEventType`, `AuditLog` for a whole log). */
  ref?: string;
  /** Allowed values, JSON-encoded and sorted. */
  enum?: string[];
  properties?: Record<string, Shape>;
  required?: string[];
  items?: Shape;
  /** Numeric bounds (the query parameters' `limit`). */
  minimum?: number;
  maximum?: number;
  description?: string;
  /**
   * Where the canonical schema has a field from, when not from OpenAI's OpenAPI document: seen in
   * genuine payloads (`x-observed`), or declared by the `openai` SDK only (`x-sdk`).
   */
  source?: 'payloads' | 'sdk';
}

export const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON type of a value, integers told apart from other numbers. */
export const jsonTypeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/** The annotations that mark a field as coming from elsewhere than OpenAI's OpenAPI document. */
export const SOURCE_ANNOTATIONS = { 'x-observed': 'payloads', 'x-sdk': 'sdk' } as const;

/** Where a schema node says its field comes from, when not from the OpenAPI document. */
export function sourceOf(node: JsonSchema): Shape['source'] {
  for (const [annotation, source] of Object.entries(SOURCE_ANNOTATIONS)) if (node[annotation] === true) return source;
  return undefined;
}

/** Resolves a `$ref` to a named component, or to the node it stands for (then inlined). */
export type Lookup = (ref: string) => { named?: string; node?: unknown };

/** JSON type, reference and enum of a node: what must agree for a field to count as unchanged. */
export const ownKey = (shape: Shape) => JSON.stringify([shape.ref ?? null, shape.types, shape.enum ?? null]);

/** Resolver of the canonical schema's `$ref`s. */
export function schemaLookup(defs: Record<string, JsonSchema>): Lookup {
  return (ref) => {
    if (ref === '#') return { named: 'AuditLog' };
    const name = ref.slice('#/$defs/'.length);
    return isNamedComponent(name) ? { named: name } : { node: defs[name] };
  };
}

/**
 * Normalises one schema node. `lookup` resolves a `$ref` that is neither a named component nor
 * the whole log to the node it stands for (which is then inlined).
 */
export function shapeOf(node: unknown, lookup: Lookup, depth = 0): Shape {
  if (depth > MAX_SHAPE_DEPTH) throw new Error('schema nesting too deep (a reference cycle?)');
  if (!isObject(node)) return { types: [] };
  const shape: Shape = { types: [] };
  const types = new Set<string>();
  if (typeof node.description === 'string') shape.description = node.description.trim();
  const source = sourceOf(node);
  if (source !== undefined) shape.source = source;
  if (typeof node.$ref === 'string') {
    const target = lookup(node.$ref);
    if (target.named) shape.ref = target.named;
    else merge(shape, types, shapeOf(target.node, lookup, depth + 1));
  }
  if (typeof node.type === 'string') types.add(node.type);
  if (Array.isArray(node.type)) node.type.forEach((type) => types.add(String(type)));
  if (node.nullable === true) types.add('null');
  const values = node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  if (values) {
    shape.enum = [...new Set(values.map((value) => JSON.stringify(value)))].sort();
    if (!node.type) values.forEach((value) => types.add(jsonTypeOf(value)));
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[keyword];
    if (Array.isArray(branches)) for (const branch of branches) merge(shape, types, shapeOf(branch, lookup, depth + 1));
  }
  if (isObject(node.properties)) {
    shape.properties = { ...shape.properties };
    for (const [name, sub] of Object.entries(node.properties)) shape.properties[name] = shapeOf(sub, lookup, depth + 1);
    if (!node.type && !types.size) types.add('object');
  }
  if (Array.isArray(node.required))
    shape.required = [...new Set([...(shape.required ?? []), ...node.required.map(String)])].sort();
  if (node.items !== undefined) shape.items = shapeOf(node.items, lookup, depth + 1);
  for (const bound of BOUNDS) if (typeof node[bound] === 'number') shape[bound] = node[bound];
  // A `null` enum value is reported by the type; the enum lists the other values only.
  if (shape.enum) shape.enum = shape.enum.filter((value) => value !== 'null');
  if (shape.enum?.length === 0) delete shape.enum;
  shape.types = [...types].sort();
  return shape;
}

const BOUNDS = ['minimum', 'maximum'] as const;

/** How deep a shape may nest before it is taken for a cycle (of references, or of declarations). */
export const MAX_SHAPE_DEPTH = 64;

/** Folds a branch (of anyOf, or a `$ref` target) into `shape`. */
function merge(shape: Shape, types: Set<string>, branch: Shape): void {
  branch.types.forEach((type) => types.add(type));
  if (branch.ref) shape.ref = branch.ref;
  if (branch.enum) shape.enum = [...new Set([...(shape.enum ?? []), ...branch.enum])].sort();
  if (branch.properties) {
    // Branches may share a field (a discriminating `type` with one value each): its shapes merge.
    const properties = { ...shape.properties };
    for (const [name, sub] of Object.entries(branch.properties)) {
      const known = properties[name];
      if (known === undefined) properties[name] = sub;
      else {
        const merged: Shape = { ...known, types: [] };
        const types = new Set(known.types);
        merge(merged, types, sub);
        merged.types = [...types].sort();
        properties[name] = merged;
      }
    }
    shape.properties = properties;
  }
  if (branch.required) shape.required = [...new Set([...(shape.required ?? []), ...branch.required])].sort();
  if (branch.items) shape.items = shape.items ? combineShapes([shape.items, branch.items]) : branch.items;
  for (const bound of BOUNDS) if (branch[bound] !== undefined) shape[bound] ??= branch[bound];
  if (branch.description && !shape.description) shape.description = branch.description;
}

/**
 * Folds the branches of a union into one shape, as `shapeOf` folds `anyOf` branches: types,
 * enum values and required fields add up, and a property or item shape that several branches
 * declare is folded the same way (so that a discriminator lists every value).
 */
export function combineShapes(shapes: readonly Shape[]): Shape {
  const out: Shape = { types: [] };
  const types = new Set<string>();
  for (const shape of shapes) merge(out, types, shape);
  out.types = [...types].sort();
  return out;
}

/** `string | null`, `array of object`, `AuditLogActor | null`. */
export function describeType(shape: Shape): string {
  const parts = shape.types
    .filter((type) => type !== 'null')
    .map((type) => (type === 'array' && shape.items ? `array of ${describeType(shape.items)}` : type));
  if (shape.ref) parts.unshift(shape.ref);
  if (shape.types.includes('null')) parts.push('null');
  return parts.length > 0 ? parts.join(' | ') : 'any';
}

/** `from 1`, `1 to 100`, `up to 100`; undefined without bounds. */
export function describeBounds(shape: Pick<Shape, 'minimum' | 'maximum'>): string | undefined {
  const { minimum, maximum } = shape;
  if (minimum !== undefined && maximum !== undefined) return `${minimum} to ${maximum}`;
  if (minimum !== undefined) return `from ${minimum}`;
  return maximum === undefined ? undefined : `up to ${maximum}`;
}

/**
 * A field in words, for a report: its type, its allowed values, its bounds, and whether it is
 * required (`string, one of "a", "b", required`).
 */
export function describeField(shape: Shape, required?: boolean): string {
  const bounds = describeBounds(shape);
  return [
    describeType(shape),
    ...(shape.enum ? [`one of ${shape.enum.join(', ')}`] : []),
    ...(bounds ? [bounds] : []),
    ...(required ? ['required'] : []),
  ].join(', ');
}

/** `data` + `scopes` -> `data.scopes`. */
export const joinPath = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** Every field of a shape with its type: a details object's fields, parents before children. */
export function listFields(shape: Shape, path = ''): { path: string; type: string; description?: string }[] {
  const out: { path: string; type: string; description?: string }[] = [];
  for (const [name, sub] of Object.entries(shape.properties ?? {})) {
    const at = joinPath(path, name);
    out.push({ path: at, type: describeType(sub), ...(sub.description ? { description: sub.description } : {}) });
    out.push(...listFields(sub, at));
    if (sub.items) out.push(...listFields(sub.items, `${at}[]`));
  }
  return out;
}

/** Shared by the sync tests: the fixture documents, the change they make, and values of a given shape. */
import { fileURLToPath } from 'node:url';
import { readOpenApiDocument } from '../../scripts/lib/openapi-document.ts';
import { compareSpecs, specOfDocument, specOfSchema, type Change, type Shape } from '../../scripts/lib/openapi-shape.ts';
import { loadSchema } from '../../scripts/lib/schema-model.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/openapi/${name}`, import.meta.url));
/** The fixture that adds, removes and changes event types and fields. */
export const CHANGED = fixture('changed-event-types.yaml');

/** The differences between the schema and a document, as sync sees them. */
export function changesAgainst(file: string, schemaFile = `${ROOT}schema/audit-log.schema.json`): Change[] {
  return compareSpecs(specOfSchema(loadSchema(schemaFile, ROOT)), specOfDocument(readOpenApiDocument(file)));
}

/** A value of the shape's first JSON type, with every documented field filled. */
export function valueOf(shape: Shape): unknown {
  const type = shape.types.find((t) => t !== 'null') ?? shape.types[0];
  if (shape.enum) return JSON.parse(shape.enum[0]!);
  switch (type) {
    case 'string':
      return 'sample';
    case 'integer':
      return 7;
    case 'number':
      return 7.5;
    case 'boolean':
      return true;
    case 'array':
      return shape.items ? [valueOf(shape.items)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(shape.properties ?? {}).map(([name, sub]) => [name, valueOf(sub)]));
    default:
      return null;
  }
}

/** A value of none of the shape's JSON types. */
export function wrongValueOf(shape: Shape): unknown {
  return shape.types.includes('string') ? { not: 'a string' } : 'not-a-' + shape.types.join('-or-');
}

/** Sets `value` at a dotted path (`data.scopes`) inside `target`. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const steps = path.split('.');
  let node = target;
  for (const step of steps.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
  node[steps[steps.length - 1]!] = value;
  return target;
}

import { definitionName, mapSchema, type JsonSchema } from '../shared/schema-traversal.ts';

/** Keywords that only annotate: dropped from what the validators are compiled from. */
const isAnnotation = (keyword: string) =>
  keyword === 'description' || keyword === 'title' || keyword === 'default' || keyword.startsWith('x-');

/**
 * A copy of `node` with every local `$ref` inlined and annotations dropped: the validation
 * keywords alone, so AJV compiles one self-contained function per definition.
 * `$ref: "#"` (the whole log, used by the page) is left to the caller.
 */
export function inlineReferences(node: unknown, defs: Readonly<Record<string, JsonSchema>>): unknown {
  const rewrite = (schema: JsonSchema): JsonSchema => {
    const { $ref, ...rest } = schema;
    const name = definitionName($ref);
    const out: JsonSchema =
      name !== undefined ? { ...(mapSchema(defs[name], rewrite) as JsonSchema) } : $ref !== undefined ? { $ref } : {};
    for (const [keyword, value] of Object.entries(rest)) if (!isAnnotation(keyword)) out[keyword] = value;
    return out;
  };
  return mapSchema(node, rewrite);
}

import type { JsonSchema } from '../shared/schema-shape.ts';

/** Keywords that only annotate: dropped from what the validators are compiled from. */
const isAnnotation = (keyword: string) =>
  keyword === 'description' || keyword === 'title' || keyword === 'default' || keyword.startsWith('x-');

/**
 * A copy of `node` with every local `$ref` inlined and annotations dropped: the validation
 * keywords alone, so AJV compiles one self-contained function per definition.
 * `$ref: "#"` (the whole log, used by the page) is left to the caller.
 */
export function inlineReferences(node: unknown, defs: Record<string, JsonSchema>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineReferences(item, defs));
  if (typeof node !== 'object' || node === null) return node;
  const { $ref, ...rest } = node as JsonSchema;
  const out: JsonSchema = {};
  if (typeof $ref === 'string' && $ref !== '#') {
    Object.assign(out, inlineReferences(defs[$ref.slice('#/$defs/'.length)], defs));
  } else if ($ref !== undefined) {
    out.$ref = $ref;
  }
  for (const [keyword, value] of Object.entries(rest)) {
    if (isAnnotation(keyword)) continue;
    out[keyword] =
      keyword === 'properties'
        ? Object.fromEntries(
            Object.entries(value as JsonSchema).map(([name, sub]) => [name, inlineReferences(sub, defs)]),
          )
        : inlineReferences(value, defs);
  }
  return out;
}

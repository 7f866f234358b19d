/**
 * The one traversal of JSON Schema documents. It alone decides where a schema holds other
 * schemas: `properties`, `$defs` (and the other maps of names to schemas) hold one per name;
 * `enum`, `const`, `required`, `examples`, `default` and our `x-` annotations hold values, never schemas; any other
 * object or array under a keyword holds a schema, or a list of them (`items`, `anyOf`, `oneOf`).
 * Every tool that visits or rewrites a schema does it through `forEachSchema` or `mapSchema`.
 */
import { escapePointerToken as pointerToken } from '../../src/internal.ts';

export type JsonSchema = { [keyword: string]: unknown };

/** Keywords whose value is data (a value, a list of names), never a schema. */
const VALUE_KEYWORDS = new Set(['enum', 'const', 'required', 'examples', 'default']);
/** Keywords whose value maps names to schemas. */
const MAP_KEYWORDS = new Set(['$defs', 'definitions', 'properties', 'patternProperties', 'dependentSchemas']);

const isSchemaObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a keyword's value is: data, a map of schemas by name, or a schema (or list of schemas). */
function keywordKind(keyword: string): 'value' | 'map' | 'schema' {
  return VALUE_KEYWORDS.has(keyword) || keyword.startsWith('x-')
    ? 'value'
    : MAP_KEYWORDS.has(keyword)
      ? 'map'
      : 'schema';
}

/**
 * Calls `visit` on every schema object under `node` (itself included), parents first, with its
 * JSON Pointer. `visit` returning `false` skips what is under that node.
 */
export function forEachSchema(
  node: unknown,
  visit: (node: JsonSchema, pointer: string) => boolean | void,
  pointer = '',
): void {
  if (Array.isArray(node)) return node.forEach((item, index) => forEachSchema(item, visit, `${pointer}/${index}`));
  if (!isSchemaObject(node)) return;
  if (visit(node, pointer) === false) return;
  for (const [keyword, value] of Object.entries(node)) {
    const at = `${pointer}/${pointerToken(keyword)}`;
    const kind = keywordKind(keyword);
    if (kind === 'value' || typeof value !== 'object' || value === null) continue;
    if (kind === 'map' && isSchemaObject(value)) {
      for (const [name, sub] of Object.entries(value)) forEachSchema(sub, visit, `${at}/${pointerToken(name)}`);
    } else forEachSchema(value, visit, at);
  }
}

/**
 * A copy of `node` rewritten bottom-up: every schema object under it is first copied with its
 * sub-schemas already rewritten, then handed to `rewrite` (with its JSON Pointer in the original),
 * whose result takes its place. Values (`enum`, `const`, ...) are copied as they are. With
 * `rewrite` returning something other than a schema, it is a fold: a parent sees its children's
 * results where their schemas were.
 */
export function mapSchema<T = JsonSchema>(
  node: unknown,
  rewrite: (node: JsonSchema, pointer: string) => T,
  pointer = '',
): unknown {
  if (Array.isArray(node)) return node.map((item, index) => mapSchema(item, rewrite, `${pointer}/${index}`));
  if (!isSchemaObject(node)) return node;
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    const at = `${pointer}/${pointerToken(keyword)}`;
    const kind = keywordKind(keyword);
    out[keyword] =
      kind === 'value' || typeof value !== 'object' || value === null
        ? value
        : kind === 'map' && isSchemaObject(value)
          ? Object.fromEntries(
              Object.entries(value).map(([name, sub]) => [
                name,
                mapSchema(sub, rewrite, `${at}/${pointerToken(name)}`),
              ]),
            )
          : mapSchema(value, rewrite, at);
  }
  return rewrite(out, pointer);
}

/** The name of the `$defs` entry a local `$ref` points at (`#/$defs/Name` -> `Name`), or undefined. */
export function definitionName(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
}

/** `node` with its chain of `$ref`s to definitions followed (siblings of a `$ref` are not kept). */
export function followReferences(node: JsonSchema, defs: Readonly<Record<string, JsonSchema>>): JsonSchema {
  const seen = new Set<string>();
  let current = node;
  for (let name = definitionName(current.$ref); name !== undefined; name = definitionName(current.$ref)) {
    const target = defs[name];
    if (seen.has(name) || !isSchemaObject(target)) break;
    seen.add(name);
    current = target;
  }
  return current;
}

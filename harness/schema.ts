/**
 * The canonical schema and its catalog, read by the tests so that every case is derived from
 * the schema: a new event type is covered without editing a test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { definitionName } from '../scripts/shared/schema-traversal.ts';

export type JsonSchema = { [keyword: string]: unknown };

export const SCHEMA_PATH = fileURLToPath(new URL('../schema/audit-log.schema.json', import.meta.url));
export const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonSchema & {
  $defs: Record<string, JsonSchema>;
};
export const defs = schema.$defs;

export interface CatalogEvent {
  type: string;
  /** PascalCase stem: `ApiKeyCreated`. */
  name: string;
  variantDef: string;
  /** The details definition, absent for events that carry none. */
  detailsDef?: string;
}

export const catalog: CatalogEvent[] = (schema.oneOf as { $ref: string }[]).map(({ $ref }) => {
  const variantDef = $ref.slice('#/$defs/'.length);
  const variant = defs[variantDef]!;
  const type = ((variant.properties as JsonSchema).type as { const: string }).const;
  const detailsRef =
    ((variant.properties as Record<string, JsonSchema>)[type]?.$ref as string | undefined) ?? undefined;
  return {
    type,
    name: variantDef.replace(/AuditLog$/, ''),
    variantDef,
    ...(detailsRef ? { detailsDef: detailsRef.slice('#/$defs/'.length) } : {}),
  };
});

/** Resolves `$ref`s (other than `#`) into the referenced definition, keeping sibling keywords. */
export function resolve(node: JsonSchema): JsonSchema {
  const name = definitionName(node.$ref);
  if (name === undefined) return node;
  const { $ref: _ref, ...rest } = node;
  return { ...resolve(defs[name]!), ...rest };
}

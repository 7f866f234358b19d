/**
 * Builds payloads from the canonical schema: a complete valid audit log for any event type (every
 * documented field filled, plus undocumented extras as real payloads carry them), the same log of
 * an event type outside the catalog, and the list of every documented leaf field of a details
 * object with a value of the wrong JSON type.
 */
import { pointerOf } from '../src/internal.ts';
import { catalog, defs, resolve, type CatalogEvent, type JsonSchema } from './schema.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A value valid for `node`, with every documented property filled. `branch` picks which branch of
 * every `anyOf` is taken (the last one where a node has fewer), so each branch can be reached.
 */
export function sampleOf(node: JsonSchema, hint = 'value', branch = 0): Json {
  const schema = resolve(node);
  if (schema.const !== undefined) return schema.const as Json;
  if (Array.isArray(schema.enum)) return schema.enum[schema.enum.length - 1] as Json;
  if (Array.isArray(schema.anyOf))
    return sampleOf(schema.anyOf[Math.min(branch, schema.anyOf.length - 1)] as JsonSchema, hint, branch);
  const type: unknown = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return `${hint}-sample`;
    case 'integer':
      return 42;
    case 'number':
      return 4.2;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [
        sampleOf(schema.items as JsonSchema, hint, branch),
        sampleOf(schema.items as JsonSchema, `${hint}-2`, branch),
      ];
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const out: Record<string, Json> = {};
      for (const [name, sub] of Object.entries(properties)) out[name] = sampleOf(sub, name, branch);
      // Undocumented fields are allowed everywhere; free-form objects get arbitrary content.
      out[properties && Object.keys(properties).length > 0 ? 'undocumented_extra' : 'free_form'] = {
        nested: [1, 'two'],
      };
      return out;
    }
    default:
      throw new Error(`no sample for schema ${JSON.stringify(schema)}`);
  }
}

/**
 * A complete, valid audit log of `event`'s type: every documented field filled (the fields
 * observed in genuine payloads among them), plus an undocumented field in every documented object.
 * `branch` chooses the `anyOf` branches (see `sampleOf`).
 */
export function validPayload(event: CatalogEvent, branch = 0): Record<string, Json> {
  const payload: Record<string, Json> = {
    ...(sampleOf(defs.AuditLogEnvelope!, 'value', branch) as Record<string, Json>),
    id: `audit_log-${event.name}`,
    type: event.type,
    effective_at: 1720804090,
  };
  if (event.detailsDef) payload[event.type] = sampleOf(defs[event.detailsDef]!, event.type, branch);
  return payload;
}

/**
 * A valid log of `event` whose type is renamed out of the catalog (`api_key.created.renamed`),
 * as a log of an event type newer than the package comes.
 */
export function unknownTypePayload(event: CatalogEvent): Record<string, Json> {
  return { ...validPayload(event), type: `${event.type}.renamed` };
}

export interface WrongTypeCase {
  /** JSON Pointer of the field, from the log's root. */
  pointer: string;
  /** The payload with that field replaced by a value of another JSON type. */
  payload: Record<string, Json>;
}

const wrongValueFor = (schema: JsonSchema): Json => {
  const type: unknown = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  return type === 'string' ? 12345 : 'not-a-' + String(type);
};

/** For every documented field of `event`'s details (at any depth), the payload with that field's JSON type wrong. */
export function wrongTypeCases(event: CatalogEvent): WrongTypeCase[] {
  if (!event.detailsDef) return [];
  const cases: WrongTypeCase[] = [];
  const visit = (node: JsonSchema, path: (string | number)[]): void => {
    const schema = resolve(node);
    const payload = validPayload(event);
    if (path.length > 0) {
      let parent: Json = payload[event.type]!;
      for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step as never]!;
      (parent as Record<string | number, Json>)[path[path.length - 1] as never] = wrongValueFor(schema);
      cases.push({ pointer: pointerOf([event.type, ...path]), payload });
    }
    for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>))
      visit(sub, [...path, name]);
    if (schema.items) visit(schema.items as JsonSchema, [...path, 0]);
  };
  visit(defs[event.detailsDef]!, []);
  return cases;
}

export { catalog };

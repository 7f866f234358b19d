/**
 * The baselines, compiled at bench time from a schema document (the canonical one), each holding
 * the package's contract: envelope, `type` in the catalog, and every catalog details key
 * present. AJV runs with `allErrors: true` (the contract reports every error) and its messages;
 * `strict: false` only so that the `x-resource`/`x-action` annotations are accepted.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { Options, ValidateFunction } from 'ajv';
import { z, type ZodType } from 'zod';
import type { JsonSchema, SchemaDocument } from '../harness/corpus.ts';

export type Validator = (value: unknown) => boolean;

const AJV_OPTIONS: Options = { allErrors: true, strict: false };

function compile(schema: JsonSchema, options: Options = {}): ValidateFunction {
  return new Ajv2020.default({ ...AJV_OPTIONS, ...options }).compile(schema);
}

/** The canonical root (details + 51-way `oneOf`) with AJV's `discriminator` on `type`. */
export function ajvDiscriminator(schema: SchemaDocument, options: Options = {}): ValidateFunction {
  return compile({ ...schema, discriminator: { propertyName: 'type' } }, { ...options, discriminator: true });
}

/** The canonical root as it is: every variant of the `oneOf` tried in turn. */
export function ajvOneOf(schema: SchemaDocument): ValidateFunction {
  return compile(schema);
}

/** The upstream shape: one object, the envelope (`type` a 51-value enum) and every details key optional. */
export function ajvFlat(schema: SchemaDocument): ValidateFunction {
  const envelope = schema.$defs.AuditLogEnvelope!;
  const details = schema.$defs.AuditLogDetails!;
  return compile({
    $defs: schema.$defs,
    type: 'object',
    required: envelope.required,
    properties: { ...(envelope.properties as object), ...(details.properties as object) },
  });
}

/** A JSON Schema node as a zod 4 schema: objects are loose (undocumented fields are accepted). */
function toZod(schema: SchemaDocument, node: JsonSchema, cache: Map<string, ZodType>): ZodType {
  if (typeof node.$ref === 'string') {
    const name = node.$ref.slice('#/$defs/'.length);
    let out = cache.get(name);
    if (!out) {
      out = toZod(schema, schema.$defs[name]!, cache);
      cache.set(name, out);
    }
    return out;
  }
  if (node.const !== undefined) return z.literal(node.const as string);
  if (Array.isArray(node.enum)) return z.enum(node.enum as [string, ...string[]]);
  if (Array.isArray(node.anyOf))
    return z.union(node.anyOf.map((sub: JsonSchema) => toZod(schema, sub, cache)) as [ZodType, ZodType]);
  switch (node.type) {
    case 'string':
      return z.string();
    // z.int() would also reject integers beyond 2^53, which the contract accepts.
    case 'integer':
      return z.number().refine(Number.isInteger);
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'null':
      return z.null();
    case 'array':
      return z.array(toZod(schema, node.items as JsonSchema, cache));
    case 'object':
      return z.looseObject(
        Object.fromEntries(
          Object.entries((node.properties ?? {}) as Record<string, JsonSchema>).map(([name, sub]) => {
            const required = Array.isArray(node.required) && node.required.includes(name);
            const inner = toZod(schema, sub, cache);
            return [name, required ? inner : inner.optional()];
          }),
        ),
      );
    default:
      throw new Error(`no zod equivalent for ${JSON.stringify(node)}`);
  }
}

/**
 * zod 4 `discriminatedUnion` on `type`, each variant the envelope with its `type` literal and
 * every details key optional (the contract checks every details key present, whatever the type).
 */
export function zodDiscriminatedUnion(schema: SchemaDocument): ZodType {
  const cache = new Map<string, ZodType>();
  const envelope = schema.$defs.AuditLogEnvelope!;
  const details = schema.$defs.AuditLogDetails!;
  const shared: Record<string, ZodType> = {};
  for (const [name, sub] of Object.entries({ ...(envelope.properties as object), ...(details.properties as object) })) {
    const inner = toZod(schema, sub as JsonSchema, cache);
    shared[name] = (envelope.required as string[]).includes(name) ? inner : inner.optional();
  }
  const variants = schema.oneOf.map(({ $ref }) => {
    const variant = schema.$defs[$ref.slice('#/$defs/'.length)]!;
    const type = ((variant.properties as JsonSchema).type as { const: string }).const;
    return z.looseObject({ ...shared, type: z.literal(type) });
  });
  return z.discriminatedUnion('type', variants as unknown as [z.ZodObject, z.ZodObject]);
}

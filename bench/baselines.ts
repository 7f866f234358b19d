/**
 * The peers, compiled at bench time from a schema document (the canonical one), each in the
 * formulations of the package's contract it supports: the envelope, `type` in the catalog, every
 * catalog details key present checked, undocumented fields accepted, integers as JSON Schema
 * integers, NaN and ±Infinity rejected. A formulation either returns a verdict only (it stops at
 * the first failure, like `isAuditLog`) or collects every error (like `validateAuditLog`).
 * The benchmark counts each one's disagreements with validateAuditLog before timing it: a
 * formulation that disagrees is reported, timed, and not ranked.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { Options, ValidateFunction } from 'ajv';
import { validator as schemasafeValidator } from '@exodus/schemasafe';
import { Compile as compileTypeBox } from 'typebox/schema';
import { z, type ZodType } from 'zod';
import type { JsonSchema, SchemaDocument } from '../harness/corpus.ts';

export type Validator = (value: unknown) => boolean;

/** `verdict`: stops at the first failure; `errors`: collects every error. */
export type Mode = 'verdict' | 'errors';

export interface Peer {
  /** The library, for the ranking: `AJV`, `schemasafe`, `TypeBox`, `zod`. */
  peer: string;
  /** The formulation, as the table shows it. */
  name: string;
  mode: Mode;
  fn: Validator;
}

/** The contract as one object: the envelope (`type` its catalog enum) and every details key, all optional but the envelope's required ones. */
function flatSchema(schema: SchemaDocument): JsonSchema {
  const envelope = schema.$defs.AuditLogEnvelope!;
  const details = schema.$defs.AuditLogDetails!;
  return {
    $defs: schema.$defs,
    type: 'object',
    required: envelope.required,
    properties: { ...(envelope.properties as object), ...(details.properties as object) },
  };
}

// `strict: false` only so that the `x-` annotations are accepted.
function compileAjv(schema: JsonSchema, mode: Mode, options: Options = {}): ValidateFunction {
  return new Ajv2020.default({ allErrors: mode === 'errors', strict: false, ...options }).compile(schema);
}

/**
 * `schema` as @exodus/schemasafe takes it: without our `x-` annotations (it refuses unknown
 * keywords), and every `number` bounded by ±Number.MAX_VALUE, the JSON Schema way of saying
 * finite: schemasafe's `number` alone accepts NaN and ±Infinity, which the contract rejects.
 */
function forSchemasafe(node: unknown, parent = ''): unknown {
  if (Array.isArray(node)) return node.map((item) => forSchemasafe(item));
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` and `$defs` the keys are names, not keywords.
    if (parent !== 'properties' && parent !== '$defs' && key.startsWith('x-')) continue;
    out[key] = forSchemasafe(value, key);
  }
  if (out.type === 'number') Object.assign(out, { minimum: -Number.MAX_VALUE, maximum: Number.MAX_VALUE });
  return out;
}

function schemasafe(schema: JsonSchema, mode: Mode): Validator {
  // Default mode: no `isJSON` (it would assume JSON input and drop the checks NaN needs).
  const validate = schemasafeValidator(forSchemasafe(schema) as Parameters<typeof schemasafeValidator>[0], {
    includeErrors: mode === 'errors',
    allErrors: mode === 'errors',
  });
  return (value) => validate(value as Parameters<typeof validate>[0]);
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
  if (Array.isArray(node.type))
    return z.union(node.type.map((type: string) => toZod(schema, { ...node, type }, cache)) as [ZodType, ZodType]);
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
function zodDiscriminatedUnion(schema: SchemaDocument): ZodType {
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

/**
 * Every formulation timed, by peer: each library with the canonical root and `discriminator`
 * (where it has one) and with the flat object, verdict only and with every error (where it
 * can). None is assumed best; the benchmark ranks the fastest that agrees. The canonical
 * `oneOf` without any hint is kept for AJV, as what a user gets by default; TypeBox has no
 * discriminator, and zod's `safeParse` always collects every issue.
 */
export function peers(schema: SchemaDocument): Peer[] {
  const flat = flatSchema(schema);
  const discriminated = { ...schema, discriminator: { propertyName: 'type' } };
  const typeBox = compileTypeBox(flat as Parameters<typeof compileTypeBox>[0]);
  const zod = zodDiscriminatedUnion(schema);
  const ajv = (name: string, schemaOf: JsonSchema, mode: Mode, options?: Options): Peer => {
    const validate = compileAjv(schemaOf, mode, options);
    return { peer: 'AJV', name, mode, fn: (value) => validate(value) };
  };
  return [
    ajv('AJV 8, `discriminator`, `allErrors`', discriminated, 'errors', { discriminator: true }),
    ajv('AJV 8, `discriminator`', discriminated, 'verdict', { discriminator: true }),
    ajv('AJV 8, flat object, `allErrors`', flat, 'errors'),
    ajv('AJV 8, flat object', flat, 'verdict'),
    ajv('AJV 8, plain `oneOf`, `allErrors`', schema, 'errors'),
    {
      peer: 'schemasafe',
      name: 'schemasafe 1, `discriminator`',
      mode: 'verdict',
      fn: schemasafe(discriminated, 'verdict'),
    },
    {
      peer: 'schemasafe',
      name: 'schemasafe 1, `discriminator`, `allErrors`',
      mode: 'errors',
      fn: schemasafe(discriminated, 'errors'),
    },
    { peer: 'schemasafe', name: 'schemasafe 1, flat object', mode: 'verdict', fn: schemasafe(flat, 'verdict') },
    {
      peer: 'schemasafe',
      name: 'schemasafe 1, flat object, `allErrors`',
      mode: 'errors',
      fn: schemasafe(flat, 'errors'),
    },
    {
      peer: 'TypeBox',
      name: 'TypeBox 1 `Compile`, flat object, `Check`',
      mode: 'verdict',
      fn: (value) => typeBox.Check(value),
    },
    {
      peer: 'TypeBox',
      name: 'TypeBox 1 `Compile`, flat object, `Errors`',
      mode: 'errors',
      fn: (value) => typeBox.Errors(value)[0],
    },
    { peer: 'zod', name: 'zod 4 `discriminatedUnion`', mode: 'errors', fn: (value) => zod.safeParse(value).success },
  ];
}

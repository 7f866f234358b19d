/**
 * `openai-audit-logs/standard-json-schema`: the Standard Schemas that also describe themselves
 * (Standard JSON Schema v1). What they describe is checked by running it: @cfworker/json-schema,
 * which reads draft-07 by the letter (a `$ref` hides its siblings), validates every catalog
 * payload against each JSON Schema, in both targets, and must agree with `validate`.
 */
import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { catalog, validPayload, wrongTypeCases } from '../../harness/payloads.ts';
import { schema as canonical } from '../../harness/schema.ts';
import * as standardSchema from '../../src/standard-schema.ts';
import type { AuditLogEventType } from '../../src/index.ts';
import {
  anyAuditLogSchema,
  auditLogSchema,
  auditLogSchemaFor,
  listAuditLogsResponseSchema,
  type StandardJSONSchemaV1,
  type StandardSchemaWithJsonSchema,
} from '../../src/standard-json-schema.ts';
import { runCases, type Case } from '../support/cases.ts';

type Schema = StandardSchemaWithJsonSchema<unknown>;
type Target = 'draft-2020-12' | 'draft-07';
type Json = { [keyword: string]: unknown };

const events = catalog.map((event) => ({ ...event, type: event.type as AuditLogEventType }));
const payloads = events.map((event) => validPayload(event));
const newer = { ...payloads[0]!, id: 'audit_log-new', type: 'brand_new.event' };
const pageOf = (data: unknown[], fields: Record<string, unknown> = {}) => ({
  object: 'list',
  data,
  first_id: null,
  last_id: null,
  has_more: false,
  ...fields,
});

const jsonSchemaOf = (schema: Schema, target: Target) => schema['~standard'].jsonSchema.output({ target });
const DRAFT = { 'draft-2020-12': '2020-12', 'draft-07': '7' } as const;

/** A cfworker validator per JSON Schema: the per-event ones are many, and each is made once. */
const validators = new Map<Schema, Map<Target, Validator>>();
function cfworker(schema: Schema, target: Target): Validator {
  let byTarget = validators.get(schema);
  if (byTarget === undefined) validators.set(schema, (byTarget = new Map<Target, Validator>()));
  let validator = byTarget.get(target);
  if (validator === undefined) {
    validator = new Validator(jsonSchemaOf(schema, target), DRAFT[target], true);
    byTarget.set(target, validator);
  }
  return validator;
}

/** Whether the JSON Schema and `validate` accept `value`. */
function verdicts({ schema, target, value }: { schema: Schema; target: Target; value: unknown }) {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('validate answered with a Promise');
  return { jsonSchema: cfworker(schema, target).validate(value).valid, validate: result.issues === undefined };
}

const both = (valid: boolean) => ({ jsonSchema: valid, validate: valid });

describe('the JSON Schema accepts what validate accepts', () => {
  const bySchema = events.map((event) => ({ event, schema: auditLogSchemaFor(event.type) }));
  // The whole-log schema is a oneOf over every event, which a reference validator reads in ~15 ms
  // a log: it is run on the catalog's first and last events; every event has its own rows below.
  const ends = new Set([0, events.length - 1]);
  const cases: Case<{ schema: Schema; target: Target; value: unknown }, ReturnType<typeof both>>[] = (
    ['draft-2020-12', 'draft-07'] as const
  ).flatMap((target) => [
    ...events.flatMap(
      (event, index): Case<{ schema: Schema; target: Target; value: unknown }, ReturnType<typeof both>>[] => {
        const { schema } = bySchema[index]!;
        const other = payloads[(index + 1) % payloads.length]!;
        const wrong = wrongTypeCases(event)[0];
        const whole = ends.has(index);
        return [
          ...(whole
            ? ([
                [
                  `${target}, auditLogSchema: ${event.type}`,
                  { given: { schema: auditLogSchema, target, value: payloads[index] }, want: both(true) },
                ],
              ] satisfies Case<{ schema: Schema; target: Target; value: unknown }, ReturnType<typeof both>>[])
            : []),
          [
            `${target}, auditLogSchemaFor(${event.type}): its own log`,
            { given: { schema, target, value: payloads[index] }, want: both(true) },
          ],
          [
            `${target}, auditLogSchemaFor(${event.type}): a log of another type`,
            { given: { schema, target, value: other }, want: both(false) },
          ],
          ...(wrong === undefined
            ? []
            : ([
                ...(whole
                  ? ([
                      [
                        `${target}, auditLogSchema: ${wrong.pointer} of the wrong type`,
                        { given: { schema: auditLogSchema, target, value: wrong.payload }, want: both(false) },
                      ],
                    ] satisfies Case<{ schema: Schema; target: Target; value: unknown }, ReturnType<typeof both>>[])
                  : []),
                [
                  `${target}, auditLogSchemaFor(${event.type}): ${wrong.pointer} of the wrong type`,
                  { given: { schema, target, value: wrong.payload }, want: both(false) },
                ],
              ] satisfies Case<{ schema: Schema; target: Target; value: unknown }, ReturnType<typeof both>>[])),
        ];
      },
    ),
    [
      `${target}, auditLogSchema: a type newer than the catalog`,
      { given: { schema: auditLogSchema, target, value: newer }, want: both(false) },
    ],
    [
      `${target}, anyAuditLogSchema: a type newer than the catalog`,
      { given: { schema: anyAuditLogSchema, target, value: newer }, want: both(true) },
    ],
    [
      `${target}, anyAuditLogSchema: a known event type`,
      { given: { schema: anyAuditLogSchema, target, value: payloads[0] }, want: both(true) },
    ],
    [
      `${target}, anyAuditLogSchema: a newer type, effective_at 1.5`,
      { given: { schema: anyAuditLogSchema, target, value: { ...newer, effective_at: 1.5 } }, want: both(false) },
    ],
    [
      `${target}, anyAuditLogSchema: a newer type with wrong catalog details`,
      {
        given: { schema: anyAuditLogSchema, target, value: { ...newer, [events[0]!.type]: 'details' } },
        want: both(false),
      },
    ],
    [
      `${target}, a page of every event type and a newer one`,
      { given: { schema: listAuditLogsResponseSchema, target, value: pageOf([...payloads, newer]) }, want: both(true) },
    ],
    [
      `${target}, a page whose log is wrong`,
      {
        given: { schema: listAuditLogsResponseSchema, target, value: pageOf([{ ...newer, effective_at: '1' }]) },
        want: both(false),
      },
    ],
    [
      `${target}, a page without has_more`,
      {
        given: { schema: listAuditLogsResponseSchema, target, value: { object: 'list', data: [] } },
        want: both(false),
      },
    ],
  ]);
  runCases(cases, verdicts);

  it('control: the 2020-12 schema of one event read as draft-07 unconverted accepts a log of another type', () => {
    const event = auditLogSchemaFor(events[0]!.type);
    const unconverted = new Validator(jsonSchemaOf(event, 'draft-2020-12'), '7', true);
    expect(unconverted.validate(payloads[1]).valid).toBe(true);
    expect(cfworker(event, 'draft-07').validate(payloads[1]).valid).toBe(false);
  });
});

/** Every `$ref` in `node`, with the keywords beside it. */
function refs(node: unknown, into: { ref: string; siblings: string[] }[] = []) {
  if (Array.isArray(node)) for (const item of node) refs(item, into);
  else if (typeof node === 'object' && node !== null) {
    const object = node as Json;
    if (typeof object.$ref === 'string')
      into.push({ ref: object.$ref, siblings: Object.keys(object).filter((key) => key !== '$ref') });
    for (const value of Object.values(object)) refs(value, into);
  }
  return into;
}
/** The value at a local reference (`#`, `#/$defs/Name`), or undefined. */
const at = (document: Json, ref: string): unknown =>
  ref === '#'
    ? document
    : ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document);

describe('what each JSON Schema is', () => {
  it('auditLogSchema, draft-2020-12: the canonical schema itself, $id included', () => {
    const document = jsonSchemaOf(auditLogSchema, 'draft-2020-12');
    expect(document).toEqual(canonical);
    expect(document.$id).toBe('https://unpkg.com/openai-audit-logs/schema/audit-log.schema.json');
  });

  it('one event: its $defs entry, with only the definitions it reaches (no other event)', () => {
    const others = events.flatMap((event) =>
      [event.variantDef, event.detailsDef].filter((name): name is string => name !== undefined),
    );
    const strays = events.flatMap((event) => {
      const document = jsonSchemaOf(auditLogSchemaFor(event.type), 'draft-2020-12');
      const own = [event.detailsDef];
      const defs = Object.keys(document.$defs as Json);
      const wrong = defs.filter((name) => others.includes(name) && !own.includes(name));
      const rootMatches =
        document.title === event.variantDef && document.description === canonical.$defs[event.variantDef]!.description;
      return [...wrong.map((name) => `${event.type}: ${name}`), ...(rootMatches ? [] : [`${event.type}: root`])];
    });
    expect(strays).toEqual([]);
  });

  it('a page: $defs/ListAuditLogsResponse, its logs of any type', () => {
    const document = jsonSchemaOf(listAuditLogsResponseSchema, 'draft-2020-12');
    expect(document.title).toBe('ListAuditLogsResponse');
    expect((document.properties as { data: { items: unknown } }).data.items).toEqual({ $ref: '#/$defs/AnyAuditLog' });
  });

  const documents = (target: Target) => [
    jsonSchemaOf(auditLogSchema, target),
    jsonSchemaOf(anyAuditLogSchema, target),
    jsonSchemaOf(listAuditLogsResponseSchema, target),
    ...events.map((event) => jsonSchemaOf(auditLogSchemaFor(event.type), target)),
  ];
  runCases<Target, string[]>(
    [
      ['draft-2020-12: every $ref resolves within its document', { given: 'draft-2020-12', want: [] }],
      ['draft-07: every $ref resolves within its document', { given: 'draft-07', want: [] }],
    ],
    (target) =>
      documents(target).flatMap((document) =>
        refs(document)
          .filter(({ ref }) => at(document, ref) === undefined)
          .map(({ ref }) => `${String(document.title)}: ${ref}`),
      ),
  );

  it('draft-07: definitions, not $defs, and beside a $ref only annotations', () => {
    const problems = documents('draft-07').flatMap((document) => [
      ...(document.$schema === 'http://json-schema.org/draft-07/schema#' ? [] : ['$schema']),
      ...(JSON.stringify(document).includes('"$defs"') ? ['$defs'] : []),
      ...refs(document)
        .filter(({ siblings }) =>
          siblings.some((key) => !['title', 'description'].includes(key) && !key.startsWith('x-')),
        )
        .map(({ ref, siblings }) => `${ref} beside ${siblings.join(', ')}`),
    ]);
    expect(problems).toEqual([]);
  });
});

describe('the converter', () => {
  const schemas: [string, Schema][] = [
    ['auditLogSchema', auditLogSchema],
    ['anyAuditLogSchema', anyAuditLogSchema],
    ['listAuditLogsResponseSchema', listAuditLogsResponseSchema],
    [`auditLogSchemaFor(${JSON.stringify(events[0]!.type)})`, auditLogSchemaFor(events[0]!.type)],
  ];
  runCases(
    schemas.flatMap(([name, schema]) =>
      (['draft-2020-12', 'draft-07'] as const).map((target): Case<{ schema: Schema; target: Target }, boolean> => [
        `${name}, ${target}: input is output (nothing is transformed)`,
        { given: { schema, target }, want: true },
      ]),
    ),
    ({ schema, target }) =>
      JSON.stringify(schema['~standard'].jsonSchema.input({ target })) === JSON.stringify(jsonSchemaOf(schema, target)),
  );

  it('hands out a copy on every call', () => {
    const first = jsonSchemaOf(auditLogSchema, 'draft-2020-12');
    first.title = 'changed';
    (first.$defs as Record<string, Json>).AuditLogEnvelope!.type = 'string';
    expect(jsonSchemaOf(auditLogSchema, 'draft-2020-12')).toEqual(canonical);
  });

  runCases(
    (['openapi-3.0', 'draft-04', 'draft-2019-09'] satisfies StandardJSONSchemaV1.Target[]).map((target) => [
      `throws for ${target}`,
      {
        given: target,
        want: `openai-audit-logs: no JSON Schema for target ${JSON.stringify(target)}; "draft-2020-12" and "draft-07" are supported (the API as OpenAPI 3.1: openai-audit-logs/openapi.json)`,
      },
    ]),
    (target) => {
      try {
        auditLogSchema['~standard'].jsonSchema.output({ target });
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    },
  );

  runCases(
    [
      ['auditLogSchema', { given: [auditLogSchema, standardSchema.auditLogSchema] as const, want: true }],
      ['anyAuditLogSchema', { given: [anyAuditLogSchema, standardSchema.anyAuditLogSchema] as const, want: true }],
      [
        'listAuditLogsResponseSchema',
        { given: [listAuditLogsResponseSchema, standardSchema.listAuditLogsResponseSchema] as const, want: true },
      ],
    ],
    ([withJson, plain]) =>
      withJson['~standard'].validate === plain['~standard'].validate &&
      withJson['~standard'].vendor === 'openai-audit-logs' &&
      withJson['~standard'].version === 1,
  );
});

/**
 * The Standard Schemas (v1): what `~standard.validate` returns for the whole log, a log of any
 * type, a page, and each event type (its generated constant and `auditLogSchemaFor`). A valid
 * value comes back as itself; an invalid one as issues carrying our readable messages and paths
 * of keys and indexes. Every case is derived from the catalog.
 */
import { describe, expect, it } from 'vitest';
import { catalog, validPayload, wrongTypeCases } from '../../harness/payloads.ts';
import { schemaName } from '../../scripts/generate/naming.ts';
import * as entry from '../../src/standard-schema.ts';
import { pathOf, unescapePointerToken } from '../../src/internal.ts';
import { parseAuditLog, type AuditLogEventType } from '../../src/index.ts';
import {
  anyAuditLogSchema,
  auditLogSchema,
  auditLogSchemaFor,
  listAuditLogsResponseSchema,
  type StandardSchemaV1,
} from '../../src/standard-schema.ts';
import { runCases, type Case } from '../support/cases.ts';

type Verdict = { value: 'the same object' } | { issues: { message: string; path: (string | number)[] }[] };

/** What `validate` returns, reduced to what the tests compare; it must answer synchronously. */
function verdict({ schema, value }: { schema: StandardSchemaV1<unknown>; value: unknown }): Verdict {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('validate answered with a Promise');
  if (result.issues === undefined) {
    if (result.value !== value) throw new Error('validate returned another object than it was given');
    return { value: 'the same object' };
  }
  return {
    issues: result.issues.map(({ message, path }) => ({ message, path: [...(path ?? [])] as (string | number)[] })),
  };
}

const SAME = { value: 'the same object' } as const;
const events = catalog.map((event) => ({ ...event, type: event.type as AuditLogEventType }));
const payloads = events.map((event) => validPayload(event));
/** The generated constant of an event type (`apiKeyCreatedSchema`). */
const constantOf = (type: string) => (entry as unknown as Record<string, StandardSchemaV1<unknown>>)[schemaName(type)]!;
/** The path a test expects for a JSON Pointer of the catalog's fields: none of their names is a number. */
const pathOfPointer = (pointer: string) =>
  pointer
    .slice(1)
    .split('/')
    .map((token) => (/^\d+$/.test(token) ? Number(token) : unescapePointerToken(token)));

describe('~standard', () => {
  const schemas: [string, StandardSchemaV1<unknown>][] = [
    ['auditLogSchema', auditLogSchema],
    ['anyAuditLogSchema', anyAuditLogSchema],
    ['listAuditLogsResponseSchema', listAuditLogsResponseSchema],
    [`auditLogSchemaFor(${JSON.stringify(events[0]!.type)})`, auditLogSchemaFor(events[0]!.type)],
    ...events.map((event): [string, StandardSchemaV1<unknown>] => [schemaName(event.type), constantOf(event.type)]),
  ];
  runCases(
    schemas.map(([name, schema]) => [
      `${name}: version 1, vendor openai-audit-logs`,
      { given: schema, want: { version: 1, vendor: 'openai-audit-logs', validate: 'function' } },
    ]),
    (schema) => ({
      version: schema['~standard'].version,
      vendor: schema['~standard'].vendor,
      validate: typeof schema['~standard'].validate,
    }),
  );
});

describe('every event type', () => {
  const cases: Case<{ schema: StandardSchemaV1<unknown>; value: unknown }, Verdict>[] = events.flatMap(
    (event, index) => {
      const payload = payloads[index]!;
      const other = events[(index + 1) % events.length]!;
      const otherPayload = payloads[(index + 1) % events.length]!;
      const oneIssue = { issues: [{ message: `must be "${event.type}", got string "${other.type}"`, path: ['type'] }] };
      return [
        [
          `${event.type}: auditLogSchema returns the log itself`,
          { given: { schema: auditLogSchema, value: payload }, want: SAME },
        ],
        [
          `${event.type}: anyAuditLogSchema returns the log itself`,
          { given: { schema: anyAuditLogSchema, value: payload }, want: SAME },
        ],
        [
          `${event.type}: ${schemaName(event.type)} returns the log itself`,
          { given: { schema: constantOf(event.type), value: payload }, want: SAME },
        ],
        [
          `${event.type}: auditLogSchemaFor returns the log itself`,
          { given: { schema: auditLogSchemaFor(event.type), value: payload }, want: SAME },
        ],
        [
          `${event.type}: ${schemaName(event.type)} rejects a ${other.type} log with one issue`,
          { given: { schema: constantOf(event.type), value: otherPayload }, want: oneIssue },
        ],
        [
          `${event.type}: auditLogSchemaFor rejects a ${other.type} log with one issue`,
          { given: { schema: auditLogSchemaFor(event.type), value: otherPayload }, want: oneIssue },
        ],
      ];
    },
  );
  runCases(cases, verdict);
});

describe('a field of the wrong type: our message, the path as keys and indexes', () => {
  const cases: Case<{ schema: StandardSchemaV1<unknown>; value: unknown }, Verdict>[] = events.flatMap((event) =>
    wrongTypeCases(event).flatMap(({ pointer, payload }) => {
      const parsed = parseAuditLog(payload);
      const messages = parsed.success ? [] : parsed.errors.map((error) => error.message);
      const want = { issues: messages.map((message) => ({ message, path: pathOfPointer(pointer) })) };
      return [
        [`${pointer}: auditLogSchema`, { given: { schema: auditLogSchema, value: payload }, want }],
        [`${pointer}: ${schemaName(event.type)}`, { given: { schema: constantOf(event.type), value: payload }, want }],
      ] satisfies Case<{ schema: StandardSchemaV1<unknown>; value: unknown }, Verdict>[];
    }),
  );
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  runCases(cases, verdict);
});

const log = payloads[0]!;
const [logType, nextType] = [events[0]!.type, events[1]!.type];
const newer = { ...log, id: 'audit_log-new', type: 'brand_new.event' };
const pageOf = (data: unknown[], fields: Record<string, unknown> = {}) => ({
  object: 'list',
  data,
  first_id: null,
  last_id: null,
  has_more: false,
  ...fields,
});
/** Every log of the catalog on one page, log 3 with `effective_at` as a string. */
const brokenPage = pageOf(
  payloads.map((payload, index) => (index === 3 ? { ...payload, effective_at: '1722461446' } : payload)),
);

describe('whole logs, logs of any type and pages', () => {
  const cases: Case<{ schema: StandardSchemaV1<unknown>; value: unknown }, Verdict>[] = [
    [
      'auditLogSchema: effective_at as a string',
      {
        given: { schema: auditLogSchema, value: { ...log, effective_at: '1722461446' } },
        want: { issues: [{ message: 'must be integer, got string "1722461446"', path: ['effective_at'] }] },
      },
    ],
    [
      'auditLogSchema: several problems, each with its path',
      {
        given: { schema: auditLogSchema, value: { type: logType, actor: 5, [logType]: 'details' } },
        want: {
          issues: [
            { message: 'is required but missing', path: ['id'] },
            { message: 'is required but missing', path: ['effective_at'] },
            { message: 'must be object or null, got number 5', path: ['actor'] },
            { message: 'must be object, got string "details"', path: [logType] },
          ],
        },
      },
    ],
    [
      'auditLogSchema: details of another type are checked too (the whole-log contract)',
      {
        given: { schema: auditLogSchema, value: { ...log, [nextType]: 'details' } },
        want: { issues: [{ message: 'must be object, got string "details"', path: [nextType] }] },
      },
    ],
    [
      'auditLogSchema: not an object',
      {
        given: { schema: auditLogSchema, value: 'audit log' },
        want: { issues: [{ message: 'must be object, got string "audit log"', path: [] }] },
      },
    ],
    [
      'auditLogSchema: a type newer than the catalog',
      {
        given: { schema: auditLogSchema, value: newer },
        want: {
          issues: [
            {
              message: `must be one of the ${catalog.length} known event types, got string "brand_new.event"; if it is newer than this package, parse with { unknownEventTypes: "accept" }`,
              path: ['type'],
            },
          ],
        },
      },
    ],
    [
      'anyAuditLogSchema: a type newer than the catalog',
      { given: { schema: anyAuditLogSchema, value: newer }, want: SAME },
    ],
    [
      'anyAuditLogSchema: a newer type is still held to the envelope',
      {
        given: { schema: anyAuditLogSchema, value: { ...newer, effective_at: 1.5 } },
        want: { issues: [{ message: 'must be integer, got number 1.5', path: ['effective_at'] }] },
      },
    ],
    [
      'a page of every event type',
      { given: { schema: listAuditLogsResponseSchema, value: pageOf(payloads) }, want: SAME },
    ],
    [
      'a page with a log of a newer type (accepted: live pages carry them)',
      { given: { schema: listAuditLogsResponseSchema, value: pageOf([log, newer]) }, want: SAME },
    ],
    [
      'a page whose log 3 is wrong',
      {
        given: { schema: listAuditLogsResponseSchema, value: brokenPage },
        want: { issues: [{ message: 'must be integer, got string "1722461446"', path: ['data', 3, 'effective_at'] }] },
      },
    ],
    [
      "a page's own fields",
      {
        given: { schema: listAuditLogsResponseSchema, value: { object: 'list', data: [log], first_id: 5 } },
        want: {
          issues: [
            { message: 'is required but missing', path: ['has_more'] },
            { message: 'must be string or null, got number 5', path: ['first_id'] },
          ],
        },
      },
    ],
    [
      'a page whose data is not an array',
      {
        given: { schema: listAuditLogsResponseSchema, value: pageOf([], { data: { 0: log } }) },
        want: { issues: [{ message: 'must be array, got object', path: ['data'] }] },
      },
    ],
  ];
  runCases(cases, verdict);
});

describe('validate never throws', () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = Object.defineProperty({ ...log }, 'effective_at', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const hostile: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['an array', [log]],
    ['a revoked Proxy', revoked.proxy],
    ['a throwing getter', throwing],
  ];
  const schemas: [string, StandardSchemaV1<unknown>][] = [
    ['auditLogSchema', auditLogSchema],
    ['anyAuditLogSchema', anyAuditLogSchema],
    ['listAuditLogsResponseSchema', listAuditLogsResponseSchema],
    [schemaName(logType), constantOf(logType)],
  ];
  runCases(
    schemas.flatMap(([schemaLabel, schema]) =>
      hostile.map(([valueLabel, value]): Case<{ schema: StandardSchemaV1<unknown>; value: unknown }, string> => [
        `${schemaLabel}: ${valueLabel}`,
        { given: { schema, value }, want: 'issues' },
      ]),
    ),
    (given) => ('issues' in verdict(given) ? 'issues' : 'value'),
  );
});

describe('auditLogSchemaFor', () => {
  it('makes one schema per type and reuses it', () => {
    expect(auditLogSchemaFor(events[0]!.type)).toBe(auditLogSchemaFor(events[0]!.type));
  });
  it('throws a RangeError for a type outside the catalog', () => {
    expect(() => auditLogSchemaFor('brand_new.event' as AuditLogEventType)).toThrow(
      new RangeError('not an event type of the catalog: "brand_new.event"'),
    );
  });
});

describe('the path of an issue', () => {
  runCases(
    [
      ['the root', { given: { pointer: '', value: {} }, want: [] }],
      [
        'array indexes as numbers',
        {
          given: { pointer: '/data/3/effective_at', value: { data: [0, 1, 2, {}] } },
          want: ['data', 3, 'effective_at'],
        },
      ],
      [
        'a key made of digits stays a string',
        { given: { pointer: '/details/3', value: { details: { 3: 'x' } } }, want: ['details', '3'] },
      ],
      ['escaped keys unescaped', { given: { pointer: '/a~1b/c~0d', value: {} }, want: ['a/b', 'c~d'] }],
      ['past a missing value, keys', { given: { pointer: '/missing/0', value: {} }, want: ['missing', '0'] }],
    ],
    ({ pointer, value }) => pathOf(pointer, value),
  );
});

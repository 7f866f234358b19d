/**
 * Readable errors: where (JSON Pointer and readable location), what was expected
 * and found, the declared event type, suggestions for unknown types, and the rendering for people.
 */
import { describe, expect, it } from 'vitest';
import {
  assertAuditLog,
  AuditLogValidationError,
  formatValidationErrors,
  parseAuditLog,
  validateAuditLog,
  type ValidationError,
} from '../../src/index.ts';
import { pointerOf, unescapePointerToken } from '../../src/internal.ts';
import { runCases, type Case } from '../support/cases.ts';
import { catalog, validPayload, wrongTypeCases } from '../../harness/payloads.ts';
import { defs, resolve, type JsonSchema } from '../../harness/schema.ts';

const errorsOf = (value: unknown): ValidationError[] => {
  const result = parseAuditLog(value);
  return result.success ? [] : result.errors;
};

/** The readable form of a JSON Pointer: keys joined by dots, array indexes in brackets. */
const readable = (pointer: string) =>
  pointer
    .slice(1)
    .split('/')
    .map(unescapePointerToken)
    .reduce((out, token) => (/^\d+$/.test(token) ? `${out}[${token}]` : out === '' ? token : `${out}.${token}`), '');

describe('every wrong-typed details field, for every event', () => {
  const cases: Case<{ payload: unknown; type: string }, unknown>[] = catalog.flatMap((event) =>
    wrongTypeCases(event).map(({ pointer, payload }): Case<{ payload: unknown; type: string }, unknown> => [
      `${event.type} ${pointer}`,
      {
        given: { payload, type: event.type },
        want: { path: pointer, location: readable(pointer), eventType: event.type, consistent: true },
      },
    ]),
  );
  runCases(cases, ({ payload }) => {
    const [error, ...rest] = errorsOf(payload);
    return {
      path: error?.path,
      location: error?.location,
      eventType: error?.eventType,
      // One error, whose message is "must be <expected>, got <found>".
      consistent: rest.length === 0 && error?.message === `must be ${error?.expected}, got ${error?.found}`,
    };
  });
});

describe('messages', () => {
  const log = validPayload(catalog.find((event) => event.type === 'api_key.created') ?? catalog[0]!);
  const pick = (error: ValidationError) => ({
    path: error.path,
    location: error.location,
    keyword: error.keyword,
    message: error.message,
  });
  const cases: Case<unknown, ReturnType<typeof pick>[]>[] = [
    [
      'effective_at as a string',
      {
        given: { ...log, effective_at: '1722461446' },
        want: [
          {
            path: '/effective_at',
            location: 'effective_at',
            keyword: 'type',
            message: 'must be integer, got string "1722461446"',
          },
        ],
      },
    ],
    [
      'effective_at with a fraction',
      {
        given: { ...log, effective_at: 1.5 },
        want: [
          {
            path: '/effective_at',
            location: 'effective_at',
            keyword: 'type',
            message: 'must be integer, got number 1.5',
          },
        ],
      },
    ],
    [
      'id missing',
      {
        given: { type: log.type, effective_at: 1 },
        want: [{ path: '/id', location: 'id', keyword: 'required', message: 'is required but missing' }],
      },
    ],
    [
      'actor a number',
      {
        given: { ...log, actor: 5 },
        want: [
          { path: '/actor', location: 'actor', keyword: 'anyOf', message: 'must be object or null, got number 5' },
        ],
      },
    ],
    [
      'actor.type outside its enum',
      {
        given: { ...log, actor: { type: 'robot' } },
        want: [
          {
            path: '/actor/type',
            location: 'actor.type',
            keyword: 'enum',
            message: 'must be one of "session", "api_key", got string "robot"',
          },
        ],
      },
    ],
    [
      'not an object',
      { given: null, want: [{ path: '', location: '(root)', keyword: 'type', message: 'must be object, got null' }] },
    ],
    [
      'an array item inside details',
      {
        given: {
          id: 'x',
          type: 'api_key.created',
          effective_at: 1,
          'api_key.created': { data: { scopes: ['ok', 7] } },
        },
        want: [
          {
            path: '/api_key.created/data/scopes/1',
            location: 'api_key.created.data.scopes[1]',
            keyword: 'type',
            message: 'must be string, got number 7',
          },
        ],
      },
    ],
    [
      'long strings are shortened',
      {
        given: { ...log, id: 7, effective_at: 'x'.repeat(100) },
        want: [
          { path: '/id', location: 'id', keyword: 'type', message: 'must be string, got number 7' },
          {
            path: '/effective_at',
            location: 'effective_at',
            keyword: 'type',
            message: `must be integer, got string "${'x'.repeat(57)}..."`,
          },
        ],
      },
    ],
  ];
  runCases(cases, (value) => errorsOf(value).map(pick));
});

describe('unknown types: nearest known types suggested', () => {
  // A one-character typo of every type suggests that type first.
  const cases: Case<string, { suggested: string | undefined; mentioned: boolean }>[] = catalog.map((event) => [
    `${event.type} typed without its last letter`,
    { given: event.type.slice(0, -1), want: { suggested: event.type, mentioned: true } },
  ]);
  cases.push([
    'something unlike any type',
    { given: 'zzzzzzzzzzzzzzzz', want: { suggested: undefined, mentioned: false } },
  ]);
  runCases(cases, (type) => {
    const error = errorsOf({ id: 'x', type, effective_at: 1 }).find((e) => e.path === '/type');
    const suggested = error?.suggestions?.[0];
    return {
      suggested,
      mentioned: suggested !== undefined && error!.message.includes(`did you mean ${JSON.stringify(suggested)}`),
    };
  });

  runCases([['no suggestion points to accepting unknown types', { given: 'zzzzzzzzzzzzzzzz', want: true }]], (type) =>
    errorsOf({ id: 'x', type, effective_at: 1 })[0]!.message.includes('unknownEventTypes: "accept"'),
  );
});

describe('formatValidationErrors and assertAuditLog', () => {
  const cases: Case<unknown, string>[] = [
    ['a valid log', { given: validPayload(catalog[0]!), want: 'no validation errors' }],
    [
      'two errors, led by the declared type',
      {
        given: { id: 1, type: 'api_key.created', effective_at: '1722461446' },
        want: 'invalid "api_key.created" audit log:\n  id: must be string, got number 1\n  effective_at: must be integer, got string "1722461446"',
      },
    ],
    ['no declared type', { given: 'text', want: 'invalid audit log:\n  (root): must be object, got string "text"' }],
    [
      'led by the type and the id',
      {
        given: { id: 'audit_log-1', type: 'api_key.created', effective_at: 1.5 },
        want: 'invalid "api_key.created" audit log "audit_log-1":\n  effective_at: must be integer, got number 1.5',
      },
    ],
  ];
  runCases(cases, (value) => formatValidationErrors(errorsOf(value)));

  // The errors validateAuditLog leaves (AJV's shape) render too, never as "undefined".
  const ajvCases: Case<unknown, string>[] = [
    [
      'AJV-style errors of a log',
      {
        given: { id: 'x', type: 'api_key.created', effective_at: '1', 'api_key.created': { data: { scopes: [7] } } },
        want: 'invalid audit log:\n  effective_at: must be integer\n  api_key.created.data.scopes[0]: must be string',
      },
    ],
    [
      'a missing field',
      {
        given: { type: 'api_key.created', effective_at: 1 },
        want: "invalid audit log:\n  id: must have required property 'id'",
      },
    ],
  ];
  runCases(ajvCases, (value) => {
    validateAuditLog(value);
    return formatValidationErrors(validateAuditLog.errors);
  });
  runCases(
    [
      ['no errors', { given: null, want: 'no validation errors' }],
      ['an empty list', { given: [], want: 'no validation errors' }],
    ],
    (errors: [] | null) => formatValidationErrors(errors),
  );

  runCases(
    catalog.map(
      (event) =>
        [
          `assertAuditLog on invalid ${event.type}`,
          {
            given: { ...validPayload(event), effective_at: null },
            want: { name: 'AuditLogValidationError', matches: true },
          },
        ] as const,
    ),
    (value) => {
      try {
        assertAuditLog(value);
        return { name: 'no error', matches: false };
      } catch (error) {
        const e = error as AuditLogValidationError;
        return {
          name: e.name,
          matches:
            e instanceof AuditLogValidationError &&
            e.message === formatValidationErrors(e.errors) &&
            e.errors.length === 1,
        };
      }
    },
  );
});

describe('never throws on values that throw when read', () => {
  const throwing = new Proxy(
    {},
    {
      get: () => {
        throw new Error('no access');
      },
      ownKeys: () => {
        throw new Error('no keys');
      },
    },
  );
  const getter = Object.defineProperty({ id: 'x', effective_at: 1 }, 'type', {
    enumerable: true,
    get: () => {
      throw new Error('boom');
    },
  });
  const cases: Case<unknown, { keywords: string[]; location: string[] }>[] = [
    ['a Proxy whose traps throw', { given: throwing, want: { keywords: ['readable'], location: ['(root)'] } }],
    ['a getter that throws', { given: getter, want: { keywords: ['readable'], location: ['(root)'] } }],
  ];
  runCases(cases, (value) => {
    const errors = errorsOf(value);
    return { keywords: errors.map((e) => e.keyword), location: errors.map((e) => e.location) };
  });
});

describe('one error per wrong value: every field the schema restricts to allowed values', () => {
  /** JSON Pointers (below `prefix`) of every field with an `enum` or `const`, along the branches a sample payload takes. */
  function restrictedFields(node: JsonSchema, path: (string | number)[]): (string | number)[][] {
    const schema = resolve(node);
    const branch = Array.isArray(schema.anyOf) ? [...restrictedFields(schema.anyOf[0] as JsonSchema, path)] : [];
    const own = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).flatMap(([name, sub]) => {
      const field = resolve(sub);
      const here = field.enum !== undefined || field.const !== undefined ? [[...path, name]] : [];
      return [...here, ...restrictedFields(sub, [...path, name])];
    });
    const items = schema.items ? restrictedFields(schema.items as JsonSchema, [...path, 0]) : [];
    return [...branch, ...own, ...items];
  }
  const set = (payload: Record<string, unknown>, path: (string | number)[], value: unknown) => {
    const copy = structuredClone(payload);
    let node = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[path.at(-1)!] = value;
    return copy;
  };
  const envelopeFields = restrictedFields(defs.AuditLogEnvelope!, []).filter(([first]) => first !== 'type');
  const cases: Case<{ payload: unknown }, { paths: string[]; oneMessage: boolean }>[] = catalog.flatMap((event) => {
    const fields = [
      ...envelopeFields,
      ...(event.detailsDef ? restrictedFields(defs[event.detailsDef]!, [event.type]) : []),
    ];
    // The envelope's fields once (with the first event), every event's own fields.
    return fields
      .filter((path) => event === catalog[0] || path[0] === event.type)
      .map((path): Case<{ payload: unknown }, { paths: string[]; oneMessage: boolean }> => [
        `${event.type}: ${pointerOf(path)} given a number`,
        { given: { payload: set(validPayload(event), path, 5) }, want: { paths: [pointerOf(path)], oneMessage: true } },
      ]);
  });
  it('covers the catalog: an enum in the envelope and in some details', () => {
    expect(cases.length).toBeGreaterThan(envelopeFields.length);
  });
  runCases(cases, ({ payload }) => {
    const errors = errorsOf(payload);
    return {
      paths: errors.map((error) => error.path),
      oneMessage: errors.length === 1 && /^must be (one of .+|".+"), got number 5$/.test(errors[0]!.message),
    };
  });
});

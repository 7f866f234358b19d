/**
 * Hostile inputs, each with the verdict the contract gives it. Every row is judged
 * by every entry point at once (see `verdictOf`), so a row also checks that they agree.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pointerOf } from '../../src/internal.ts';
import { api, guardOf } from '../support/api.ts';
import { runCases, type Case } from '../support/cases.ts';
import { validPayload } from '../../harness/payloads.ts';
import { referencesFor } from '../support/references.ts';
import { catalog, defs, resolve, type CatalogEvent, type JsonSchema } from '../../harness/schema.ts';

type Path = (string | number)[];

/** Locations inside details objects found by walking the schema, so the rows need no event names. */
function findInDetails(test: (schema: JsonSchema) => boolean): { event: CatalogEvent; path: Path } {
  for (const event of catalog) {
    if (!event.detailsDef) continue;
    const stack: { node: JsonSchema; path: Path }[] = [{ node: defs[event.detailsDef]!, path: [event.type] }];
    while (stack.length > 0) {
      const { node, path } = stack.pop()!;
      const schema = resolve(node);
      if (path.length > 1 && test(schema)) return { event, path };
      for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>))
        stack.push({ node: sub, path: [...path, name] });
    }
  }
  throw new Error('the schema has no such location');
}

const freeForm = findInDetails((schema) => schema.type === 'object' && schema.properties === undefined);
const stringList = findInDetails(
  (schema) => schema.type === 'array' && resolve(schema.items as JsonSchema).type === 'string',
);
const stringField = findInDetails((schema) => schema.type === 'string');
const host = catalog.find((event) => event.detailsDef !== undefined)!;

/** A valid log of `event` with the value at `path` set (replacing what was there). */
function logWith(event: CatalogEvent, path: Path, value: unknown): Record<string, unknown> {
  const log = validPayload(event) as Record<string, unknown>;
  let parent = log as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = (parent[step] ??= {}) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return log;
}

/** `{ a: { a: ... { a: leaf } } }`, `depth` levels, built without recursion. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

const pointer = (path: Path) => pointerOf(path);

interface Verdict {
  valid: boolean;
  /** `keyword instancePath` of each error of validateAuditLog, with the reason for `readable`. */
  errors: string[];
  /** isAuditLog, parseAuditLog().success and assertAuditLog agree with `valid` (else what they said). */
  agreed: true | string;
  /** The guard of the given event. */
  guard: boolean;
  /** A page holding the value. */
  page: boolean;
}

/** What every entry point says about `value`, reduced to a comparable summary. */
function verdictOf(value: unknown, event: CatalogEvent = host): Verdict {
  const valid = api.validateAuditLog(value);
  const errors = (api.validateAuditLog.errors ?? []).map((error) =>
    error.keyword === 'readable'
      ? `readable ${error.instancePath}: ${String(error.params.reason)}`
      : `${error.keyword} ${error.instancePath}`,
  );
  const parsed = api.parseAuditLog(value);
  let asserted = 'returned';
  try {
    api.assertAuditLog(value);
  } catch (error) {
    asserted = error instanceof api.AuditLogValidationError ? 'AuditLogValidationError' : `threw ${String(error)}`;
  }
  const said = { isAuditLog: api.isAuditLog(value), parsed: parsed.success, asserted };
  const agreed =
    said.isAuditLog === valid && said.parsed === valid && asserted === (valid ? 'returned' : 'AuditLogValidationError');
  const page = { object: 'list', data: [value], first_id: null, last_id: null, has_more: false };
  return {
    valid,
    errors,
    agreed: agreed || JSON.stringify(said),
    guard: guardOf(event.type)!(value),
    page: api.validateListAuditLogsResponse(page),
  };
}

const VALID: Verdict = { valid: true, errors: [], agreed: true, guard: true, page: true };
const invalid = (errors: string[], guard = false): Verdict => ({
  valid: false,
  errors,
  agreed: true,
  guard,
  page: false,
});

type Row = Case<{ build: () => unknown; event?: CatalogEvent }, Verdict>;
const judge = ({ build, event }: { build: () => unknown; event?: CatalogEvent }) => verdictOf(build(), event);

const json = (text: string) => () => JSON.parse(text) as unknown;
const envelope = (extra: string) =>
  json(`{"id":"log-1","type":${JSON.stringify(host.type)},"effective_at":1720804090${extra}}`);

describe('keys __proto__, constructor and prototype as JSON.parse makes them', () => {
  const prototypesBefore = [Object.prototype, Array.prototype, Function.prototype].map((proto) =>
    Reflect.ownKeys(proto),
  );

  const rows: Row[] = [
    [
      '"__proto__" with junk beside a valid envelope',
      { given: { build: envelope(',"__proto__":{"polluted":true,"id":5}') }, want: VALID },
    ],
    [
      '"__proto__" holding the required fields does not supply them',
      {
        given: { build: json(`{"__proto__":{"id":"x","type":${JSON.stringify(host.type)},"effective_at":1}}`) },
        want: invalid(['required ', 'required ', 'required ']),
      },
    ],
    [
      '"constructor" and "prototype" are undocumented fields',
      { given: { build: envelope(',"constructor":{"prototype":{"polluted":1}},"prototype":null') }, want: VALID },
    ],
    [
      '"__proto__" inside a details object',
      { given: { build: envelope(`,${JSON.stringify(host.type)}:{"__proto__":{"polluted":true}}`) }, want: VALID },
    ],
    [
      '"__proto__" as the whole details object is still an object',
      { given: { build: envelope(`,${JSON.stringify(host.type)}:{"__proto__":null}`) }, want: VALID },
    ],
    [
      '"__proto__" inside the actor',
      { given: { build: envelope(',"actor":{"__proto__":{"type":"robot"},"type":"session"}') }, want: VALID },
    ],
    [
      'type "__proto__" is not an event type',
      { given: { build: json('{"id":"x","type":"__proto__","effective_at":1}') }, want: invalid(['enum /type']) },
    ],
    [
      'type "constructor" is not an event type',
      { given: { build: json('{"id":"x","type":"constructor","effective_at":1}') }, want: invalid(['enum /type']) },
    ],
    [
      'type "hasOwnProperty" is not an event type',
      { given: { build: json('{"id":"x","type":"hasOwnProperty","effective_at":1}') }, want: invalid(['enum /type']) },
    ],
    [
      'a details key wrong under "__proto__" is still checked',
      {
        given: {
          build: json(
            `{"__proto__":{},"id":"x","type":${JSON.stringify(host.type)},"effective_at":1,${JSON.stringify(host.type)}:5}`,
          ),
        },
        want: invalid([`type ${pointer([host.type])}`]),
      },
    ],
  ];
  runCases(rows, judge);

  it('an unknown type named like a prototype member is accepted only on request', () => {
    for (const type of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const log = JSON.parse(`{"id":"x","type":${JSON.stringify(type)},"effective_at":1}`) as unknown;
      expect([
        api.isAnyAuditLog(log),
        api.parseAuditLog(log, { unknownEventTypes: 'accept' }).success,
        api.isAuditLog(log),
      ]).toEqual([true, true, false]);
    }
  });

  afterAll(() => {
    // Nothing above may have added or changed a property of the shared prototypes.
    expect([Object.prototype, Array.prototype, Function.prototype].map((proto) => Reflect.ownKeys(proto))).toEqual(
      prototypesBefore,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(JSON.parse('{"__proto__":{"x":1}}'))).toBe(Object.prototype);
  });
});

describe('huge inputs return a verdict without overflowing the stack', () => {
  const TEN_MB = 10 * 1024 * 1024;
  const scopesPointer = pointer(stringList.path);
  const rows: Row[] = [
    [
      `100,000 levels of nesting in a free-form object (${pointer(freeForm.path)})`,
      {
        given: { event: freeForm.event, build: () => logWith(freeForm.event, freeForm.path, nested(100_000)) },
        want: VALID,
      },
    ],
    [
      '100,000 levels of nesting parsed from JSON in an undocumented field',
      {
        given: {
          build: () => ({
            ...validPayload(host),
            deep: JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)) as unknown,
          }),
        },
        want: VALID,
      },
    ],
    [
      '100,000 levels of nesting where a string is expected (id)',
      { given: { build: () => ({ ...validPayload(host), id: nested(100_000) }) }, want: invalid(['type /id']) },
    ],
    [
      'a 10 MB string as id',
      { given: { build: () => ({ ...validPayload(host), id: 'x'.repeat(TEN_MB) }) }, want: VALID },
    ],
    [
      `a 10 MB string in a details field (${pointer(stringField.path)})`,
      {
        given: {
          event: stringField.event,
          build: () => logWith(stringField.event, stringField.path, 'x'.repeat(TEN_MB)),
        },
        want: VALID,
      },
    ],
    [
      'a 10 MB string as effective_at',
      {
        given: { build: () => ({ ...validPayload(host), effective_at: '1'.repeat(TEN_MB) }) },
        want: invalid(['type /effective_at'], false),
      },
    ],
    [
      'a 10 MB string as type',
      { given: { build: () => ({ ...validPayload(host), type: 'x'.repeat(TEN_MB) }) }, want: invalid(['enum /type']) },
    ],
    [
      `1,000,000 scopes (${scopesPointer})`,
      {
        given: {
          event: stringList.event,
          build: () =>
            logWith(
              stringList.event,
              stringList.path,
              Array.from({ length: 1_000_000 }, (_, i) => `scope-${i}`),
            ),
        },
        want: VALID,
      },
    ],
    [
      '1,000,000 scopes, the last one a number',
      {
        given: {
          event: stringList.event,
          build: () =>
            logWith(
              stringList.event,
              stringList.path,
              Array.from({ length: 1_000_000 }, (_, i) => (i === 999_999 ? 7 : `scope-${i}`)),
            ),
        },
        want: invalid([`type ${scopesPointer}/999999`]),
      },
    ],
    [
      '100,000 undocumented keys at the top level',
      {
        given: {
          build: () =>
            Object.assign(
              validPayload(host),
              Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`extra_${i}`, i])),
            ),
        },
        want: VALID,
      },
    ],
    [
      '100,000 undocumented keys in a details object',
      {
        given: {
          build: () =>
            logWith(
              host,
              [host.type],
              Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`extra_${i}`, { i }])),
            ),
        },
        want: VALID,
      },
    ],
    [
      '100,000 undocumented keys and a wrong documented one',
      {
        given: {
          build: () =>
            Object.assign(
              Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`extra_${i}`, i])),
              validPayload(host),
              { effective_at: 'soon' },
            ),
        },
        want: invalid(['type /effective_at']),
      },
    ],
  ];
  runCases(rows, judge);

  it('keeps error messages short whatever the size of the offending value', () => {
    const parsed = api.parseAuditLog({
      ...validPayload(host),
      effective_at: '1'.repeat(TEN_MB),
      type: 'x'.repeat(TEN_MB),
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(Math.max(...parsed.errors.map((error) => error.message.length))).toBeLessThan(200);
  });
});

describe('effective_at at the edges of JavaScript numbers', () => {
  const at = (value: unknown) => ({ build: () => ({ ...validPayload(host), effective_at: value }) });
  const wrong = invalid(['type /effective_at']);
  const rows: Row[] = [
    ['1e308: integral, valid', { given: at(1e308), want: VALID }],
    ['Number.MAX_VALUE: integral, valid', { given: at(Number.MAX_VALUE), want: VALID }],
    ['-0: zero, valid', { given: at(-0), want: VALID }],
    ['-0 from JSON.parse("-0"): valid', { given: at(JSON.parse('-0')), want: VALID }],
    ['2**53 + 1 (is 2**53 in a double): valid', { given: at(2 ** 53 + 1), want: VALID }],
    ['9007199254740993 from JSON (rounds to 2**53): valid', { given: at(JSON.parse('9007199254740993')), want: VALID }],
    ['a negative integer: valid (the schema sets no minimum)', { given: at(-1), want: VALID }],
    ['1.0 from JSON is the integer 1: valid', { given: at(JSON.parse('1.0')), want: VALID }],
    ['1.5: not an integer', { given: at(1.5), want: wrong }],
    ['Number.MIN_VALUE: not an integer', { given: at(Number.MIN_VALUE), want: wrong }],
    ['NaN: rejected (JSON cannot carry it)', { given: at(NaN), want: wrong }],
    ['Infinity: rejected (JSON cannot carry it)', { given: at(Infinity), want: wrong }],
    ['-Infinity: rejected', { given: at(-Infinity), want: wrong }],
    ['1e309 from JSON.parse (overflows to Infinity): rejected', { given: at(JSON.parse('1e309')), want: wrong }],
    ['a numeric string: rejected', { given: at('1720804090'), want: wrong }],
    ['a bigint: rejected (not a JSON number)', { given: at(1720804090n), want: wrong }],
    ['a boxed Number: rejected (an object)', { given: at(new Number(1720804090)), want: wrong }],
  ];
  runCases(rows, judge);

  describe('what the references say, documented: cfworker accepts ±Infinity as an integer', () => {
    const log = referencesFor('#');
    const references = (value: unknown) => {
      const payload = { ...validPayload(host), effective_at: value };
      return { package: api.isAuditLog(payload), ajv: log.ajv(payload), cfworker: log.cfworker(payload) };
    };
    runCases<unknown, { package: boolean; ajv: boolean; cfworker: boolean }>(
      [
        ['1e308', { given: 1e308, want: { package: true, ajv: true, cfworker: true } }],
        ['-0', { given: -0, want: { package: true, ajv: true, cfworker: true } }],
        ['NaN', { given: NaN, want: { package: false, ajv: false, cfworker: false } }],
        ['Infinity', { given: Infinity, want: { package: false, ajv: false, cfworker: true } }],
        ['-Infinity', { given: -Infinity, want: { package: false, ajv: false, cfworker: true } }],
      ],
      references,
    );
  });
});

describe('throwing getters and Proxies: an invalid verdict with a `readable` error, never an escape', () => {
  const boom = (message: string) => () => {
    throw new Error(message);
  };
  const withGetter = (path: Path, thrown: () => never) => () => {
    const log = validPayload(host) as Record<string, unknown>;
    let parent = log as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    Object.defineProperty(parent, path.at(-1)!, { get: thrown, enumerable: true, configurable: true });
    return log;
  };
  const proxyOf = (handler: ProxyHandler<object>) => () => new Proxy(validPayload(host), handler);
  const unreadable = (reason: string, guard = false) => invalid([`readable : ${reason}`], guard);
  const rows: Row[] = [
    [
      'a getter on type that throws',
      { given: { build: withGetter(['type'], boom('type getter')) }, want: unreadable('type getter') },
    ],
    [
      'a getter on id that throws',
      { given: { build: withGetter(['id'], boom('id getter')) }, want: unreadable('id getter') },
    ],
    [
      'a getter deep in the actor that throws',
      {
        given: { build: withGetter(['actor', 'session', 'user', 'email'], boom('email getter')) },
        want: unreadable('email getter'),
      },
    ],
    [
      'a getter on the details object that throws',
      { given: { build: withGetter([host.type], boom('details getter')) }, want: unreadable('details getter') },
    ],
    [
      'a getter on an undocumented field that throws: nobody reads it',
      { given: { build: withGetter(['undocumented_extra'], boom('never read')) }, want: VALID },
    ],
    [
      'a getter throwing a string',
      {
        given: {
          build: withGetter(['id'], () => {
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- a getter may throw anything; this one throws a string
            throw 'a plain string';
          }),
        },
        want: unreadable('a plain string'),
      },
    ],
    [
      'a getter that returns a valid value is just a field',
      {
        given: {
          build: () => Object.defineProperty({ ...validPayload(host) }, 'id', { get: () => 'log-1', enumerable: true }),
        },
        want: VALID,
      },
    ],
    [
      'a Proxy whose get trap throws',
      { given: { build: proxyOf({ get: boom('get trap') }) }, want: unreadable('get trap') },
    ],
    // Guards read `type`, the envelope and their own details, but never enumerate keys.
    [
      'a Proxy whose ownKeys trap throws',
      { given: { build: proxyOf({ ownKeys: boom('ownKeys trap') }) }, want: unreadable('ownKeys trap', true) },
    ],
    [
      'a Proxy whose getPrototypeOf trap throws',
      {
        given: { build: proxyOf({ getPrototypeOf: boom('getPrototypeOf trap') }) },
        want: unreadable('getPrototypeOf trap', true),
      },
    ],
    [
      'a revoked Proxy',
      {
        given: {
          build: () => {
            const { proxy, revoke } = Proxy.revocable({}, {});
            revoke();
            return proxy;
          },
        },
        want: unreadable("Cannot perform 'IsArray' on a proxy that has been revoked"),
      },
    ],
    [
      'a getter throwing something that cannot be turned into text',
      {
        given: {
          build: withGetter(['id'], () => {
            throw Object.create(null);
          }),
        },
        want: unreadable('the value threw something that cannot be shown'),
      },
    ],
    [
      'a getter throwing an Error whose message getter throws',
      {
        given: {
          build: withGetter(['id'], () => {
            throw Object.defineProperty(new Error('hidden'), 'message', { get: boom('message getter') });
          }),
        },
        want: unreadable('the value threw something that cannot be shown'),
      },
    ],
    [
      'a field holding a Proxy of an array whose get trap throws',
      {
        given: { build: () => ({ ...validPayload(host), effective_at: new Proxy([], { get: boom('get trap') }) }) },
        want: invalid(['type /effective_at']),
      },
    ],
    [
      'a field holding a revoked Proxy',
      {
        given: {
          build: () => {
            const { proxy, revoke } = Proxy.revocable({}, {});
            revoke();
            return { ...validPayload(host), effective_at: proxy };
          },
        },
        want: invalid(['type /effective_at']),
      },
    ],
    [
      'a Proxy whose traps do not throw is an object like any other',
      { given: { build: proxyOf({ get: (target, key): unknown => Reflect.get(target, key) }) }, want: VALID },
    ],
    [
      'a transparent Proxy around an invalid log gets the usual errors',
      {
        given: { build: () => new Proxy({ ...validPayload(host), effective_at: 1.5 }, {}) },
        want: invalid(['type /effective_at']),
      },
    ],
  ];
  runCases(rows, judge);

  it('assertAuditLog throws AuditLogValidationError naming the unreadable value; parseAuditLog returns the same error', () => {
    const log = withGetter(['type'], boom('type getter'))();
    let thrown: unknown;
    try {
      api.assertAuditLog(log);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(api.AuditLogValidationError);
    const errors = (thrown as InstanceType<typeof api.AuditLogValidationError>).errors;
    expect(errors.map(({ keyword, path, message }) => ({ keyword, path, message }))).toEqual([
      { keyword: 'readable', path: '', message: 'could not be read: type getter' },
    ]);
    expect(api.parseAuditLog(log)).toEqual({ success: false, errors });
  });

  it('a page reports the unreadable log at its index', () => {
    const page = {
      object: 'list',
      has_more: false,
      data: [validPayload(host), withGetter(['id'], boom('id getter'))()],
    };
    expect(api.validateListAuditLogsResponse(page)).toBe(false);
    expect(
      api.validateListAuditLogsResponse.errors?.map(({ keyword, instancePath }) => `${keyword} ${instancePath}`),
    ).toEqual(['readable /data/1']);
  });
});

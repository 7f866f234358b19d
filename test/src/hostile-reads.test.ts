/**
 * Hostile values through every library entry point (test/support/hostile.ts): getters that throw
 * on their first, second or third read and revoked Proxies at every level of a valid log, sparse
 * arrays of length 2**32-1 in every array field of the schema, many wrong items, huge and
 * invisible strings, deep nesting. Nothing throws, errors are bounded, the entry points agree,
 * and a valid log is read at most once per property (a counting Proxy). The sizes run in
 * the fuzz project (test/fuzz/hostile.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  catalog,
  countingProxy,
  HOST_EVENT,
  hostileValues,
  revokedProxy,
  sparseArray,
  SMALL,
  type HostileValue,
} from '../../harness/hostile.ts';
import { validPayload } from '../../harness/payloads.ts';
import { schemaName } from '../../scripts/generate/naming.ts';
import { api, guards } from '../support/api.ts';
import { runCases, type Case } from '../support/cases.ts';
import {
  judgesOf,
  outcomesOf,
  pageOf,
  STANDARD_SCHEMAS,
  variantSchemaOf,
  wantedOf,
  type Outcome,
} from '../support/hostile.ts';

const hostile = hostileValues(SMALL, [HOST_EVENT]);

describe('every entry point on every hostile value: no throw, bounded errors, the same verdict', () => {
  const rows: Case<HostileValue, Record<string, Outcome>>[] = hostile.map((value) => [
    value.name,
    { given: value, want: wantedOf(judgesOf(value.event), value) },
  ]);
  runCases(rows, (value) => outcomesOf(judgesOf(value.event), value.build));
});

describe("every event's guard and Standard Schemas on its own hostile values", () => {
  /** The judges that are about one event, and isAuditLog beside them. */
  const eventJudges = (event: (typeof catalog)[number]) => {
    const names = ['isAuditLog', `is${event.name}`, schemaName(event.type), `auditLogSchemaFor(${event.type})`];
    return judgesOf(event).filter(({ name }) => names.includes(name));
  };
  const rows: Case<(typeof catalog)[number], string[]>[] = catalog.map((event) => [
    event.type,
    { given: event, want: [] },
  ]);
  // What went otherwise than wanted, one line each.
  runCases(rows, (event) => {
    const judges = eventJudges(event);
    return hostileValues(SMALL, [event])
      .filter((value) => value.event === event && !value.name.includes('sparse') && !value.name.includes('wrong items'))
      .flatMap((value) => {
        const want = wantedOf(judges, value);
        return Object.entries(outcomesOf(judges, value.build))
          .filter(([name, outcome]) => outcome !== want[name])
          .map(([name, outcome]) => `${value.name}: ${name} said ${outcome}`);
      });
  });

  it('covers every guard and every per-event Standard Schema', () => {
    const names = new Set(catalog.flatMap((event) => eventJudges(event).map(({ name }) => name)));
    expect(guards.filter(({ name }) => !names.has(name))).toEqual([]);
    const covered = new Set([
      ...catalog.map((event) => variantSchemaOf(event.type)),
      ...['auditLogSchema', 'anyAuditLogSchema', 'listAuditLogsResponseSchema'].map(
        (name) => STANDARD_SCHEMAS.find(([exported]) => exported === name)![1],
      ),
    ]);
    expect(STANDARD_SCHEMAS.filter(([, schema]) => !covered.has(schema)).map(([name]) => name)).toEqual([]);
  });
});

describe('a valid log is read at most once per property, by every entry point', () => {
  const rows: Case<{ event: (typeof catalog)[number]; judge: string }, { outcome: Outcome; mostReads: number }>[] =
    judgesOf(HOST_EVENT).map(({ name }) => [
      name,
      {
        given: { event: HOST_EVENT, judge: name },
        want: {
          outcome: name.startsWith('format') ? 'shown' : name === 'findUndocumentedFields' ? 'listed' : 'valid',
          mostReads: 1,
        },
      },
    ]);
  runCases(rows, ({ event, judge }) => {
    const { proxy, maxReads } = countingProxy(validPayload(event));
    const outcome = judgesOf(event)
      .find(({ name }) => name === judge)!
      .judge(proxy);
    return { outcome, mostReads: maxReads() };
  });

  it("every event's guard and Standard Schema read its valid log at most once per property", () => {
    const reread = catalog.flatMap((event) =>
      judgesOf(event)
        .filter(({ name }) => name === `is${event.name}` || name.includes(event.type) || name.endsWith('Schema'))
        .flatMap(({ name, judge }) => {
          const { proxy, maxReads, reads } = countingProxy(validPayload(event));
          const outcome = judge(proxy);
          const most = maxReads();
          if (outcome === 'valid' && most <= 1) return [];
          return [`${event.type} ${name}: ${outcome}, ${[...reads].filter(([, n]) => n > 1).join(' ')}`];
        }),
    );
    expect(reread).toEqual([]);
  });

  it('the page entry points read the page and its logs once', () => {
    const logs = catalog.map((event) => validPayload(event));
    const page = { object: 'list', data: logs, first_id: 'a', last_id: 'b', has_more: true };
    const calls: [string, (value: unknown) => unknown][] = [
      ['validateListAuditLogsResponse', (value) => api.validateListAuditLogsResponse(value)],
      ['parseListAuditLogsResponse', (value) => api.parseListAuditLogsResponse(value).success],
      ['isListAuditLogsResponse', (value) => api.isListAuditLogsResponse(value)],
      [
        'listAuditLogsResponseSchema',
        (value) =>
          STANDARD_SCHEMAS.find(([name]) => name === 'listAuditLogsResponseSchema')![1]['~standard'].validate(value) !==
          undefined,
      ],
    ];
    expect(
      calls.map(([name, call]) => {
        const { proxy, maxReads } = countingProxy(page);
        return [name, call(proxy), maxReads()];
      }),
    ).toEqual(calls.map(([name]) => [name, true, 1]));
  });
});

describe('pages: bounded errors, holes, maxErrors, the first error ends a verdict', () => {
  const host = validPayload(HOST_EVENT);
  const bad = { ...host, effective_at: 'soon', id: 5 };
  it('a sparse data of length 2**32-1 costs at most the cap', () => {
    const page = { object: 'list', data: sparseArray(), has_more: false };
    expect(api.isListAuditLogsResponse(page)).toBe(false);
    expect(api.validateListAuditLogsResponse(page)).toBe(false);
    expect(api.validateListAuditLogsResponse.errors!.length).toBe(101);
    expect(api.validateListAuditLogsResponse.errors!.at(-1)!.keyword).toBe('maxErrors');
    const parsed = api.parseListAuditLogsResponse(page);
    expect(parsed.success ? 0 : parsed.errors.length).toBe(101);
  });

  runCases<{ logs: number; maxErrors?: number }, { errors: number; last: string }>(
    [
      [
        '200 bad logs (400 errors): 100 and one more',
        { given: { logs: 200 }, want: { errors: 101, last: 'maxErrors' } },
      ],
      [
        '200 bad logs, maxErrors 5: 5 and one more',
        { given: { logs: 200, maxErrors: 5 }, want: { errors: 6, last: 'maxErrors' } },
      ],
      ['3 bad logs, maxErrors 6: all 6', { given: { logs: 3, maxErrors: 6 }, want: { errors: 6, last: 'type' } }],
      [
        '3 bad logs, maxErrors 5: 5 and one more',
        { given: { logs: 3, maxErrors: 5 }, want: { errors: 6, last: 'maxErrors' } },
      ],
      [
        '1 bad log, maxErrors 1: 1 and one more',
        { given: { logs: 1, maxErrors: 1 }, want: { errors: 2, last: 'maxErrors' } },
      ],
    ],
    ({ logs, maxErrors }) => {
      const page = pageOf(null);
      page.data = [host, ...Array.from({ length: logs }, () => ({ ...bad }))];
      const options = maxErrors === undefined ? {} : { maxErrors };
      api.validateListAuditLogsResponse(page, options);
      const ajv = api.validateListAuditLogsResponse.errors!;
      const parsed = api.parseListAuditLogsResponse(page, options);
      if (parsed.success || parsed.errors.length !== ajv.length) throw new Error('validate and parse disagree');
      return { errors: ajv.length, last: ajv.at(-1)!.keyword };
    },
  );

  it('isListAuditLogsResponse reads no log after the first invalid one', () => {
    const { proxy, reads } = countingProxy({ object: 'list', data: [bad, host, host], has_more: false });
    expect(api.isListAuditLogsResponse(proxy)).toBe(false);
    expect([...reads.keys()].filter((place) => place.startsWith('/data/1') || place.startsWith('/data/2'))).toEqual([]);
  });

  it('a revoked Proxy as the page, as data, as a log: invalid, never a throw', () => {
    for (const page of [revokedProxy(), { ...pageOf(null), data: revokedProxy() }, pageOf(revokedProxy())]) {
      expect([
        api.isListAuditLogsResponse(page),
        api.validateListAuditLogsResponse(page),
        api.parseListAuditLogsResponse(page).success,
      ]).toEqual([false, false, false]);
    }
  });
});

describe('formatValidationErrors never throws, on any input', () => {
  const throwing = () => {
    throw new Error('boom');
  };
  const values: [string, unknown][] = [
    ['[{}]', [{}]],
    ['[null, 1, "x"]', [null, 1, 'x']],
    ['42', 42],
    ['a string', 'not a list'],
    ['an object', { length: 3 }],
    ['a Map', new Map([[0, {}]])],
    ['a revoked Proxy', revokedProxy()],
    ['a list holding a revoked Proxy', [revokedProxy()]],
    ['an array Proxy whose get trap throws', new Proxy([{}], { get: throwing })],
    ['an error whose message getter throws', [Object.defineProperty({ location: 'x' }, 'message', { get: throwing })]],
    [
      'an error with a huge location',
      [{ location: 'x'.repeat(1_000_000), message: 'y'.repeat(1_000_000), id: '\u202E'.repeat(1_000_000) }],
    ],
    ['a sparse list of 2**32-1', sparseArray()],
  ];
  runCases(
    values.map(([name, given]): Case<unknown, { type: string; short: boolean }> => [
      name,
      { given, want: { type: 'string', short: true } },
    ]),
    (given) => {
      const text = api.formatValidationErrors(given as never);
      return { type: typeof text, short: text.length < 100_000 };
    },
  );
});

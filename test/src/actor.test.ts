/**
 * actorOf over every catalog event type: each kind of actor put into a valid log of every type
 * (and of an unknown type) gives the same summary; wrong-typed fields are left out; hostile
 * getters and revoked Proxies never make it throw; it reads each field at most once and never
 * mutates the log.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { catalog, countingProxy, hostileValues, revokedProxy, SMALL } from '../../harness/hostile.ts';
import { validPayload } from '../../harness/payloads.ts';
import { actorOf, type AnyAuditLog, type AuditLogActorSummary } from '../../src/index.ts';
import { runCases, type Case } from '../support/cases.ts';

const GENUINE = JSON.parse(
  readFileSync(new URL('../fixtures/payloads/genuine-session.json', import.meta.url), 'utf8'),
) as { actor: { session: Record<string, unknown> } };
const SESSION = GENUINE.actor.session;
const SESSION_SUMMARY: AuditLogActorSummary = {
  kind: 'session',
  principal: { kind: 'user', id: 'user-4kQ9w2ZtR8mLx3Pv', email: 'ops@example.com' },
  ipAddress: '203.0.113.24',
  userAgent: SESSION.user_agent as string,
  ja3: '773906b0efdefa24a7f2b8eb6985bf37',
  ja4: 't13d1516h2_8daaf6152771_02713d6af862',
  geo: {
    country: 'US',
    city: 'Portland',
    region: 'Oregon',
    regionCode: 'OR',
    asn: '64500',
    latitude: 45.523,
    longitude: -122.676,
  },
};

/** A valid log of every catalog type, and one of a type newer than the catalog, with `actor` put in (or taken out). */
function logsWith(actor: unknown): { type: string; log: AnyAuditLog }[] {
  const logs = [...catalog.map((event) => validPayload(event)), { ...validPayload(catalog[0]!), type: 'newer.thing' }];
  return logs.map((payload) => {
    const log: Record<string, unknown> = { ...payload };
    if (actor === undefined) delete log.actor;
    else log.actor = actor;
    return { type: String(log.type), log: log as AnyAuditLog };
  });
}

const rows: Case<unknown, AuditLogActorSummary | undefined>[] = [
  ['a session user, as a genuine payload carries it', { given: GENUINE.actor, want: SESSION_SUMMARY }],
  [
    'a session without a type: the session object decides',
    {
      given: { session: { user: { id: 'user-1' } } },
      want: { kind: 'session', principal: { kind: 'user', id: 'user-1' } },
    },
  ],
  [
    'an API key of a user',
    {
      given: {
        type: 'api_key',
        api_key: { id: 'key_1', type: 'user', user: { id: 'user-2', email: 'a@example.com' } },
      },
      want: { kind: 'api_key', apiKeyId: 'key_1', principal: { kind: 'user', id: 'user-2', email: 'a@example.com' } },
    },
  ],
  [
    'an API key of a service account',
    {
      given: { type: 'api_key', api_key: { id: 'key_2', type: 'service_account', service_account: { id: 'svc_1' } } },
      want: { kind: 'api_key', apiKeyId: 'key_2', principal: { kind: 'service_account', id: 'svc_1' } },
    },
  ],
  [
    'an API key whose type says service account: its user is not taken for the owner',
    {
      given: { type: 'api_key', api_key: { type: 'service_account', user: { id: 'user-3' } } },
      want: { kind: 'api_key' },
    },
  ],
  [
    'an API key without a type: the owner present decides',
    {
      given: { api_key: { id: 'key_3', service_account: { id: 'svc_2' } } },
      want: { kind: 'api_key', apiKeyId: 'key_3', principal: { kind: 'service_account', id: 'svc_2' } },
    },
  ],
  [
    "the actor's type decides when both objects are there",
    {
      given: { type: 'api_key', session: SESSION, api_key: { id: 'key_4' } },
      want: { kind: 'api_key', apiKeyId: 'key_4' },
    },
  ],
  ['no actor', { given: undefined, want: undefined }],
  ['a null actor', { given: null, want: undefined }],
  ['an actor that is an array', { given: [GENUINE.actor], want: undefined }],
  ['an empty actor', { given: {}, want: { kind: 'unknown' } }],
  ['an actor of a type newer than the schema', { given: { type: 'workload' }, want: { kind: 'unknown' } }],
  [
    'wrong-typed fields are left out, not passed on',
    {
      given: {
        type: 'session',
        session: {
          user: { id: 7, email: ['x'] },
          ip_address: 203,
          user_agent: null,
          ja3: {},
          ja4: null,
          ip_address_details: { country: 1, city: null, latitude: 'north', longitude: '200', asn: 64500 },
        },
      },
      want: { kind: 'session', principal: { kind: 'user' } },
    },
  ],
  [
    'a session that is a string, details that are an array',
    { given: { type: 'session', session: 'yes' }, want: { kind: 'session' } },
  ],
  [
    'a revoked Proxy as the session: a session with nothing readable',
    { given: { type: 'session', session: revokedProxy() }, want: { kind: 'session' } },
  ],
  ['a revoked Proxy as the actor', { given: revokedProxy(), want: undefined }],
];

describe('actorOf on a log of every catalog type and of an unknown type', () => {
  // What came out otherwise than wanted, one line per event type.
  runCases(
    rows.map(([name, spec]) => [name, { given: spec, want: [] as string[] }]),
    ({ given, want }) =>
      logsWith(given).flatMap(({ type, log }) => {
        const got = actorOf(log);
        return isDeepStrictEqual(got, want) ? [] : [`${type}: ${JSON.stringify(got)}`];
      }),
  );
});

describe('actorOf on hostile values', () => {
  it('never throws on any hostile value of any catalog type', () => {
    const threw = hostileValues(SMALL, catalog)
      .filter((value) => !value.name.includes('sparse') && !value.name.includes('wrong items'))
      .flatMap((value) => {
        try {
          actorOf(value.build() as AnyAuditLog);
          return [];
        } catch (error) {
          return [`${value.name}: ${String(error)}`];
        }
      });
    expect(threw).toEqual([]);
  });

  it('never throws on values that are not logs at all', () => {
    for (const value of [null, undefined, 0, 'log', [], revokedProxy()])
      expect(actorOf(value as AnyAuditLog)).toBe(undefined);
  });

  runCases<unknown, number>(
    rows
      .filter(([name]) => !name.includes('revoked'))
      .filter(([, { given }]) => typeof given === 'object' && given !== null && !Array.isArray(given))
      .map(([name, { given }]) => [`${name}: each field read at most once`, { given, want: 1 }]),
    (actor) => {
      const { proxy, maxReads } = countingProxy({ ...validPayload(catalog[0]!), actor });
      actorOf(proxy as AnyAuditLog);
      return maxReads();
    },
  );

  it('never mutates the log', () => {
    const log = structuredClone(GENUINE) as unknown as AnyAuditLog;
    const before = JSON.stringify(log);
    actorOf(log);
    expect(JSON.stringify(log)).toBe(before);
    expect(Object.isFrozen(Object.freeze(log)) && actorOf(log)).toEqual(SESSION_SUMMARY);
  });
});

/**
 * toOcsf over every catalog type (and a type newer than the catalog), with each kind of actor:
 * the event validates against its class in the compiled OCSF 1.8.0 schema (required attributes,
 * types, enum ids, no attribute the class lacks), type_uid is class_uid × 100 + activity_id, the
 * class is the one the meaning names, every string of the log lands somewhere, and the log is
 * not mutated. Then the cases, by name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ocsfProblems } from '../../../harness/ocsf.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';
import type { AnyAuditLog } from '../../../src/index.ts';
import { meaningOf } from '../../../src/meaning.ts';
import { toOcsf } from '../../../src/ocsf.ts';
import { runCases } from '../../support/cases.ts';

const GENUINE = JSON.parse(
  readFileSync(new URL('../../fixtures/payloads/genuine-session.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const ACTORS: [name: string, actor: unknown][] = [
  ['a session', GENUINE.actor],
  [
    'a user API key',
    { type: 'api_key', api_key: { id: 'key_1', type: 'user', user: { id: 'user-1', email: 'a@example.com' } } },
  ],
  [
    'a service-account API key',
    { type: 'api_key', api_key: { id: 'key_2', type: 'service_account', service_account: { id: 'svc_1' } } },
  ],
  ['no actor', null],
];

const NEWER = {
  ...validPayload(catalog[0]!),
  type: 'tenant.widget.reconfigured',
  'tenant.widget.reconfigured': { id: 'w1', size: 3 },
};
const LOGS = [...catalog.map((event) => validPayload(event)), NEWER];
const CASES = LOGS.flatMap((log) =>
  ACTORS.map(
    ([name, actor]) => [`${log.type as string}, ${name}`, { ...log, actor } as unknown as AnyAuditLog] as const,
  ),
);

/** Every string inside a JSON value. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
}

describe('toOcsf: every event type validates against its OCSF class', () => {
  it.each(CASES)('%s', (_name, log) => {
    const before = structuredClone(log);
    const event = toOcsf(log, { organization: { id: 'org-1', name: 'Example' }, keepOriginal: true });
    expect(ocsfProblems(event)).toEqual([]);
    expect(event.class_uid).toBe(meaningOf(log.type).ocsf.classUid);
    expect(event.activity_id).toBe(meaningOf(log.type).ocsf.activityId);
    expect(log).toEqual(before);
    expect(event.raw_data).toBe(JSON.stringify(log));
    const { raw_data: _raw, ...placed } = event;
    const text = JSON.stringify(placed);
    const envelope = [
      'object',
      'type',
      'actor',
      'session',
      'api_key',
      'user',
      'service_account',
      'organization.audit_log',
    ];
    // A numeric string (an ASN, a coordinate) may land as the number it reads as.
    const landed = (string: string) =>
      text.includes(JSON.stringify(string)) || (string.trim() !== '' && text.includes(`:${Number(string)}`));
    const lost = stringsOf(log).filter((string) => !envelope.includes(string) && !landed(string));
    expect(lost).toEqual([]);
  });
});

/** A catalog log of `type` with the genuine session actor, and `details` laid over its sampled details. */
function logOf(type: string, details?: Record<string, unknown>): AnyAuditLog {
  const payload = validPayload(catalog.find((event) => event.type === type)!);
  return { ...payload, actor: GENUINE.actor, ...(details ? { [type]: details } : {}) } as unknown as AnyAuditLog;
}

/** What a detection rule reads of an OCSF event: class, activity, status and the target. */
function summary(event: Record<string, unknown>) {
  const pick = (key: string) => (key in event ? { [key]: event[key] } : {});
  return {
    class_uid: event.class_uid,
    activity_name: event.activity_name,
    status_id: event.status_id,
    ...pick('status_detail'),
    ...pick('entity'),
    ...pick('user'),
    ...pick('privileges'),
  };
}

const SIGNED_IN_USER = {
  type_id: 1,
  type: 'User',
  uid: 'user-4kQ9w2ZtR8mLx3Pv',
  email_addr: 'ops@example.com',
  name: 'ops@example.com',
};

runCases<AnyAuditLog, Record<string, unknown>>(
  [
    [
      'a sign-in that succeeded: an Authentication Logon, Success, of the signed-in user',
      {
        given: logOf('login.succeeded'),
        want: { class_uid: 3002, activity_name: 'Logon', status_id: 1, user: SIGNED_IN_USER },
      },
    ],
    [
      'a sign-in that failed: a Logon, Failure, with the reason as status_detail',
      {
        given: logOf('login.failed', { error_code: 'invalid_password', error_message: 'Wrong password.' }),
        want: {
          class_uid: 3002,
          activity_name: 'Logon',
          status_id: 2,
          status_detail: 'Wrong password.',
          user: SIGNED_IN_USER,
        },
      },
    ],
    [
      'an API key created: Entity Management Create of the key',
      {
        given: logOf('api_key.created', { id: 'key_abc', data: { scopes: ['api.model.request'] } }),
        want: { class_uid: 3004, activity_name: 'Create', status_id: 1, entity: { type: 'api_key', uid: 'key_abc' } },
      },
    ],
    [
      'a role assigned: User Access Management Assign Privileges to the principal',
      {
        given: logOf('role.assignment.created', { id: 'ra_1', principal_id: 'user-9', principal_type: 'user' }),
        want: {
          class_uid: 3005,
          activity_name: 'Assign Privileges',
          status_id: 1,
          user: { uid: 'user-9' },
          privileges: [],
        },
      },
    ],
    [
      'an IP allowlist changed: Entity Management Update of the allowlist',
      {
        given: logOf('ip_allowlist.updated', { id: 'ipl_1', allowed_ips: ['198.51.100.0/24'] }),
        want: {
          class_uid: 3004,
          activity_name: 'Update',
          status_id: 1,
          entity: { type: 'ip_allowlist', uid: 'ipl_1' },
        },
      },
    ],
    [
      'an IP allowlist configuration activated: Entity Management Activate',
      {
        given: logOf('ip_allowlist.config.activated', { configs: [{ id: 'cfg_1', name: 'office' }] }),
        want: {
          class_uid: 3004,
          activity_name: 'Activate',
          status_id: 1,
          entity: { type: 'ip_allowlist.config', name: 'ip_allowlist.config' },
        },
      },
    ],
  ],
  (log) => summary(toOcsf(log) as unknown as Record<string, unknown>),
);

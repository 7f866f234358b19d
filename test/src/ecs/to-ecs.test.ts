/**
 * The cases by name, as a detection rule reads them in ECS: a sign-in that succeeded and
 * one that failed are authentication events with their outcome (the failure with its reason), and
 * an API key creation, a role assignment and an IP allowlist change carry their action, event.type
 * and target. Then the edges of `@timestamp`: an ECS date holds years 0000 to 9999 only.
 */
import { describe } from 'vitest';
import { validPayload } from '../../../harness/payloads.ts';
import { catalog } from '../../../harness/schema.ts';
import { toEcs, type EcsDocument } from '../../../src/ecs.ts';
import type { AnyAuditLog } from '../../../src/index.ts';
import { runCases } from '../../support/cases.ts';
import { logOf } from '../../support/ecs.ts';

/** What a detection rule reads of an ECS document: the event's meaning, why it failed, who acted and on what. */
function summary(doc: EcsDocument) {
  const { category, type, action, outcome, reason } = doc.event;
  return {
    event: { category, type, action, outcome, ...(reason === undefined ? {} : { reason }) },
    ...(doc.error === undefined ? {} : { error: doc.error }),
    user: doc.user,
    ...(doc.entity === undefined ? {} : { entity: doc.entity }),
  };
}

/** The user of the genuine session fixture, who acts in every case. */
const SIGNED_IN_USER = { id: 'user-4kQ9w2ZtR8mLx3Pv', email: 'ops@example.com' };

describe('the cases a SIEM detects', () => {
  runCases<AnyAuditLog, ReturnType<typeof summary>>(
    [
      [
        'a sign-in that succeeded: an authentication session start, success, of the signed-in user',
        {
          given: logOf('login.succeeded'),
          want: {
            event: {
              category: ['authentication', 'session'],
              type: ['start'],
              action: 'login.succeeded',
              outcome: 'success',
            },
            user: SIGNED_IN_USER,
          },
        },
      ],
      [
        'a sign-in that failed: the same, failure, with the error as event.reason and error.*',
        {
          given: logOf('login.failed', { error_code: 'invalid_password', error_message: 'Wrong password.' }),
          want: {
            event: {
              category: ['authentication', 'session'],
              type: ['start'],
              action: 'login.failed',
              outcome: 'failure',
              reason: 'Wrong password.',
            },
            error: { code: 'invalid_password', message: 'Wrong password.' },
            user: SIGNED_IN_USER,
          },
        },
      ],
      [
        'a sign-in that failed with a code alone: the code is the reason',
        {
          given: logOf('login.failed', { error_code: 'mfa_required' }),
          want: {
            event: {
              category: ['authentication', 'session'],
              type: ['start'],
              action: 'login.failed',
              outcome: 'failure',
              reason: 'mfa_required',
            },
            error: { code: 'mfa_required' },
            user: SIGNED_IN_USER,
          },
        },
      ],
      [
        'an API key created: an iam creation, the key as entity.target',
        {
          given: logOf('api_key.created', { id: 'key_abc', data: { scopes: ['api.model.request'] } }),
          want: {
            event: { category: ['iam'], type: ['creation'], action: 'api_key.created', outcome: 'success' },
            user: SIGNED_IN_USER,
            entity: { target: { sub_type: 'api_key', id: 'key_abc' } },
          },
        },
      ],
      [
        'a role assigned: an iam admin creation, the principal given the role as entity.target',
        {
          given: logOf('role.assignment.created', { id: 'ra_1', principal_id: 'user-9', principal_type: 'user' }),
          want: {
            event: {
              category: ['iam'],
              type: ['admin', 'creation'],
              action: 'role.assignment.created',
              outcome: 'success',
            },
            user: SIGNED_IN_USER,
            entity: { target: { sub_type: 'role.assignment', id: 'user-9' } },
          },
        },
      ],
      [
        'an IP allowlist changed: a configuration change, the allowlist as entity.target',
        {
          given: logOf('ip_allowlist.updated', { id: 'ipl_1', allowed_ips: ['198.51.100.0/24'] }),
          want: {
            event: {
              category: ['configuration'],
              type: ['change'],
              action: 'ip_allowlist.updated',
              outcome: 'success',
            },
            user: SIGNED_IN_USER,
            entity: { target: { sub_type: 'ip_allowlist', id: 'ipl_1' } },
          },
        },
      ],
      [
        'an IP allowlist deleted: a configuration deletion, the allowlist by id and name',
        {
          given: logOf('ip_allowlist.deleted', { id: 'ipl_1', name: 'office' }),
          want: {
            event: {
              category: ['configuration'],
              type: ['deletion'],
              action: 'ip_allowlist.deleted',
              outcome: 'success',
            },
            user: SIGNED_IN_USER,
            entity: { target: { sub_type: 'ip_allowlist', id: 'ipl_1', name: 'office' } },
          },
        },
      ],
    ],
    (log) => summary(toEcs(log)),
  );
});

describe('@timestamp: years 0000 to 9999, as an ECS date holds them', () => {
  const base = validPayload(catalog[0]!);
  runCases<number, string | undefined>(
    [
      ['a time of a real log', { given: 1720804090, want: '2024-07-12T17:08:10.000Z' }],
      ['the epoch', { given: 0, want: '1970-01-01T00:00:00.000Z' }],
      ['the first second of year 0000', { given: -62167219200, want: '0000-01-01T00:00:00.000Z' }],
      ['the last second of year 9999', { given: 253402300799, want: '9999-12-31T23:59:59.000Z' }],
      ['the second before year 0000: none (a Date writes -000001)', { given: -62167219201, want: undefined }],
      ['the first second of year 10000: none (a Date writes +010000)', { given: 253402300800, want: undefined }],
      ['past what a Date holds: none', { given: Number.MAX_SAFE_INTEGER, want: undefined }],
    ],
    (effective_at) => toEcs({ ...base, effective_at } as unknown as AnyAuditLog)['@timestamp'],
  );
});

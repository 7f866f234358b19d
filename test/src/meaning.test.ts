/**
 * The meaning rule over resource families and action verbs (src/internal/meaning.ts), and
 * `meaningOf`, which answers catalog types from the generated table and other types by the rule.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_MEANINGS } from '../../generated/meanings.ts';
import { meaningByRule, type EventMeaning } from '../../src/internal.ts';
import { meaningOf } from '../../src/meaning.ts';
import { catalog } from '../../harness/schema.ts';
import { runCases, type Case } from '../support/cases.ts';

type Summary = Pick<EventMeaning, 'ocsf' | 'ecs' | 'outcome'>;
const summary = ({ ocsf, ecs, outcome }: EventMeaning): Summary => ({ ocsf, ecs, outcome });
const ocsf = (classUid: number, activityId: number) => ({ classUid, activityId });

const RULE_CASES: Case<[resource: string, action: string], Summary>[] = [
  [
    'a sign-in that succeeded is an Authentication Logon, an authentication session start, a success',
    {
      given: ['login', 'succeeded'],
      want: {
        ocsf: ocsf(3002, 1),
        ecs: { category: ['authentication', 'session'], type: ['start'] },
        outcome: 'success',
      },
    },
  ],
  [
    'a sign-in that failed is the same, a failure',
    {
      given: ['login', 'failed'],
      want: {
        ocsf: ocsf(3002, 1),
        ecs: { category: ['authentication', 'session'], type: ['start'] },
        outcome: 'failure',
      },
    },
  ],
  [
    'a sign-out is a Logoff, a session end',
    {
      given: ['logout', 'succeeded'],
      want: {
        ocsf: ocsf(3002, 2),
        ecs: { category: ['authentication', 'session'], type: ['end'] },
        outcome: 'success',
      },
    },
  ],
  [
    'a role assignment made is User Access Management Assign Privileges, an iam admin creation',
    {
      given: ['role.assignment', 'created'],
      want: { ocsf: ocsf(3005, 1), ecs: { category: ['iam'], type: ['admin', 'creation'] }, outcome: 'success' },
    },
  ],
  [
    'a role assignment removed under a prefix revokes privileges',
    {
      given: ['tenant.resource_role_assignment', 'deleted'],
      want: { ocsf: ocsf(3005, 2), ecs: { category: ['iam'], type: ['admin', 'deletion'] }, outcome: 'success' },
    },
  ],
  [
    'a group member added is Group Management Add User',
    {
      given: ['tenant.group.member', 'added'],
      want: { ocsf: ocsf(3006, 3), ecs: { category: ['iam'], type: ['group', 'creation'] }, outcome: 'success' },
    },
  ],
  [
    'a group created is Group Management Create',
    {
      given: ['group', 'created'],
      want: { ocsf: ocsf(3006, 6), ecs: { category: ['iam'], type: ['group', 'creation'] }, outcome: 'success' },
    },
  ],
  [
    'a group updated falls back to Entity Management Update (Group Management has no update)',
    {
      given: ['group', 'updated'],
      want: { ocsf: ocsf(3004, 3), ecs: { category: ['iam'], type: ['group', 'change'] }, outcome: 'success' },
    },
  ],
  [
    'a user added is Account Change Create',
    {
      given: ['user', 'added'],
      want: { ocsf: ocsf(3001, 1), ecs: { category: ['iam'], type: ['user', 'creation'] }, outcome: 'success' },
    },
  ],
  [
    'a service account deleted is Account Change Delete',
    {
      given: ['tenant.service_account', 'deleted'],
      want: { ocsf: ocsf(3001, 6), ecs: { category: ['iam'], type: ['user', 'deletion'] }, outcome: 'success' },
    },
  ],
  [
    'a user looked up is Entity Management Read, iam info',
    {
      given: ['tenant.user', 'looked_up'],
      want: { ocsf: ocsf(3004, 2), ecs: { category: ['iam'], type: ['user', 'info'] }, outcome: 'success' },
    },
  ],
  [
    'an API key created is Entity Management Create of an identity resource',
    {
      given: ['api_key', 'created'],
      want: { ocsf: ocsf(3004, 1), ecs: { category: ['iam'], type: ['creation'] }, outcome: 'success' },
    },
  ],
  [
    'an IP allowlist configuration activated is Entity Management Activate, a configuration change',
    {
      given: ['ip_allowlist.config', 'activated'],
      want: { ocsf: ocsf(3004, 10), ecs: { category: ['configuration'], type: ['change'] }, outcome: 'success' },
    },
  ],
  [
    'an IP allowlist deleted is a configuration deletion',
    {
      given: ['ip_allowlist', 'deleted'],
      want: { ocsf: ocsf(3004, 4), ecs: { category: ['configuration'], type: ['deletion'] }, outcome: 'success' },
    },
  ],
  [
    'SCIM disabled is Entity Management Disable of an identity resource',
    {
      given: ['scim', 'disabled'],
      want: { ocsf: ocsf(3004, 9), ecs: { category: ['iam'], type: ['change'] }, outcome: 'success' },
    },
  ],
  [
    'a policy resource (any segment ending in policy) is identity',
    {
      given: ['tenant.session_policy', 'created'],
      want: { ocsf: ocsf(3004, 1), ecs: { category: ['iam'], type: ['creation'] }, outcome: 'success' },
    },
  ],
  [
    'a verb the rule does not know is activity Other, ECS info, outcome unknown',
    {
      given: ['project', 'teleported'],
      want: { ocsf: ocsf(3004, 99), ecs: { category: ['configuration'], type: ['info'] }, outcome: 'unknown' },
    },
  ],
  [
    'a verb named like an Object.prototype member is not taken for a known verb',
    {
      given: ['project', 'constructor'],
      want: { ocsf: ocsf(3004, 99), ecs: { category: ['configuration'], type: ['info'] }, outcome: 'unknown' },
    },
  ],
];

describe('meaningByRule', () => runCases(RULE_CASES, ([resource, action]) => summary(meaningByRule(resource, action))));

describe('meaningByRule names the target', () => {
  it('by its resource, with the conventional id and name paths', () => {
    expect(meaningByRule('certificate', 'created').target).toEqual({
      resource: 'certificate',
      idPath: 'id',
      namePath: 'name',
    });
  });
});

describe('meaningOf', () => {
  it.each(catalog.map(({ type }) => type))('%s: the generated table', (type) => {
    expect(meaningOf(type)).toBe(EVENT_MEANINGS[type as keyof typeof EVENT_MEANINGS]);
  });
  runCases<string, Summary>(
    [
      [
        'a type newer than the catalog: split at its last dot',
        {
          given: 'tenant.user.suspended_for_review',
          want: { ocsf: ocsf(3004, 99), ecs: { category: ['iam'], type: ['user', 'info'] }, outcome: 'unknown' },
        },
      ],
      [
        'a string without a dot',
        {
          given: 'login',
          want: {
            ocsf: ocsf(3002, 1),
            ecs: { category: ['authentication', 'session'], type: ['start'] },
            outcome: 'unknown',
          },
        },
      ],
    ],
    (type) => summary(meaningOf(type)),
  );
});

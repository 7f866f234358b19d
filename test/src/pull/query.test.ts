/**
 * `auditLogsQuery` writes what the endpoint expects, and the same query string as the official
 * SDK (its `stringifyQuery`, the reference for the bracket forms) for the same parameters.
 */
import OpenAI from 'openai';
import { describe } from 'vitest';
import type { ListAuditLogsParams } from '../../../generated/types.ts';
import { auditLogsQuery } from '../../../src/pull/query.ts';
import { runCases } from '../../support/cases.ts';

const sdk = new OpenAI({ apiKey: 'unused', adminAPIKey: 'unused' }) as unknown as {
  stringifyQuery(query: object): string;
};

const PARAMS: [string, ListAuditLogsParams][] = [
  ['nothing', {}],
  ['a lower bound and a page size', { effective_at: { gte: 1722461446 }, limit: 100 }],
  ['every bound', { effective_at: { gt: 1, gte: 2, lt: 3, lte: 4 } }],
  ['the cursors', { after: 'audit_log-abc', before: 'audit_log-xyz' }],
  [
    'every array filter, two values each',
    {
      project_ids: ['proj_1', 'proj_2'],
      event_types: ['api_key.created', 'login.failed'],
      actor_ids: ['user-1', 'sa-2'],
      actor_emails: ['a@example.com', 'b+tag@example.com'],
      resource_ids: ['ws__conn', 'key 2'],
    },
  ],
  ['tenant only', { tenant_only: true, event_types: ['role.bound_to_resource'] }],
  ['values that need escaping', { after: 'a&b=c d', actor_emails: ['x/y?z#'] }],
];

describe('auditLogsQuery', () => {
  runCases(
    [
      ['nothing: an empty string', { given: {}, want: '' }],
      [
        'bounds and arrays in the bracket forms, brackets percent-encoded',
        {
          given: { effective_at: { gte: 10, lte: 20 }, event_types: ['api_key.created', 'login.failed'], limit: 5 },
          want: 'effective_at%5Bgte%5D=10&effective_at%5Blte%5D=20&event_types%5B%5D=api_key.created&event_types%5B%5D=login.failed&limit=5',
        },
      ],
      ['an empty array is left out', { given: { project_ids: [], tenant_only: false }, want: 'tenant_only=false' }],
    ] satisfies [string, { given: ListAuditLogsParams; want: string }][],
    (params) => auditLogsQuery(params),
  );

  runCases(
    PARAMS.map(([name, params]) => [`the SDK writes the same: ${name}`, { given: params, want: true }]),
    (params) => {
      const ours = new URLSearchParams(auditLogsQuery(params));
      const theirs = new URLSearchParams(sdk.stringifyQuery(params));
      return JSON.stringify([...ours].sort()) === JSON.stringify([...theirs].sort());
    },
  );
});

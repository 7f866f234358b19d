/**
 * Interop with the official `openai` SDK (types only): an item of
 * `client.admin.organization.auditLogs.list()` goes into `isAuditLog` and `parseAuditLog` and comes
 * out as our narrowed union, and every member of our `AuditLog` union is assignable to the SDK's
 * `AuditLogListResponse`, so our types never contradict the official ones.
 */
import type OpenAI from 'openai';
import type { AuditLogListResponse } from 'openai/resources/admin/organization/audit-logs';
import { describe, expectTypeOf, it } from 'vitest';
import {
  isAuditLog,
  parseAuditLog,
  type AnyAuditLog,
  type ApiKeyCreatedDetails,
  type AuditLog,
  type AuditLogEventType,
} from '../../src/index.ts';

/** What `for await (const item of client.admin.organization.auditLogs.list())` yields. */
type SdkItem = OpenAI['admin']['organization']['auditLogs']['list'] extends (
  ...args: never[]
) => AsyncIterable<infer Item>
  ? Item
  : never;

/** The `type` of every member of `Union` that is not assignable to `Target`; `never` when all are. */
type NotAssignable<Union extends { type: string }, Target> = Union extends unknown
  ? [Union] extends [Target]
    ? never
    : Union['type']
  : never;

declare const client: OpenAI;

describe('the SDK item is our union once validated', () => {
  it('list() yields AuditLogListResponse', () => {
    expectTypeOf<SdkItem>().toEqualTypeOf<AuditLogListResponse>();
  });

  it('isAuditLog narrows an SDK item to AuditLog, and switch (log.type) narrows further', async () => {
    for await (const item of client.admin.organization.auditLogs.list()) {
      // @ts-expect-error the SDK's item is wider (more event types, looser details) until validated
      const unchecked: AuditLog = item;
      void unchecked;
      if (!isAuditLog(item)) continue;
      expectTypeOf(item).toEqualTypeOf<AuditLog>();
      switch (item.type) {
        case 'api_key.created':
          expectTypeOf(item['api_key.created']).toEqualTypeOf<ApiKeyCreatedDetails | undefined>();
          break;
        default:
          expectTypeOf(item.type).toEqualTypeOf<Exclude<AuditLogEventType, 'api_key.created'>>();
      }
    }
  });

  it('parseAuditLog takes an SDK item and returns AuditLog (or AnyAuditLog when unknown types are accepted)', async () => {
    for await (const item of client.admin.organization.auditLogs.list()) {
      const result = parseAuditLog(item);
      if (result.success) expectTypeOf(result.data).toEqualTypeOf<AuditLog>();
      const lenient = parseAuditLog(item, { unknownEventTypes: 'accept' });
      if (lenient.success) expectTypeOf(lenient.data).toEqualTypeOf<AnyAuditLog>();
    }
  });
});

describe('our types never contradict the SDK', () => {
  it('every member of AuditLog is assignable to AuditLogListResponse', () => {
    expectTypeOf<NotAssignable<AuditLog, AuditLogListResponse>>().toEqualTypeOf<never>();
  });

  it('control: a member that contradicts the SDK is reported by its type', () => {
    type Contradicting = { type: 'api_key.created'; id: string; effective_at: string };
    expectTypeOf<NotAssignable<AuditLog | Contradicting, AuditLogListResponse>>().toEqualTypeOf<'api_key.created'>();
  });
});

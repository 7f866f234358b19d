/**
 * Interop with the official `openai` SDK (types only), in the versions people install: the newest
 * 7.x (`openai`, 7.57) and the newest 6.x (`openai-v6`, an alias of openai 6.49.0). An item of
 * `client.admin.organization.auditLogs.list()` goes into `isAuditLog` and `parseAuditLog` and comes
 * out as our narrowed union; every member of our `AuditLog` union whose type the SDK declares is
 * assignable to its `AuditLogListResponse`, and our `ListAuditLogsParams` to its
 * `AuditLogListParams`, so our types never contradict the official ones. Every test holds for the
 * members the installed SDK declares, whatever the catalog has beyond it; what the SDK declares
 * beyond the catalog is the sync's business (`npm run sync -- --sdk`). 6.x declares six event
 * types fewer than 7.57. (openai 7 declares `engines.node >= 22`, which npm warns about on Node 20;
 * only its declarations are read here.)
 */
import type OpenAI from 'openai';
import type { AuditLogListParams, AuditLogListResponse } from 'openai/resources/admin/organization/audit-logs';
import type {
  AuditLogListParams as V6AuditLogListParams,
  AuditLogListResponse as V6AuditLogListResponse,
} from 'openai-v6/resources/admin/organization/audit-logs';
import { describe, expectTypeOf, it } from 'vitest';
import {
  isAuditLog,
  parseAuditLog,
  type AnyAuditLog,
  type ApiKeyCreatedDetails,
  type AuditLog,
  type AuditLogEventType,
  type ListAuditLogsParams,
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

  // The catalog may hold event types the installed SDK lacks (right after a catch-up from a
  // document that runs ahead of it). Then AuditLog is no subtype of the SDK's item, and
  // TypeScript narrows to their intersection: the members the SDK declares, each field typed by
  // both (a member whose type the SDK lacks becomes `never`). When the SDK declares every type,
  // the intersection is AuditLog itself.
  it('isAuditLog narrows an SDK item to the members of AuditLog the SDK declares, and switch (log.type) narrows further', async () => {
    type Narrowed = [Exclude<AuditLogEventType, SdkItem['type']>] extends [never]
      ? AuditLog
      : AuditLogListResponse & AuditLog;
    for await (const item of client.admin.organization.auditLogs.list()) {
      // @ts-expect-error the SDK's item is wider (looser details) until validated
      const unchecked: DeclaredBy<AuditLogListResponse> = item;
      void unchecked;
      if (!isAuditLog(item)) continue;
      expectTypeOf(item).toEqualTypeOf<Narrowed>();
      expectTypeOf(item).toExtend<DeclaredBy<AuditLogListResponse>>();
      switch (item.type) {
        case 'api_key.created':
          expectTypeOf(item['api_key.created']).toExtend<ApiKeyCreatedDetails | undefined>();
          break;
        default:
          expectTypeOf(item.type).toEqualTypeOf<
            Exclude<Extract<AuditLogEventType, SdkItem['type']>, 'api_key.created'>
          >();
      }
    }
  });

  // Its data is all of AuditLog, the types the SDK lacks included: the way to reach those.
  it('parseAuditLog takes an SDK item and returns AuditLog (or AnyAuditLog when unknown types are accepted)', async () => {
    for await (const item of client.admin.organization.auditLogs.list()) {
      const result = parseAuditLog(item);
      if (result.success) expectTypeOf(result.data).toEqualTypeOf<AuditLog>();
      const lenient = parseAuditLog(item, { unknownEventTypes: 'accept' });
      if (lenient.success) expectTypeOf(lenient.data).toEqualTypeOf<AnyAuditLog>();
    }
  });
});

/**
 * The members of our union whose event type an SDK declares. OpenAI's OpenAPI document can run
 * ahead of the SDK, so the catalog may hold types an SDK lacks; those are the sync's business
 * (`npm run sync -- --sdk`), not a contradiction.
 */
type DeclaredBy<Sdk extends { type: string }> = Extract<AuditLog, { type: Sdk['type'] }>;

/** Our list parameters, with `event_types` kept to the types an SDK declares. */
type ParamsFor<Sdk extends { type: string }> = Omit<ListAuditLogsParams, 'event_types'> & {
  event_types?: Extract<AuditLogEventType, Sdk['type']>[];
};

describe('our types never contradict the SDK', () => {
  it('every member of AuditLog whose type it declares is assignable to AuditLogListResponse', () => {
    expectTypeOf<NotAssignable<DeclaredBy<AuditLogListResponse>, AuditLogListResponse>>().toEqualTypeOf<never>();
  });

  it('it declares no event type the catalog lacks', () => {
    expectTypeOf<Exclude<AuditLogListResponse['type'], AuditLogEventType>>().toEqualTypeOf<never>();
  });

  it('control: a member that contradicts the SDK is reported by its type', () => {
    type Contradicting = { type: 'api_key.created'; id: string; effective_at: string };
    expectTypeOf<'api_key.created'>().toExtend<
      NotAssignable<DeclaredBy<AuditLogListResponse> | Contradicting, AuditLogListResponse>
    >();
  });
});

/** What 7.x declares beyond the newest 6.x (a fact about the two SDKs, whatever the catalog holds). */
type AddedAfterV6 =
  | 'external_storage.registered'
  | 'external_storage.removed'
  | 'tenant.workload_identity.access_token.issued'
  | 'tenant.trusted_access.business_verification.started'
  | 'tenant.trusted_access.application.submitted'
  | 'tenant.ads_account.onboarding.redemption';

describe('the newest openai 6.x (6.49)', () => {
  it('declares the event types of 7.57 but six, and none of its own', () => {
    expectTypeOf<Exclude<AuditLogListResponse['type'], V6AuditLogListResponse['type']>>().toEqualTypeOf<AddedAfterV6>();
    expectTypeOf<Exclude<V6AuditLogListResponse['type'], AuditLogEventType>>().toEqualTypeOf<never>();
  });

  it('every member of AuditLog whose type it declares is assignable to its AuditLogListResponse', () => {
    expectTypeOf<NotAssignable<DeclaredBy<V6AuditLogListResponse>, V6AuditLogListResponse>>().toEqualTypeOf<never>();
  });

  // What the README says of 6.x (what npm installs on Node 20): isAuditLog narrows its item to an
  // intersection, in which the six types 6.x lacks are unreachable; parseAuditLog reaches them.
  it('isAuditLog narrows a 6.x item to V6AuditLogListResponse & AuditLog, without the six types it lacks', () => {
    const item = {} as V6AuditLogListResponse;
    if (isAuditLog(item)) {
      expectTypeOf(item).toEqualTypeOf<V6AuditLogListResponse & AuditLog>();
      expectTypeOf(item.type).toEqualTypeOf<Extract<AuditLogEventType, V6AuditLogListResponse['type']>>();
      expectTypeOf<Extract<typeof item, { type: AddedAfterV6 }>>().toEqualTypeOf<never>();
      if (item.type === 'api_key.created')
        expectTypeOf(item['api_key.created']).toExtend<ApiKeyCreatedDetails | undefined>();
    }
    const result = parseAuditLog(item);
    if (result.success) expectTypeOf(result.data).toEqualTypeOf<AuditLog>();
  });

  it('control: a member that contradicts 6.x is reported by its type', () => {
    type Contradicting = { type: 'api_key.created'; id: string; effective_at: string };
    expectTypeOf<'api_key.created'>().toExtend<
      NotAssignable<DeclaredBy<V6AuditLogListResponse> | Contradicting, V6AuditLogListResponse>
    >();
  });
});

describe("our list parameters are the SDK's", () => {
  it('ListAuditLogsParams is assignable to 7.x AuditLogListParams', () => {
    expectTypeOf<ParamsFor<AuditLogListResponse>>().toExtend<AuditLogListParams>();
  });

  it('ListAuditLogsParams is assignable to 6.x AuditLogListParams, with event_types it declares', () => {
    expectTypeOf<ParamsFor<V6AuditLogListResponse>>().toExtend<V6AuditLogListParams>();
    // The event types 6.x does not know are what it refuses, nothing else.
    expectTypeOf<ParamsFor<AuditLogListResponse>>().not.toExtend<V6AuditLogListParams>();
  });

  it('control: parameters that contradict the SDK are not assignable', () => {
    expectTypeOf<
      Omit<ParamsFor<AuditLogListResponse>, 'limit'> & { limit?: string }
    >().not.toExtend<AuditLogListParams>();
    expectTypeOf<
      Omit<ParamsFor<V6AuditLogListResponse>, 'after'> & { after?: number }
    >().not.toExtend<V6AuditLogListParams>();
  });
});

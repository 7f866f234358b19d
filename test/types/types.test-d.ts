/** Type-level behaviour of the generated union, run by vitest's typecheck (tsc). */
import { describe, expectTypeOf, it } from 'vitest';
import {
  detailsOf,
  hasEventType,
  parseListAuditLogsResponse,
  isApiKeyCreated,
  isAuditLog,
  parseAuditLog,
  validateAuditLog,
  type ApiKeyAuditLog,
  type ApiKeyCreatedAuditLog,
  type ApiKeyCreatedDetails,
  type AuditLog,
  type AuditLogDetailsOf,
  type AuditLogEventMap,
  type AuditLogEventType,
  type AuditLogOf,
  type ListAuditLogsParams,
  type ListAuditLogsResponse,
  type AnyAuditLog,
  type RateLimitUpdatedDetails,
  type TenantAuditLog,
  type UnknownAuditLog,
} from '../../src/index.ts';

declare const log: AuditLog;
declare const value: unknown;

describe('AuditLog', () => {
  it('narrows the details key on log.type', () => {
    if (log.type === 'api_key.created') {
      expectTypeOf(log).toEqualTypeOf<ApiKeyCreatedAuditLog>();
      expectTypeOf(log['api_key.created']).toEqualTypeOf<ApiKeyCreatedDetails | undefined>();
      expectTypeOf(log['api_key.created']?.data?.scopes).toEqualTypeOf<string[] | undefined>();
    }
    if (log.type === 'rate_limit.updated') {
      expectTypeOf(log['rate_limit.updated']).toEqualTypeOf<RateLimitUpdatedDetails | undefined>();
      expectTypeOf(log['rate_limit.updated']?.changes_requested?.max_requests_per_1_minute).toEqualTypeOf<
        number | undefined
      >();
      // @ts-expect-error -- a member only has its own details key
      void log['api_key.created'];
    }
  });

  it('a switch over log.type narrows each case and leaves the rest in default', () => {
    function describeLog(entry: AuditLog): string {
      switch (entry.type) {
        case 'api_key.created':
          return entry['api_key.created']?.id ?? '';
        default: {
          const rest: Exclude<AuditLogEventType, 'api_key.created'> = entry.type;
          return rest;
        }
      }
    }
    expectTypeOf(describeLog).returns.toBeString();
  });

  it('an exhaustive switch over a resource union ends in never', () => {
    function label(entry: ApiKeyAuditLog): string {
      switch (entry.type) {
        case 'api_key.created':
          return 'created';
        case 'api_key.updated':
          return 'updated';
        case 'api_key.deleted':
          return 'deleted';
        default: {
          const unreachable: never = entry;
          return unreachable;
        }
      }
    }
    expectTypeOf(label).returns.toBeString();
    // The switch over the whole union (every catalog type) is compiled in exhaustive-switch.test.ts.
    type Leftover = Exclude<AuditLog, AuditLogEventMap[AuditLogEventType]>;
    expectTypeOf<Leftover>().toBeNever();
  });

  it('AuditLogOf and AuditLogDetailsOf select by event type', () => {
    expectTypeOf<AuditLogOf<'api_key.created'>>().toEqualTypeOf<ApiKeyCreatedAuditLog>();
    expectTypeOf<AuditLogOf<'api_key.created' | 'api_key.updated'>['type']>().toEqualTypeOf<
      'api_key.created' | 'api_key.updated'
    >();
    expectTypeOf<AuditLogDetailsOf<'api_key.created'>>().toEqualTypeOf<ApiKeyCreatedDetails>();
    expectTypeOf<AuditLogDetailsOf<'tunnel.created'>>().toBeNever();
    expectTypeOf<ApiKeyAuditLog['type']>().toEqualTypeOf<'api_key.created' | 'api_key.updated' | 'api_key.deleted'>();
    // @ts-expect-error -- not an event type
    type _NotAType = AuditLogOf<'api_key.exploded'>;
  });

  it('rejects a wrong field type at compile time', () => {
    const good: ApiKeyCreatedAuditLog = {
      id: 'a',
      type: 'api_key.created',
      effective_at: 1,
      'api_key.created': { data: { scopes: ['x'] } },
    };
    expectTypeOf(good).toMatchTypeOf<AuditLog>();
    // @ts-expect-error -- effective_at is a number
    const badTime: AuditLog = { id: 'a', type: 'api_key.created', effective_at: '1' };
    const badScopes: ApiKeyCreatedAuditLog = {
      id: 'a',
      type: 'api_key.created',
      effective_at: 1,
      // @ts-expect-error -- scopes are strings
      'api_key.created': { data: { scopes: [1] } },
    };
    // @ts-expect-error -- the actor type is an enum
    const badActor: AuditLog = { id: 'a', type: 'login.succeeded', effective_at: 1, actor: { type: 'robot' } };
    void [badTime, badScopes, badActor];
  });

  it('has no index signature on documented objects; open objects are records', () => {
    // @ts-expect-error -- an undocumented field is not part of the documented type
    void ({} as ApiKeyCreatedDetails).undocumented;
    expectTypeOf<AuditLogDetailsOf<'external_key.registered'>['data']>().toEqualTypeOf<
      Record<string, unknown> | undefined
    >();
  });
});

describe('guards and parse', () => {
  it('narrow unknown input', () => {
    if (isAuditLog(value)) expectTypeOf(value).toEqualTypeOf<AuditLog>();
    if (validateAuditLog(value)) expectTypeOf(value).toEqualTypeOf<AuditLog>();
    if (isApiKeyCreated(value)) expectTypeOf(value).toEqualTypeOf<ApiKeyCreatedAuditLog>();
    const parsed = parseAuditLog(value);
    if (parsed.success) expectTypeOf(parsed.data).toEqualTypeOf<AuditLog>();
    else expectTypeOf(parsed.errors[0]!.path).toBeString();
  });

  it('hasEventType narrows an already-typed log', () => {
    if (hasEventType(log, 'api_key.created')) expectTypeOf(log).toEqualTypeOf<ApiKeyCreatedAuditLog>();
    // @ts-expect-error -- not an event type
    hasEventType(log, 'api_key.exploded');
  });
});

describe('page and parameters', () => {
  it('types the page and the query', () => {
    expectTypeOf<ListAuditLogsResponse['data']>().toEqualTypeOf<AuditLog[]>();
    expectTypeOf<ListAuditLogsResponse['last_id']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<ListAuditLogsParams['event_types']>>().toEqualTypeOf<AuditLogEventType[]>();
    // @ts-expect-error -- not an event type
    const params: ListAuditLogsParams = { event_types: ['api_key.exploded'] };
    void params;
  });
});

describe('what real payloads carry and what users reach for', () => {
  it('types the fields genuine session logs carry', () => {
    const log = {} as AuditLog;
    expectTypeOf(log.object).toEqualTypeOf<'organization.audit_log' | undefined>();
    expectTypeOf(log.actor?.session?.user_agent).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(log.actor?.session?.ja3).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(log.actor?.session?.ip_address_details?.country).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(log.actor?.session?.ip_address_details?.asn).toEqualTypeOf<string | null | undefined>();
    // @ts-expect-error -- coordinates arrive as strings
    const latitude: number | undefined = log.actor?.session?.ip_address_details?.latitude;
    void latitude;
  });

  it('detailsOf types the details object by the log type', () => {
    const log = {} as AuditLog;
    if (log.type === 'api_key.created') expectTypeOf(detailsOf(log)).toEqualTypeOf<ApiKeyCreatedDetails | undefined>();
    if (log.type === 'tenant.user.added') expectTypeOf(detailsOf(log)).toEqualTypeOf<undefined>();
    expectTypeOf(detailsOf({} as UnknownAuditLog)).toEqualTypeOf<unknown>();
    expectTypeOf(detailsOf({} as ApiKeyAuditLog)).toEqualTypeOf<
      AuditLogDetailsOf<'api_key.created' | 'api_key.updated' | 'api_key.deleted'> | undefined
    >();
  });

  it('the details of an unknown event type read without a cast', () => {
    const log = {} as UnknownAuditLog;
    expectTypeOf(log[log.type]).toEqualTypeOf<unknown>();
  });

  it('groups every tenant.* event in TenantAuditLog', () => {
    expectTypeOf<'tenant.user.added'>().toMatchTypeOf<TenantAuditLog['type']>();
    expectTypeOf<TenantAuditLog>().toMatchTypeOf<AuditLog>();
    // @ts-expect-error -- not a tenant event
    expectTypeOf<'api_key.created'>().toMatchTypeOf<TenantAuditLog['type']>();
  });

  it('types a page of any audit logs, known or not', () => {
    const result = parseListAuditLogsResponse({}, { unknownEventTypes: 'accept' });
    if (result.success && result.known) expectTypeOf(result.data.data).toEqualTypeOf<AuditLog[]>();
    if (result.success && !result.known) expectTypeOf(result.data.data).toEqualTypeOf<AnyAuditLog[]>();
    if (!result.success) expectTypeOf(result.errors[0]!.id).toEqualTypeOf<string | undefined>();
  });
});

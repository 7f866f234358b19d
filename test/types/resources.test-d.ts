/** Type-level behaviour of `hasResource`: it narrows to the unions the package exports, by name. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  hasResource,
  type AnyAuditLog,
  type ApiKeyAuditLog,
  type AuditLog,
  type AuditLogResource,
  type AuditLogResourceMap,
  type IpAllowlistAuditLog,
  type TenantAuditLog,
  type TenantWorkloadIdentityAuditLog,
} from '../../src/index.ts';

declare const log: AuditLog;
declare const anyLog: AnyAuditLog;

describe('hasResource', () => {
  it('narrows to a resource union', () => {
    if (hasResource(log, 'api_key')) {
      expectTypeOf(log).toEqualTypeOf<ApiKeyAuditLog>();
      expectTypeOf(log.type).toEqualTypeOf<'api_key.created' | 'api_key.updated' | 'api_key.deleted'>();
    }
  });

  it('narrows to a group union', () => {
    if (hasResource(log, 'tenant')) expectTypeOf(log).toEqualTypeOf<TenantAuditLog>();
    if (hasResource(log, 'tenant.workload_identity')) expectTypeOf(log).toEqualTypeOf<TenantWorkloadIdentityAuditLog>();
  });

  it("a resource's union leaves out the resources named under it", () => {
    if (hasResource(log, 'ip_allowlist')) {
      expectTypeOf(log).toEqualTypeOf<IpAllowlistAuditLog>();
      // @ts-expect-error ip_allowlist.config.* is a resource of its own
      const config: 'ip_allowlist.config.activated' = log.type;
      void config;
    }
  });

  it('narrows a log of any type to the known members of the union', () => {
    if (hasResource(anyLog, 'api_key')) expectTypeOf(anyLog).toEqualTypeOf<ApiKeyAuditLog>();
  });

  it('takes only the names of resources and groups', () => {
    // @ts-expect-error no such resource
    hasResource(log, 'apikey');
    // @ts-expect-error an event type is no resource
    hasResource(log, 'api_key.created');
    expectTypeOf<'api_key' | 'tenant'>().toExtend<AuditLogResource>();
  });

  it('every union of the map holds audit logs only', () => {
    expectTypeOf<AuditLogResourceMap[AuditLogResource]>().toExtend<AuditLog>();
    expectTypeOf<AuditLogResourceMap[AuditLogResource]>().toEqualTypeOf<AuditLog>();
  });
});

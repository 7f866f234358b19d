/** Type-level behaviour of actorOf: what it takes and the summary it returns. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  actorOf,
  type AnyAuditLog,
  type AuditLog,
  type AuditLogActorSummary,
  type AuditLogPrincipal,
  type UnknownAuditLog,
} from '../../src/index.ts';

declare const log: AuditLog;
declare const unknownLog: UnknownAuditLog;

describe('actorOf', () => {
  it('takes known and unknown logs and may return undefined', () => {
    expectTypeOf(actorOf).parameter(0).toEqualTypeOf<AnyAuditLog>();
    expectTypeOf(actorOf(log)).toEqualTypeOf<AuditLogActorSummary | undefined>();
    expectTypeOf(actorOf(unknownLog)).toEqualTypeOf<AuditLogActorSummary | undefined>();
  });

  it('describes the actor in flat, typed fields', () => {
    const actor = actorOf(log);
    expectTypeOf(actor?.kind).toEqualTypeOf<'session' | 'api_key' | 'unknown' | undefined>();
    expectTypeOf(actor?.principal).toEqualTypeOf<AuditLogPrincipal | undefined>();
    expectTypeOf(actor?.principal?.kind).toEqualTypeOf<'user' | 'service_account' | undefined>();
    expectTypeOf(actor?.geo?.latitude).toEqualTypeOf<number | undefined>();
    expectTypeOf(actor?.ipAddress).toEqualTypeOf<string | undefined>();
  });

  it('takes no value that is not a typed log', () => {
    // @ts-expect-error an unvalidated value must be validated first
    actorOf({} as unknown);
  });
});

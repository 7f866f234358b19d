/**
 * Types of the forward-compatible API: AnyAuditLog narrows in a switch and with isKnownAuditLog,
 * the branded UnknownEventType keeps the literal union, and parseAuditLog's overloads.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  isKnownAuditLog,
  parseAuditLog,
  type AnyAuditLog,
  type AuditLog,
  type AuditLogEventType,
  type AuditLogOf,
  type ParseResult,
  type UnknownAuditLog,
  type UnknownEventType,
} from '../../src/index.ts';

declare const log: AnyAuditLog;

describe('AnyAuditLog', () => {
  it('keeps the literal union of types', () => {
    expectTypeOf<AnyAuditLog['type']>().toEqualTypeOf<AuditLogEventType | UnknownEventType>();
    // A plain string would swallow the literals; the brand keeps them apart.
    expectTypeOf<UnknownEventType>().not.toEqualTypeOf<string>();
    expectTypeOf<'api_key.created'>().not.toMatchTypeOf<UnknownEventType>();
    // @ts-expect-error a plain string is not an UnknownEventType
    const plain: UnknownEventType = 'brand_new.event';
    void plain;
  });

  it('narrows in a switch on type once known', () => {
    // A branded member is comparable to every literal, so TypeScript 5.9 narrows a switch on the
    // whole AnyAuditLog not at all; isKnownAuditLog first, then the switch narrows each case.
    if (!isKnownAuditLog(log)) return;
    switch (log.type) {
      case 'api_key.created':
        expectTypeOf(log).toEqualTypeOf<AuditLogOf<'api_key.created'>>();
        expectTypeOf(log['api_key.created']).toEqualTypeOf<AuditLogOf<'api_key.created'>['api_key.created']>();
        break;
      case 'project.archived':
        expectTypeOf(log).toEqualTypeOf<AuditLogOf<'project.archived'>>();
        break;
      // @ts-expect-error not an event type of the catalog
      case 'api_key.craeted':
        break;
    }
  });

  it('narrows with isKnownAuditLog', () => {
    if (isKnownAuditLog(log)) {
      expectTypeOf(log).toEqualTypeOf<AuditLog>();
      expectTypeOf(log.type).toEqualTypeOf<AuditLogEventType>();
    } else {
      expectTypeOf(log).toEqualTypeOf<UnknownAuditLog>();
      expectTypeOf(log.type).toEqualTypeOf<UnknownEventType>();
      // Catalog details keys stay typed on an unknown log.
      expectTypeOf(log['api_key.created']).toEqualTypeOf<
        AuditLogOf<'api_key.created'>['api_key.created'] | undefined
      >();
    }
  });
});

describe('parseAuditLog overloads', () => {
  it('rejects unknown types by default: data is AuditLog, known is true', () => {
    const result = parseAuditLog({});
    expectTypeOf(result).toEqualTypeOf<ParseResult<AuditLog>>();
    if (result.success) {
      expectTypeOf(result.data).toEqualTypeOf<AuditLog>();
      expectTypeOf(result.known).toEqualTypeOf<true>();
    } else {
      expectTypeOf(result.errors[0]!.path).toBeString();
    }
    expectTypeOf(parseAuditLog({}, { unknownEventTypes: 'reject' })).toEqualTypeOf<ParseResult<AuditLog>>();
  });

  it("with 'accept', known tells which member data is", () => {
    const result = parseAuditLog({}, { unknownEventTypes: 'accept' });
    expectTypeOf(result).toEqualTypeOf<ParseResult<AnyAuditLog>>();
    if (result.success) {
      expectTypeOf(result.data).toEqualTypeOf<AnyAuditLog>();
      if (result.known) expectTypeOf(result.data).toEqualTypeOf<AuditLog>();
      else expectTypeOf(result.data).toEqualTypeOf<UnknownAuditLog>();
    }
  });

  it('an option known only at run time gives the wider result', () => {
    const mode = 'accept' as 'accept' | 'reject';
    expectTypeOf(parseAuditLog({}, { unknownEventTypes: mode })).toEqualTypeOf<ParseResult<AnyAuditLog>>();
    // @ts-expect-error not a mode
    parseAuditLog({}, { unknownEventTypes: 'maybe' });
  });
});

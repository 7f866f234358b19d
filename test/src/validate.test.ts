/**
 * Every event of the catalog, driven by the schema: a complete payload (with undocumented
 * extras) is valid for every entry point; each documented details field with a wrong JSON type
 * is rejected at its own path; the details object is optional.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import { catalog, validPayload, wrongTypeCases } from '../../harness/payloads.ts';
import { guardOf, guards, type Guard } from '../support/api.ts';

/** What every entry point says about one payload, so one table row checks them all. */
function verdicts(payload: unknown, guard: Guard) {
  const valid = api.validateAuditLog(payload);
  const parsed = api.parseAuditLog(payload);
  return {
    validateAuditLog: valid,
    // AJV reports each failed branch of an `anyOf` too: one path per wrong value.
    errorPaths: [...new Set((api.validateAuditLog.errors ?? []).map((error) => error.instancePath))],
    isAuditLog: api.isAuditLog(payload),
    parseAuditLog: parsed.success ? 'success' : parsed.errors.map((error) => error.path),
    guard: guard(payload),
  };
}

describe.each(catalog)('$type', (event) => {
  // test/support/api.ts fails to load when an event has no guard named after it.
  const guard = guardOf(event.type)!;

  it('accepts a complete payload with undocumented fields through every entry point', () => {
    const payload = validPayload(event);
    expect(verdicts(payload, guard)).toEqual({
      validateAuditLog: true,
      errorPaths: [],
      isAuditLog: true,
      parseAuditLog: 'success',
      guard: true,
    });
    expect(api.validateAuditLog.errors).toBeNull();
  });

  it('accepts the payload without its details object', () => {
    const { [event.type]: _details, ...payload } = validPayload(event);
    expect(verdicts(payload, guard)).toMatchObject({ validateAuditLog: true, guard: true });
  });

  const cases = wrongTypeCases(event);
  if (cases.length > 0) {
    it.each(cases.map((c) => [c.pointer, c] as const))('rejects a wrong JSON type at %s', (pointer, { payload }) => {
      expect(verdicts(payload, guard)).toEqual({
        validateAuditLog: false,
        errorPaths: [pointer],
        isAuditLog: false,
        parseAuditLog: [pointer],
        guard: false,
      });
    });
  }
  if (event.detailsDef) {
    it.each(['a string', null, [], 7])('rejects details that are not an object: %j', (details) => {
      const payload = { ...validPayload(event), [event.type]: details };
      expect(verdicts(payload, guard)).toMatchObject({
        validateAuditLog: false,
        errorPaths: [`/${event.type}`],
        guard: false,
      });
    });
  } else {
    // Without a details object in the schema, a key named after the type is just an undocumented field.
    it.each(['a string', null, [], 7])('accepts any value under its own key, which is undocumented: %j', (details) => {
      const payload = { ...validPayload(event), [event.type]: details };
      expect(verdicts(payload, guard)).toMatchObject({ validateAuditLog: true, isAuditLog: true, guard: true });
    });
  }

  it('is the only guard that accepts it', () => {
    const payload = validPayload(event);
    const accepting = guards.filter(({ guard }) => guard(payload)).map(({ event }) => event.type);
    expect(accepting).toEqual([event.type]);
  });

  it('narrows by hasEventType without validating', () => {
    const log = validPayload(event) as unknown as api.AuditLog;
    expect(
      catalog.filter((other) => api.hasEventType(log, other.type as api.AuditLogEventType)).map((o) => o.type),
    ).toEqual([event.type]);
  });
});

describe('details keys of other event types', () => {
  const withDetails = catalog.filter((event) => wrongTypeCases(event).length > 0);
  it.each(withDetails.map((event, i) => [event.type, event, withDetails[(i + 1) % withDetails.length]!] as const))(
    'a %s log carrying an invalid details object of another type is invalid for validateAuditLog, not for its own guard',
    (_type, event, other) => {
      const [broken] = wrongTypeCases(other);
      const payload = { ...validPayload(event), [other.type]: broken!.payload[other.type] };
      expect(verdicts(payload, guardOf(event.type)!)).toEqual({
        validateAuditLog: false,
        errorPaths: [broken!.pointer],
        isAuditLog: false,
        parseAuditLog: [broken!.pointer],
        guard: true,
      });
    },
  );
});

describe('catalog', () => {
  it('AUDIT_LOG_EVENT_TYPES lists the schema catalog in order', () => {
    expect([...api.AUDIT_LOG_EVENT_TYPES]).toEqual(catalog.map((event) => event.type));
  });
  it.each([
    ['a known type', { given: 'api_key.created', want: true }],
    ['an unknown type', { given: 'api_key.exploded', want: false }],
    ['a prototype key', { given: 'constructor', want: false }],
    ['a non-string', { given: 42, want: false }],
  ] as const)('isAuditLogEventType: %s', (_name, { given, want }) => {
    expect(api.isAuditLogEventType(given)).toBe(want);
  });
});

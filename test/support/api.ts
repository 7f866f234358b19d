/**
 * The validating surface of the public API as the hostile-input and fuzz tests call it: the per-event guards
 * found by name from the catalog (`is${Name}`), not from a hand-written list.
 */
import * as api from '../../src/index.ts';
import { catalog, type CatalogEvent } from '../../harness/schema.ts';

export { api };

export type Guard = (value: unknown) => boolean;

/** Every catalog event with the guard the index exports for it. */
export const guards: { event: CatalogEvent; name: string; guard: Guard }[] = catalog.map((event) => {
  const name = `is${event.name}`;
  const guard = (api as unknown as Record<string, unknown>)[name];
  if (typeof guard !== 'function') throw new Error(`the index exports no guard ${name} for ${event.type}`);
  return { event, name, guard: guard as Guard };
});

export const guardOf = (type: string): Guard | undefined => guards.find(({ event }) => event.type === type)?.guard;

/**
 * Every entry point that judges a value, by name, each reduced to what it returns. `assertAuditLog`
 * reports `'AuditLogValidationError'` for the only exception it may throw; anything else escapes.
 */
export const entryPoints: [name: string, call: (value: unknown) => unknown][] = [
  ['validateAuditLog', (value) => [api.validateAuditLog(value), api.validateAuditLog.errors]],
  ['isAuditLog', (value) => api.isAuditLog(value)],
  ['isAnyAuditLog', (value) => api.isAnyAuditLog(value)],
  ['parseAuditLog', (value) => api.parseAuditLog(value)],
  ['parseAuditLog accept', (value) => api.parseAuditLog(value, { unknownEventTypes: 'accept' })],
  [
    'assertAuditLog',
    (value) => {
      try {
        api.assertAuditLog(value);
        return 'valid';
      } catch (error) {
        if (error instanceof api.AuditLogValidationError) return ['AuditLogValidationError', error.errors];
        throw error;
      }
    },
  ],
  [
    'validateListAuditLogsResponse',
    (value) => [api.validateListAuditLogsResponse(value), api.validateListAuditLogsResponse.errors],
  ],
  ['isListAuditLogsResponse', (value) => api.isListAuditLogsResponse(value)],
  ...guards.map(({ name, guard }): [string, (value: unknown) => unknown] => [name, guard]),
];

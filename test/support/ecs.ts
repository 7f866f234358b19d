/**
 * Logs for the ECS tests, derived from the catalog: a valid log of every event type, and of a type
 * newer than the catalog, with each kind of actor a real log carries put in.
 */
import { readFileSync } from 'node:fs';
import { catalog } from '../../harness/schema.ts';
import { validPayload } from '../../harness/payloads.ts';
import type { AnyAuditLog } from '../../src/index.ts';

export const GENUINE = JSON.parse(
  readFileSync(new URL('../fixtures/payloads/genuine-session.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { actor: { session: Record<string, unknown> } };

/** The actors a log can carry: a session, an API key of a user or of a service account, none. */
export const ACTORS: Record<string, unknown> = {
  'a session user': GENUINE.actor,
  "a user's API key": {
    type: 'api_key',
    api_key: { id: 'key_1', type: 'user', user: { id: 'user-2', email: 'dev@example.com' } },
  },
  "a service account's API key": {
    type: 'api_key',
    api_key: { id: 'key_2', type: 'service_account', service_account: { id: 'svc_1' } },
  },
  'no actor': undefined,
  'the schema sample (every field filled)': validPayload(catalog[0]!).actor,
};

/** A type newer than the catalog, with details of its own. */
export const UNKNOWN_TYPE = 'sandbox.policy.rotated';

/** A valid log of every catalog type and of `UNKNOWN_TYPE`, with `actor` put in (or taken out). */
export function logsWith(actor: unknown): { type: string; log: AnyAuditLog }[] {
  const unknown = { ...validPayload(catalog[0]!), type: UNKNOWN_TYPE, [UNKNOWN_TYPE]: { id: 'pol_1', name: 'p' } };
  return [...catalog.map((event) => validPayload(event)), unknown].map((payload) => {
    const log: Record<string, unknown> = { ...payload };
    if (actor === undefined) delete log.actor;
    else log.actor = actor;
    return { type: String(log.type), log: log as AnyAuditLog };
  });
}

/** A valid log of a catalog type, its details replaced by `details` when given. */
export function logOf(type: string, details?: unknown, actor: unknown = GENUINE.actor): AnyAuditLog {
  const event = catalog.find((candidate) => candidate.type === type);
  if (event === undefined) throw new Error(`${type} is not in the catalog`);
  const log: Record<string, unknown> = { ...validPayload(event), actor };
  if (details !== undefined) log[type] = details;
  return log as AnyAuditLog;
}

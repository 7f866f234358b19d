/**
 * Narrowing by resource: `hasResource(log, 'api_key')` for the union the generated types already
 * export (`ApiKeyAuditLog`), instead of an unchecked `log.type.startsWith('api_key.')` (which
 * would also take `ip_allowlist.config.*` for `ip_allowlist`, and event types newer than the
 * catalog). The resource of a type is the type up to its last dot (a rule of the schema).
 */
import { AUDIT_LOG_RESOURCE_GROUPS } from '../generated/event-types.js';
import type { AuditLogResource, AuditLogResourceMap } from '../generated/types.js';
import { isAuditLogEventType } from './validate.js';

const GROUPS: ReadonlySet<string> = new Set(AUDIT_LOG_RESOURCE_GROUPS);

/**
 * Narrows an already-typed audit log to the union of one resource (`'api_key'`: `ApiKeyAuditLog`)
 * or of one group of resources (`'tenant'`: `TenantAuditLog`, every `tenant.*` event), by its
 * `type`, without validating anything else: `if (hasResource(log, 'api_key')) log.type` is
 * `'api_key.created' | 'api_key.updated' | 'api_key.deleted'`. A resource's union holds its own
 * events only (`'ip_allowlist'` leaves out `ip_allowlist.config.*`, a resource of its own). A log
 * whose type is outside the catalog belongs to no union, so it is never narrowed.
 */
export function hasResource<R extends AuditLogResource>(
  log: { type: string },
  resource: R,
): log is AuditLogResourceMap[R] {
  const { type } = log;
  if (!isAuditLogEventType(type)) return false;
  const own = type.slice(0, type.lastIndexOf('.'));
  return own === resource || (GROUPS.has(resource) && own.startsWith(`${resource}.`));
}

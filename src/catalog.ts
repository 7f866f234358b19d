/**
 * `openai-audit-logs/catalog`: the event catalog as data, for tools that list, group or explain
 * event types (detection rules, dashboards). Kept out of the root entry so that code which only
 * validates logs does not ship the descriptions.
 */
import { AUDIT_LOG_EVENT_CATALOG as CATALOG } from '../generated/catalog.js';

export type { AuditLogEventCatalogEntry, AuditLogEventField } from '../generated/catalog.js';

/**
 * Every event type, in the schema's order, with its `resource` and `action` (`api_key` /
 * `created`; `ip_allowlist.config` / `activated`), its description and the fields of its details
 * object (path, JSON type, description).
 *
 * @example
 * const byResource = new Map<string, AuditLogEventCatalogEntry[]>();
 * for (const entry of AUDIT_LOG_EVENT_CATALOG) {
 *   byResource.set(entry.resource, [...(byResource.get(entry.resource) ?? []), entry]);
 * }
 */
export const AUDIT_LOG_EVENT_CATALOG = CATALOG;

/**
 * openai-audit-logs: types, type guards and validators for OpenAI organization audit logs
 * (`GET /v1/organization/audit_logs`), generated from one canonical JSON Schema.
 */
export type * from '../generated/types.js';
export * from '../generated/guards.js';
// After the guards, so that bundlers place the catalog list beside the code that repeats its
// names (the guards, the details lookup), within gzip's window: 450 bytes less gzipped.
export { AUDIT_LOG_EVENT_TYPES } from '../generated/event-types.js';
export type { ValidatorErrorObject } from './internal.js';
export { actorOf, type AuditLogActorGeo, type AuditLogActorSummary, type AuditLogPrincipal } from './actor.js';
export { findUndocumentedFields } from './drift.js';
export {
  AuditLogValidationError,
  formatValidationErrors,
  type AnyValidationError,
  type ValidationError,
} from './errors.js';
export {
  isListAuditLogsResponse,
  parseListAuditLogsResponse,
  validateListAuditLogsResponse,
  type ListAnyAuditLogsResponse,
  type ParseListResult,
} from './page.js';
export {
  assertAuditLog,
  detailsOf,
  isAnyAuditLog,
  isKnownAuditLog,
  parseAuditLog,
  type AnyAuditLog,
  type DetailsOf,
  type ParseOptions,
  type ParseResult,
  type UnknownAuditLog,
  type UnknownEventType,
  type ValidationWarning,
} from './parse.js';
export { hasEventType, isAuditLog, isAuditLogEventType, validateAuditLog } from './validate.js';
export { hasResource } from './resources.js';

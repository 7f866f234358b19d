/** Facts about OpenAI's audit-log API that both the generators and the sync rely on. */

/** The path of the endpoint in OpenAI's OpenAPI description (under `/v1`). */
export const AUDIT_LOGS_PATH = '/organization/audit_logs';

/** Components the canonical schema keeps under the same name, referred to rather than inlined. */
export const NAMED_COMPONENTS = [
  'AuditLogEventType',
  'AuditLogActor',
  'AuditLogActorSession',
  'AuditLogActorApiKey',
  'AuditLogActorUser',
  'AuditLogActorServiceAccount',
] as const;

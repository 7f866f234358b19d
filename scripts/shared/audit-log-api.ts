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

const NAMED = new Set<string>(NAMED_COMPONENTS);
/** Whether a component is one of `NAMED_COMPONENTS`. */
export const isNamedComponent = (name: string): boolean => NAMED.has(name);

/** The named components that describe the actor: every one but the catalog. */
export const ACTOR_COMPONENTS = NAMED_COMPONENTS.filter((name) => name !== 'AuditLogEventType');

/**
 * OpenAI's published OpenAPI description (the `openapi.yaml` of `openai/openai-openapi`), which
 * `npm run sync -- --latest` reads. Named here and nowhere else.
 */
export const LATEST_OPENAPI_URL = 'https://raw.githubusercontent.com/openai/openai-openapi/manual_spec/openapi.yaml';

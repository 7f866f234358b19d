/**
 * Naming rules of the generators alone. The rule that names definitions, types and guards
 * (`pascalCase`) lives in `src/internal.ts`, because the runtime applies it too.
 */
import { pascalCase } from '../../src/internal.ts';

/** `api_key.created` -> `api-key-created`: a file name safe on every file system. */
export function kebabCase(value: string): string {
  return value.replace(/[._]/g, '-');
}

/** `api_key.created` -> `isApiKeyCreated`. */
export function guardName(eventType: string): string {
  return `is${pascalCase(eventType)}`;
}

/** `api_key.created` -> `apiKeyCreatedSchema`: the event's Standard Schema constant. */
export function schemaName(eventType: string): string {
  const name = pascalCase(eventType);
  return `${name[0]!.toLowerCase()}${name.slice(1)}Schema`;
}

/** The names `openai-audit-logs/standard-schema` gives its own schemas (src/standard-schema.ts): no event's may shadow one. */
export const RESERVED_SCHEMA_NAMES = ['auditLogSchema', 'anyAuditLogSchema', 'listAuditLogsResponseSchema'];

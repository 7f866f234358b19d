/**
 * Reads an OpenAPI document (YAML or JSON, the whole OpenAI description or an extract of it) and
 * picks out the parts that describe audit logs. Anything that makes the document unusable throws
 * a DocumentError, which `npm run sync` reports with exit code 2.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AUDIT_LOGS_PATH } from '../shared/audit-log-api.ts';
import { isObject, type JsonSchema } from '../shared/schema-shape.ts';

export class DocumentError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DocumentError';
  }
}

/** The audit-log parts of an OpenAPI document, still in OpenAPI form. */
export interface AuditLogDocument {
  file: string;
  /** `3.0.x` documents spell nullability `nullable: true`. */
  openapi: string;
  /** Every component schema of the document, for `$ref`s. */
  components: Record<string, JsonSchema>;
  eventTypes: string[];
  /** `AuditLog` with its properties. */
  auditLog: JsonSchema;
  page: JsonSchema;
  /** Query parameters of `GET /organization/audit_logs`, `name[]` spelled `name`. */
  parameters: { name: string; required: boolean; description?: string; schema: JsonSchema }[];
}

export function readOpenApiDocument(file: string): AuditLogDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DocumentError(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseOpenApiDocument(text, file);
}

/** The audit-log parts of a document's text (YAML or JSON); `file` names it in errors. */
export function parseOpenApiDocument(text: string, file: string): AuditLogDocument {
  let document: unknown;
  try {
    // YAML 1.2 is a superset of JSON, but JSON.parse is much faster on the full OpenAI description.
    document = /^\s*\{/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new DocumentError(file, `is neither JSON nor YAML (${(error as Error).message.split('\n')[0]})`);
  }
  return extractAuditLogParts(document, file);
}

export function extractAuditLogParts(document: unknown, file: string): AuditLogDocument {
  if (!isObject(document) || typeof document.openapi !== 'string') {
    throw new DocumentError(file, 'is not an OpenAPI document (no "openapi" version field)');
  }
  const schemas = isObject(document.components) ? document.components.schemas : undefined;
  const components = (isObject(schemas) ? schemas : {}) as Record<string, JsonSchema>;
  const missing = ['AuditLogEventType', 'AuditLog', 'ListAuditLogsResponse'].filter(
    (name) => !isObject(components[name]),
  );
  if (missing.length === 3)
    throw new DocumentError(file, 'has no audit-log components (#/components/schemas/AuditLog and friends)');
  if (missing.length > 0)
    throw new DocumentError(file, `lacks #/components/schemas/${missing.join(', #/components/schemas/')}`);

  const eventTypes = components.AuditLogEventType!.enum;
  if (!Array.isArray(eventTypes) || !eventTypes.every((type) => typeof type === 'string')) {
    throw new DocumentError(file, '#/components/schemas/AuditLogEventType/enum must be an array of strings');
  }
  const auditLog = components.AuditLog!;
  if (!isObject(auditLog.properties)) throw new DocumentError(file, '#/components/schemas/AuditLog has no properties');

  const paths = isObject(document.paths) ? document.paths : {};
  const operation = isObject(paths[AUDIT_LOGS_PATH]) ? paths[AUDIT_LOGS_PATH].get : undefined;
  const rawParameters = isObject(operation) && Array.isArray(operation.parameters) ? operation.parameters : [];
  const parameters = rawParameters.flatMap((parameter: unknown) => {
    const resolved = resolveParameter(parameter, document);
    if (!isObject(resolved) || resolved.in !== 'query' || typeof resolved.name !== 'string') return [];
    return [
      {
        name: resolved.name.replace(/\[\]$/, ''),
        required: resolved.required === true,
        ...(typeof resolved.description === 'string' ? { description: resolved.description.trim() } : {}),
        schema: isObject(resolved.schema) ? resolved.schema : {},
      },
    ];
  });
  if (!isObject(operation)) {
    throw new DocumentError(
      file,
      `has no operation GET ${AUDIT_LOGS_PATH} (its query parameters are part of the comparison)`,
    );
  }
  return {
    file,
    openapi: document.openapi,
    components,
    eventTypes: eventTypes,
    auditLog,
    page: components.ListAuditLogsResponse!,
    parameters,
  };
}

function resolveParameter(parameter: unknown, document: JsonSchema): unknown {
  if (!isObject(parameter) || typeof parameter.$ref !== 'string') return parameter;
  const match = /^#\/components\/parameters\/(.+)$/.exec(parameter.$ref);
  const all = isObject(document.components) ? document.components.parameters : undefined;
  return match && isObject(all) ? all[match[1]!] : undefined;
}

/** `#/components/schemas/Name` -> `Name`, or undefined for any other reference. */
export function componentName(ref: unknown): string | undefined {
  return typeof ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1] : undefined;
}

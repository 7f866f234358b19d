/**
 * Builds generated/catalog.ts: `AUDIT_LOG_EVENT_CATALOG`, one entry per event type with its
 * resource, action, description and details fields (shipped as `openai-audit-logs/catalog`, apart
 * from the root entry so that validators do not carry it).
 */
import { VariableDeclarationKind } from 'ts-morph';
import { catalogOf } from './catalog-fields.ts';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

export function generateCatalog(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/catalog.ts');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namedImports: ['AuditLogEventType'] });
  file.addInterface({
    name: 'AuditLogEventField',
    isExported: true,
    docs: ['One documented field of a details object.'],
    properties: [
      { name: 'path', type: 'string', docs: ['Path inside the details object, e.g. `data.scopes` or `configs[].id`.'] },
      { name: 'type', type: 'string', docs: ['JSON type, e.g. `string`, `array of string`, `string | null`.'] },
      { name: 'description', type: 'string' },
    ],
  });
  file.addInterface({
    name: 'AuditLogEventCatalogEntry',
    isExported: true,
    docs: ['One event type of the catalog.'],
    properties: [
      { name: 'type', type: 'AuditLogEventType', docs: ['The event type, e.g. `api_key.created`.'] },
      {
        name: 'resource',
        type: 'string',
        docs: ['What the event is about: the type up to its last dot, e.g. `ip_allowlist.config`.'],
      },
      { name: 'action', type: 'string', docs: ['What happened to it: the type after its last dot, e.g. `activated`.'] },
      { name: 'description', type: 'string' },
      {
        name: 'fields',
        type: 'readonly AuditLogEventField[]',
        docs: ['Fields of the details object (under the key equal to `type`); empty when the event has none.'],
      },
    ],
  });
  const entries = catalogOf(model).map(({ event, fields }) =>
    JSON.stringify(
      { type: event.type, resource: event.resource, action: event.action, description: event.description, fields },
      null,
      2,
    ),
  );
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      `Every event type (${model.events.length}) with its resource, action, description and details fields, in the schema's order.`,
    ],
    declarations: [
      {
        name: 'AUDIT_LOG_EVENT_CATALOG',
        initializer: `[\n${entries.join(',\n')},\n] as const satisfies readonly AuditLogEventCatalogEntry[]`,
      },
    ],
  });
  return finishSourceFile(file, generatedHeader(model.file));
}

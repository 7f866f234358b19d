/** Builds generated/event-types.ts: the catalog as a runtime array, in the schema's order. */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

export function generateEventTypes(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/event-types.ts');
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './types.js',
    namedImports: ['AuditLogEventType', 'AuditLogResource'],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`Every event type of the catalog (${model.events.length}), in the schema's order.`],
    declarations: [
      {
        name: 'AUDIT_LOG_EVENT_TYPES',
        initializer: `[\n${model.events.map((event) => JSON.stringify(event.type)).join(',\n')},\n] as const satisfies readonly AuditLogEventType[]`,
      },
    ],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      "The groups of resources (prefixes that group several resources and are none themselves), for `hasResource`: a group's union holds every event type under its prefix, a resource's only its own.",
    ],
    declarations: [
      {
        name: 'AUDIT_LOG_RESOURCE_GROUPS',
        initializer: `[${model.groups.map((group) => JSON.stringify(group.resource)).join(', ')}] as const satisfies readonly AuditLogResource[]`,
      },
    ],
  });
  return finishSourceFile(file, generatedHeader(model.file));
}

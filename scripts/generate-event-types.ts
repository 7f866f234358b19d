/**
 * Builds generated/event-types.ts (the catalogue as a runtime array) and
 * generated/details-validators.ts (event type -> details validator, for the dispatcher).
 */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './lib/generated-file.ts';
import { kebabCase, pascalCase } from './lib/naming.ts';
import type { SchemaModel } from './lib/schema-model.ts';

export function buildEventTypes(model: SchemaModel): GeneratedFile[] {
  const types = createSourceFile('generated/event-types.ts');
  types.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namedImports: ['AuditLogEventType'] });
  types.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`Every event type of the catalogue (${model.events.length}), in the schema's order.`],
    declarations: [
      {
        name: 'AUDIT_LOG_EVENT_TYPES',
        initializer: `[\n${model.events.map((event) => JSON.stringify(event.type)).join(',\n')},\n] as const satisfies readonly AuditLogEventType[]`,
      },
    ],
  });

  const map = createSourceFile('generated/details-validators.ts');
  const withDetails = model.events.filter((event) => event.detailsDef);
  // One batched insertion: ts-morph re-parses the file on every insertion.
  map.addImportDeclarations([
    { isTypeOnly: true, moduleSpecifier: '../src/compiled-validator.js', namedImports: ['CompiledValidator'] },
    ...withDetails.map((event) => ({
      moduleSpecifier: `./validators/details/${kebabCase(event.type)}.js`,
      namedImports: [`validate${event.detailsDef}`],
    })),
  ]);
  map.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    // The definition's name is not stored: the runtime derives it from the key (`detailsDefinition`), which keeps the bundle small.
    docs: ['Details key (equal to its event type) -> the validator of that details object (`#/$defs/<PascalCase key>Details`).'],
    declarations: [
      {
        name: 'DETAILS_VALIDATORS',
        type: 'ReadonlyMap<string, CompiledValidator>',
        initializer: `/* @__PURE__ */ new Map<string, CompiledValidator>([\n${withDetails
          .map((event) => {
            if (event.detailsDef !== `${pascalCase(event.type)}Details`) throw new Error(`${event.type}: unexpected details definition name`);
            return `[${JSON.stringify(event.type)}, validate${event.detailsDef}]`;
          })
          .join(',\n')},\n])`,
      },
    ],
  });
  return [finishSourceFile(types, generatedHeader(model.file)), finishSourceFile(map, generatedHeader(model.file))];
}

/**
 * Builds generated/details-validators.ts: details key (equal to its event type) -> the validator
 * of that details object, which the whole-log dispatcher looks up for every key a log carries.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

export function generateDetailsValidators(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/details-validators.ts');
  const withDetails = model.events.filter((event) => event.detailsDef);
  // One batched insertion: ts-morph re-parses the file on every insertion.
  file.addImportDeclarations([
    { isTypeOnly: true, moduleSpecifier: '../src/internal.js', namedImports: ['CompiledValidator'] },
    ...withDetails.map((event) => ({
      moduleSpecifier: `./${event.names.detailsModule}.js`,
      namedImports: [event.names.detailsValidator!],
    })),
  ]);
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    // The definition's name is not stored: the runtime derives it from the key with the same naming rule.
    docs: [
      'Details key (equal to its event type) -> the validator of that details object (`#/$defs/<PascalCase key>Details`).',
    ],
    declarations: [
      {
        name: 'DETAILS_VALIDATORS',
        type: 'ReadonlyMap<string, CompiledValidator>',
        initializer: `/* @__PURE__ */ new Map<string, CompiledValidator>([\n${withDetails
          .map((event) => `[${JSON.stringify(event.type)}, ${event.names.detailsValidator}]`)
          .join(',\n')},\n])`,
      },
    ],
  });
  return finishSourceFile(file, generatedHeader(model.file));
}

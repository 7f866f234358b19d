/**
 * Builds generated/guards.ts: one full-validation type guard per event type, each composed of
 * the shared envelope validator and that event's own details validator only, so a bundle that
 * imports one guard carries one details validator.
 */
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import { guardName, kebabCase } from './naming.ts';
import type { SchemaModel } from './model/index.ts';

export function generateGuards(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/guards.ts');
  // One batched insertion per kind: ts-morph re-parses the file on every insertion.
  file.addImportDeclarations([
    { moduleSpecifier: '../src/internal.js', namedImports: ['isVariant'] },
    { moduleSpecifier: './validators/envelope.js', namedImports: ['validateEnvelope'] },
    { isTypeOnly: true, moduleSpecifier: './types.js', namedImports: model.events.map((event) => event.variantDef) },
    ...model.events
      .filter((event) => event.detailsDef)
      .map((event) => ({
        moduleSpecifier: `./validators/details/${kebabCase(event.type)}.js`,
        namedImports: [`validate${event.detailsDef}`],
      })),
  ]);
  file.addFunctions(
    model.events.map((event) => {
      const type = JSON.stringify(event.type);
      const details = event.detailsDef ? `, validate${event.detailsDef}` : '';
      return {
        name: guardName(event.type),
        isExported: true,
        parameters: [{ name: 'value', type: 'unknown' }],
        returnType: `value is ${event.variantDef}`,
        docs: [
          `Whether \`value\` is a valid \`${event.type}\` audit log: ` +
            (event.detailsDef
              ? `the envelope, \`type\` and, when present, its \`${event.type}\` details object`
              : 'the envelope and `type`') +
            `.\n\n${event.description}\n\nDetails keys of other event types are not examined; \`isAuditLog\` checks them all.`,
        ],
        statements: [`return isVariant(value, ${type}, validateEnvelope${details});`],
      };
    }),
  );
  return finishSourceFile(file, generatedHeader(model.file));
}

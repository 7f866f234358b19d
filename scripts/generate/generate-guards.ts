/**
 * Builds generated/guards.ts: one full-validation type guard per event type, each composed of
 * the shared envelope validator and that event's own details validator only, so a bundle that
 * imports one guard carries one details validator.
 */
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

export function generateGuards(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/guards.ts');
  // One batched insertion per kind: ts-morph re-parses the file on every insertion.
  file.addImportDeclarations([
    { moduleSpecifier: '../src/internal.js', namedImports: ['isVariant'] },
    { moduleSpecifier: './validators/envelope.js', namedImports: ['validateEnvelope'] },
    {
      isTypeOnly: true,
      moduleSpecifier: './types.js',
      namedImports: model.events.map((event) => event.names.interface),
    },
    ...model.events
      .filter((event) => event.detailsDef)
      .map((event) => ({
        moduleSpecifier: `./${event.names.detailsModule}.js`,
        namedImports: [event.names.detailsValidator!],
      })),
  ]);
  file.addFunctions(
    model.events.map((event) => {
      const type = JSON.stringify(event.type);
      const details = event.detailsDef ? `, ${event.names.detailsValidator}` : '';
      return {
        name: event.names.guard,
        isExported: true,
        parameters: [{ name: 'value', type: 'unknown' }],
        returnType: `value is ${event.names.interface}`,
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

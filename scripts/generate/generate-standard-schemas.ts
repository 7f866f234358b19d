/**
 * Builds generated/standard-schemas.ts: one Standard Schema (v1) constant per event type
 * (`apiKeyCreatedSchema`), each wiring the shared envelope validator and that event's own details
 * validator into `variantSchema` from the leaf, like the per-event guards, so that a bundle that
 * imports one carries one details validator. Each is marked pure, so an unused one is dropped.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

/** generated/standard-schemas.ts for `model`: one `<event>Schema` constant per event type, in catalog order. */
export function generateStandardSchemas(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/standard-schemas.ts');
  // One batched insertion per kind: ts-morph re-parses the file on every insertion.
  file.addImportDeclarations([
    {
      moduleSpecifier: '../src/internal.js',
      namedImports: ['variantSchema', { name: 'StandardSchemaV1', isTypeOnly: true }],
    },
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
  file.addVariableStatements(
    model.events.map((event) => {
      const details = event.detailsDef ? `, ${event.names.detailsValidator}` : '';
      return {
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [
          `The Standard Schema (v1) of one \`${event.type}\` audit log: ` +
            (event.detailsDef
              ? `the envelope, \`type\` and, when present, its \`${event.type}\` details object`
              : 'the envelope and `type`') +
            ` (what \`${event.names.guard}\` checks), with readable issues. A log of another type gets one issue, at \`type\`.` +
            `\n\n${event.description}`,
        ],
        declarations: [
          {
            name: event.names.schema,
            type: `StandardSchemaV1<${event.names.interface}>`,
            initializer: `/* @__PURE__ */ variantSchema(${JSON.stringify(event.type)}, validateEnvelope${details})`,
          },
        ],
      };
    }),
  );
  return finishSourceFile(file, generatedHeader(model.file));
}

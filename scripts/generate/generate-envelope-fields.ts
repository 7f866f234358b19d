/**
 * Builds generated/envelope-fields.ts: the fields every log shares, from the model's envelope
 * field list. src/validate.ts reads a log's envelope in one pass into an object typed by
 * `EnvelopeFields`, so a field the schema adds to the envelope fails the typecheck there until
 * the pass reads it.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

export function generateEnvelopeFields(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/envelope-fields.ts');
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["The fields every log shares (`#/$defs/AuditLogEnvelope`'s properties), in the schema's order."],
    declarations: [
      {
        name: 'ENVELOPE_FIELDS',
        initializer: `[${model.envelopeFields.map((field) => JSON.stringify(field)).join(', ')}] as const`,
      },
    ],
  });
  file.addTypeAlias({
    name: 'EnvelopeFields',
    isExported: true,
    type: '{ [field in (typeof ENVELOPE_FIELDS)[number]]: unknown }',
    docs: ["An object holding each envelope field's value, as read from a log."],
  });
  return finishSourceFile(file, generatedHeader(model.file));
}

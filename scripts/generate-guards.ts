/**
 * Builds generated/guards.ts: one full-validation type guard per event type, each composed of
 * the shared envelope validator and that event's own details validator only, so a bundle that
 * imports one guard carries one details validator.
 */
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './lib/generated-file.ts';
import { guardName, kebabCase } from './lib/naming.ts';
import type { SchemaModel } from './lib/schema-model.ts';

export function buildGuards(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/guards.ts');
  file.addImportDeclaration({ moduleSpecifier: '../src/variant.js', namedImports: ['isVariant'] });
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: './types.js',
    namedImports: model.events.map((event) => event.variantDef),
  });
  for (const event of model.events) {
    if (event.detailsDef) {
      file.addImportDeclaration({
        moduleSpecifier: `./validators/details/${kebabCase(event.type)}.js`,
        namedImports: [`validate${event.detailsDef}`],
      });
    }
  }
  for (const event of model.events) {
    const type = JSON.stringify(event.type);
    const details = event.detailsDef ? `, validate${event.detailsDef}` : '';
    file.addFunction({
      name: guardName(event.type),
      isExported: true,
      parameters: [{ name: 'value', type: 'unknown' }],
      returnType: `value is ${event.variantDef}`,
      docs: [
        `Whether \`value\` is a valid \`${event.type}\` audit log: ` +
          (event.detailsDef ? `the envelope, \`type\` and, when present, its \`${event.type}\` details object` : 'the envelope and `type`') +
          `.\n\n${event.description}\n\nDetails keys of other event types are not examined; \`isAuditLog\` checks them all.`,
      ],
      statements: [`return isVariant(value, ${type}${details});`],
    });
  }
  return finishSourceFile(file, generatedHeader(model.file));
}

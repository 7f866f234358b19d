/**
 * Builds generated/meanings.ts: `EVENT_MEANINGS`, what every catalog event means (OCSF class and
 * activity, ECS category and type, outcome, target), from the model's `meaning` slot: the rule of
 * src/internal/meaning.ts with the schema's `x-meaning` overrides (rule 12). `meaningOf`
 * (src/meaning.ts) looks types up in it; the mappers of `openai-audit-logs/ocsf` and `/ecs` use it.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { SchemaModel } from './model/index.ts';

export function generateMeanings(model: SchemaModel): GeneratedFile {
  const file = createSourceFile('generated/meanings.ts');
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../src/internal.js',
    namedImports: ['EventMeaning'],
  });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: './types.js', namedImports: ['AuditLogEventType'] });
  const entries = model.events.map((event) => `${JSON.stringify(event.type)}: ${JSON.stringify(event.meaning)}`);
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      "What each event type means, in the schema's order (the count is left out, so a new event changes its own line only).",
    ],
    declarations: [
      {
        name: 'EVENT_MEANINGS',
        type: 'Readonly<Record<AuditLogEventType, EventMeaning>>',
        initializer: `{\n${entries.join(',\n')},\n}`,
      },
    ],
  });
  return finishSourceFile(file, generatedHeader(model.file));
}

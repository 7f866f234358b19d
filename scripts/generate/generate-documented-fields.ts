/**
 * Builds generated/documented-fields.ts: the tree of every field the schema documents, which
 * `findUndocumentedFields` walks to report what a payload carries beyond the schema.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { inlineReferences } from './inline-references.ts';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { JsonSchema } from '../shared/schema-shape.ts';
import type { SchemaModel } from './model/index.ts';

/**
 * `0`: a documented leaf (or an object whose fields are not documented: anything inside is allowed);
 * an object: documented fields by name; `[node]`: an array whose items have that shape.
 */
export type FieldTree = 0 | { [field: string]: FieldTree } | [FieldTree];

function treeOf(schema: JsonSchema): FieldTree {
  const branches = [schema, ...((schema.anyOf as JsonSchema[] | undefined) ?? [])];
  for (const branch of branches) {
    if (branch.properties) {
      return Object.fromEntries(
        Object.entries(branch.properties as Record<string, JsonSchema>).map(([name, sub]) => [name, treeOf(sub)]),
      );
    }
    if (branch.items) {
      const items = treeOf(branch.items as JsonSchema);
      return items === 0 ? 0 : [items];
    }
  }
  return 0;
}

export function generateDocumentedFields(model: SchemaModel): GeneratedFile {
  const root = treeOf(inlineReferences(model.defs.AuditLogEnvelope, model.defs) as JsonSchema) as Record<
    string,
    FieldTree
  >;
  const details = treeOf(inlineReferences(model.defs.AuditLogDetails, model.defs) as JsonSchema) as Record<
    string,
    FieldTree
  >;
  const file = createSourceFile('generated/documented-fields.ts');
  file.addTypeAlias({
    name: 'FieldTree',
    isExported: true,
    type: '0 | { readonly [field: string]: FieldTree } | readonly [FieldTree]',
    docs: ['`0`: documented (nothing inside is reported); an object: its documented fields; `[tree]`: array items.'],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['Every field the schema documents: the envelope and each details object, keyed by name.'],
    declarations: [
      { name: 'DOCUMENTED_FIELDS', type: 'FieldTree', initializer: JSON.stringify({ ...root, ...details }) },
    ],
  });
  return finishSourceFile(file, generatedHeader(model.file));
}

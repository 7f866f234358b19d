/**
 * Builds generated/documented-fields.ts: the tree of every field the schema documents, which
 * `findUndocumentedFields` walks to report what a payload carries beyond the schema.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import type { NodeModel, SchemaModel } from './model/index.ts';

/**
 * `0`: a documented leaf (or an object whose fields are not documented: anything inside is allowed);
 * an object: documented fields by name; `[node]`: an array whose items have that shape.
 */
export type FieldTree = 0 | { [field: string]: FieldTree } | [FieldTree];

function treeOf(node: NodeModel): FieldTree {
  if (node.fields.length > 0) return Object.fromEntries(node.fields.map((field) => [field.name, treeOf(field)]));
  if (node.items === undefined) return 0;
  const items = treeOf(node.items);
  return items === 0 ? 0 : [items];
}

export function generateDocumentedFields(model: SchemaModel): GeneratedFile {
  const root = treeOf({ types: [], nullable: false, fields: model.definitions.AuditLogEnvelope!.fields });
  const details = treeOf({ types: [], nullable: false, fields: model.definitions.AuditLogDetails!.fields });
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
      {
        name: 'DOCUMENTED_FIELDS',
        type: 'FieldTree',
        initializer: JSON.stringify({ ...(root as object), ...(details as object) }),
      },
    ],
  });
  return finishSourceFile(file, generatedHeader(model.file));
}

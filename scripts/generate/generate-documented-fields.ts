/**
 * Builds generated/documented-fields.ts: the tree of every field the schema documents, which
 * `findUndocumentedFields` walks to report what a payload carries beyond the schema.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import { mapSchema } from '../shared/schema-traversal.ts';
import { inlineReferences } from './inline-references.ts';
import type { SchemaModel } from './model/index.ts';

/**
 * `0`: a documented leaf (or an object whose fields are not documented: anything inside is allowed);
 * an object: documented fields by name; `[node]`: an array whose items have that shape.
 */
export type FieldTree = 0 | { [field: string]: FieldTree } | [FieldTree];

/** A node's tree, and whether the node itself declares fields or items (the first such branch of an `anyOf` wins). */
interface Folded {
  tree: FieldTree;
  declares: boolean;
}

/**
 * The tree of a definition, references inlined: a node with `properties` is an object of its
 * fields, one with `items` an array of their tree, and an `anyOf` takes the first branch that has
 * either (kept as it was; a later branch's fields are not listed).
 */
function treeOf(schema: unknown): FieldTree {
  const folded = mapSchema<Folded>(schema, (node) => {
    const properties = node.properties as Record<string, Folded> | undefined;
    if (properties !== undefined)
      return {
        tree: Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, sub.tree])),
        declares: true,
      };
    const items = node.items as Folded | undefined;
    if (items !== undefined) return { tree: items.tree === 0 ? 0 : [items.tree], declares: true };
    const branch = ((node.anyOf ?? []) as Folded[]).find((candidate) => candidate.declares);
    return { tree: branch?.tree ?? 0, declares: false };
  }) as Folded;
  return folded.tree;
}

export function generateDocumentedFields(model: SchemaModel): GeneratedFile {
  const root = treeOf(inlineReferences(model.defs.AuditLogEnvelope, model.defs));
  const details = treeOf(inlineReferences(model.defs.AuditLogDetails, model.defs));
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

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

/** A node's tree, and whether the node itself declares fields or items (an `anyOf` merges the branches that do). */
interface Folded {
  tree: FieldTree;
  declares: boolean;
}

/**
 * The tree of a definition, references inlined: a node with `properties` is an object of its
 * fields, one with `items` an array of their tree, and an `anyOf` merges the branches that have
 * either (a provider's fields are documented whichever provider a payload names).
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
    const branches = ((node.anyOf ?? []) as Folded[]).filter((candidate) => candidate.declares);
    return { tree: branches.map((branch) => branch.tree).reduce(mergeTrees, 0), declares: false };
  }) as Folded;
  return folded.tree;
}

/** The fields either tree documents; `0` (nothing declared) gives way to the other side. */
export function mergeTrees(left: FieldTree, right: FieldTree): FieldTree {
  if (left === 0) return right;
  if (right === 0) return left;
  if (Array.isArray(left)) return Array.isArray(right) ? [mergeTrees(left[0], right[0])] : left;
  if (Array.isArray(right)) return left;
  const merged: { [field: string]: FieldTree } = { ...left };
  for (const [name, tree] of Object.entries(right))
    merged[name] = name in merged ? mergeTrees(merged[name]!, tree) : tree;
  return merged;
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

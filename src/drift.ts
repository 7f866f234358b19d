import { DOCUMENTED_FIELDS, type FieldTree } from '../generated/documented-fields.js';

/** One node still to visit: a value, the documented fields it may hold, and its readable path. */
interface Visit {
  value: unknown;
  tree: FieldTree;
  path: string;
}

/**
 * Visits one node: pushes its documented children, adds its undocumented fields to `found`. An
 * array's items are its own index keys, so the holes of a sparse array (a length of 2**32 - 1
 * and no items at all) cost nothing.
 */
function visit({ value: node, tree, path }: Visit, stack: Visit[], found: Set<string>): void {
  if (tree === 0 || typeof node !== 'object' || node === null) return;
  // `Array.isArray` throws on a revoked Proxy: the caller skips the node.
  const items = Array.isArray(tree);
  if (Array.isArray(node) !== items) return;
  const fields = tree as { readonly [field: string]: FieldTree };
  for (const key of Object.keys(node)) {
    const child = items ? `${path}[]` : path === '' ? key : `${path}.${key}`;
    // An array's named properties are not items.
    if (items ? String(Number(key)) === key : Object.prototype.hasOwnProperty.call(fields, key)) {
      stack.push({
        value: (node as Record<string, unknown>)[key],
        tree: items ? (tree as readonly [FieldTree])[0] : fields[key]!,
        path: child,
      });
    } else if (!items) {
      found.add(child);
    }
  }
}

/**
 * Lists the fields a payload carries that the schema does not document, as readable paths with
 * array items collapsed: `actor.session.user_agent`, `certificates.activated.certificates[].fingerprint`.
 * Only the outermost undocumented field of a branch is listed (not everything inside it), nothing
 * inside objects the schema leaves open (such as `external_key.registered.data`) is reported, and
 * the details object of an unknown event type is one undocumented field. Sorted, without duplicates.
 * Each value is read once, the holes of a sparse array cost nothing, and it never throws: what
 * cannot be read (a throwing getter, a revoked Proxy) is skipped.
 */
export function findUndocumentedFields(value: unknown): string[] {
  const found = new Set<string>();
  // An explicit stack, so a deeply nested payload cannot overflow the call stack.
  const stack: Visit[] = [{ value, tree: DOCUMENTED_FIELDS, path: '' }];
  while (stack.length > 0) {
    try {
      visit(stack.pop()!, stack, found);
    } catch {
      // A value that throws when read (a getter, a Proxy) has nothing more to report.
    }
  }
  return [...found].sort();
}

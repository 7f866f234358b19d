import { DOCUMENTED_FIELDS, type FieldTree } from '../generated/documented-fields.js';

/**
 * Lists the fields a payload carries that the schema does not document, as readable paths with
 * array items collapsed: `actor.session.user_agent`, `certificates.activated.certificates[].fingerprint`.
 * Only the outermost undocumented field of a branch is listed (not everything inside it), nothing
 * inside objects the schema leaves open (such as `external_key.registered.data`) is reported, and
 * the details object of an unknown event type is one undocumented field. Sorted, without duplicates;
 * never throws (what cannot be read is skipped).
 */
export function findUndocumentedFields(value: unknown): string[] {
  const found = new Set<string>();
  // An explicit stack, so a deeply nested payload cannot overflow the call stack.
  const stack: { value: unknown; tree: FieldTree; path: string }[] = [{ value, tree: DOCUMENTED_FIELDS, path: '' }];
  while (stack.length > 0) {
    const { value: node, tree, path } = stack.pop()!;
    if (tree === 0 || typeof node !== 'object' || node === null) continue;
    if (Array.isArray(tree)) {
      const items = (tree as readonly [FieldTree])[0];
      if (Array.isArray(node))
        for (const item of node as unknown[]) stack.push({ value: item, tree: items, path: `${path}[]` });
      continue;
    }
    if (Array.isArray(node)) continue;
    const fields = tree as { readonly [field: string]: FieldTree };
    // A value that throws when read (a getter, a Proxy) has nothing more to report.
    try {
      for (const key of Object.keys(node)) {
        const child = path === '' ? key : `${path}.${key}`;
        if (Object.prototype.hasOwnProperty.call(fields, key)) {
          stack.push({ value: (node as Record<string, unknown>)[key], tree: fields[key]!, path: child });
        } else {
          found.add(child);
        }
      }
    } catch {
      continue;
    }
  }
  return [...found].sort();
}

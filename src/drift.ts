import { DOCUMENTED_FIELDS, type FieldTree } from '../generated/documented-fields.js';

/** One node still to visit: a value, the documented fields it may hold, and its readable path. */
interface Visit {
  value: unknown;
  tree: FieldTree;
  path: string;
}

/**
 * Up to this length an array's items are read by index; a longer one may be sparse (a length of
 * 2**32 - 1 and no items at all), so only the indexes it holds are visited.
 */
const READ_BY_INDEX = 1 << 16;

/** The items of `array` that are present, each read once, pushed to be visited against `items`. */
function pushItems(array: readonly unknown[], items: FieldTree, path: string, stack: Visit[]): void {
  const length = array.length;
  if (length <= READ_BY_INDEX) {
    for (let index = 0; index < length; index++) stack.push({ value: array[index], tree: items, path });
    return;
  }
  for (const key of Object.keys(array)) {
    const index = Number(key);
    // Own keys that are not indexes (an array may have named properties) are not items.
    if (Number.isInteger(index) && index < length && String(index) === key)
      stack.push({ value: array[index], tree: items, path });
  }
}

/** Visits one node: pushes its documented children, adds its undocumented fields to `found`. */
function visit({ value: node, tree, path }: Visit, stack: Visit[], found: Set<string>): void {
  if (tree === 0 || typeof node !== 'object' || node === null) return;
  // `Array.isArray` throws on a revoked Proxy: the caller skips the node.
  const isArray = Array.isArray(node);
  if (Array.isArray(tree)) {
    if (isArray) pushItems(node as unknown[], (tree as readonly [FieldTree])[0], `${path}[]`, stack);
    return;
  }
  if (isArray) return;
  const fields = tree as { readonly [field: string]: FieldTree };
  for (const key of Object.keys(node)) {
    const child = path === '' ? key : `${path}.${key}`;
    if (Object.prototype.hasOwnProperty.call(fields, key)) {
      stack.push({ value: (node as Record<string, unknown>)[key], tree: fields[key]!, path: child });
    } else {
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

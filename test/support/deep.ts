/**
 * Deep freezing and deep snapshots of arbitrary JavaScript values (what `fc.anything()` makes:
 * null-prototype objects, boxed primitives, Maps, Sets, typed arrays, sparse arrays, -0, NaN...).
 * structuredClone would lose prototypes, holes and property attributes, and cannot clone some of
 * these at all, so a snapshot is a string that records all of them.
 */

const isObject = (value: unknown): value is object =>
  (typeof value === 'object' && value !== null) || typeof value === 'function';

/** Own property values, Map keys and values, Set members: where a deep walk goes next. Getters are not run. */
function children(value: object): unknown[] {
  const out: unknown[] = [];
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key)!;
    if ('value' in descriptor) out.push(descriptor.value);
  }
  if (value instanceof Map) for (const [key, item] of value) out.push(key, item);
  if (value instanceof Set) for (const item of value) out.push(item);
  return out;
}

/**
 * Freezes `value` and everything reachable from it. Typed arrays with elements cannot be frozen
 * (the engine refuses); Map and Set contents stay changeable through their methods. The snapshot
 * comparison catches changes to those.
 */
export function deepFreeze<T>(value: T): T {
  const seen = new WeakSet<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!isObject(current) || seen.has(current)) continue;
    seen.add(current);
    const unfreezable =
      ArrayBuffer.isView(current) && !(current instanceof DataView) && (current as Uint8Array).length > 0;
    if (!unfreezable) Object.freeze(current);
    stack.push(...children(current));
  }
  return value;
}

const PROTOTYPES = new Map<object | null, string>([
  [null, 'null'],
  [Object.prototype, 'Object'],
  [Array.prototype, 'Array'],
  [Map.prototype, 'Map'],
  [Set.prototype, 'Set'],
  [Date.prototype, 'Date'],
  [Number.prototype, 'Number'],
  [String.prototype, 'String'],
  [Boolean.prototype, 'Boolean'],
  [Function.prototype, 'Function'],
]);

function describePrimitive(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? 'number -0' : `number ${String(value)}`;
    case 'string':
      return `string ${JSON.stringify(value)}`;
    case 'bigint':
      return `bigint ${String(value)}`;
    case 'symbol':
      return `symbol ${String(value.description)}`;
    default:
      return `${typeof value} ${String(value)}`;
  }
}

/**
 * A string that changes whenever anything reachable from `value` changes: prototypes, property
 * keys in order, attributes and values, extensibility and frozenness, Map/Set contents, typed
 * array elements, boxed and Date values. Shared references and cycles are recorded by identity.
 */
export function deepSnapshot(value: unknown): string {
  const ids = new Map<object, number>();
  const describe = (current: unknown): unknown => {
    if (!isObject(current)) return describePrimitive(current);
    const known = ids.get(current);
    if (known !== undefined) return `ref #${known}`;
    const id = ids.size;
    ids.set(current, id);
    const prototype = Reflect.getPrototypeOf(current);
    const node: Record<string, unknown> = {
      id,
      tag: Object.prototype.toString.call(current),
      prototype: PROTOTYPES.get(prototype) ?? `other ${Object.prototype.toString.call(prototype)}`,
      extensible: Object.isExtensible(current),
      frozen: Object.isFrozen(current),
      properties: Reflect.ownKeys(current).map((key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(current, key)!;
        const attributes = {
          writable: descriptor.writable,
          enumerable: descriptor.enumerable,
          configurable: descriptor.configurable,
        };
        const accessor = descriptor.get !== undefined || descriptor.set !== undefined;
        const item: unknown = descriptor.value;
        return [
          describePrimitive(key),
          attributes,
          accessor ? `accessor ${typeof descriptor.get} ${typeof descriptor.set}` : describe(item),
        ];
      }),
    };
    if (current instanceof Map) node.entries = [...current].map(([key, item]) => [describe(key), describe(item)]);
    if (current instanceof Set) node.members = [...current].map(describe);
    if (current instanceof Date) node.time = describePrimitive(current.getTime());
    if (ArrayBuffer.isView(current))
      node.bytes = [...new Uint8Array(current.buffer, current.byteOffset, current.byteLength)];
    if (current instanceof Number || current instanceof String || current instanceof Boolean)
      node.boxed = describePrimitive(current.valueOf());
    return node;
  };
  return JSON.stringify(describe(value));
}

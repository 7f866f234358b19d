/**
 * Reading fields of a value that may be hostile (a getter that throws, a revoked Proxy) without
 * throwing: what cannot be read, or is not of the JSON type asked for, reads as `undefined`.
 * Shared by `actorOf` and the mappers, which promise never to throw.
 */

export type Fields = Record<string, unknown>;

/** `value[key]`, or undefined when reading it throws. */
export function read(value: Fields, key: string): unknown {
  try {
    return value[key];
  } catch {
    return undefined;
  }
}

/** `value`, when it is an object to read fields of (not null, not an array), else undefined. */
export function asFields(value: unknown): Fields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return Array.isArray(value) ? undefined : (value as Fields);
  } catch {
    // Array.isArray throws on a revoked Proxy.
    return undefined;
  }
}

/** The object at `value[key]`, or undefined (null, arrays and primitives are not objects here). */
export function objectAt(value: Fields | undefined, key: string): Fields | undefined {
  return value === undefined ? undefined : asFields(read(value, key));
}

/** The string at `value[key]`, or undefined. */
export function stringAt(value: Fields | undefined, key: string): string | undefined {
  if (value === undefined) return undefined;
  const field = read(value, key);
  return typeof field === 'string' ? field : undefined;
}

/** Sets `key` on `target` only when `value` is defined, so that absent fields stay absent. */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

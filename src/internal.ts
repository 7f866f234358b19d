/**
 * The leaf of the runtime: what generated code and the hand-written runtime share. It imports
 * nothing, so `generated/` can depend on it without depending on the rest of `src/`.
 */

/** One error as AJV reports it (`messages: false` at compile time; the runtime adds `message`). */
export interface ValidatorErrorObject {
  /** JSON Pointer to the offending value, `''` for the root. */
  instancePath: string;
  /** Where in the canonical schema the failing keyword sits. */
  schemaPath: string;
  /** The JSON Schema keyword that failed: `type`, `required`, `enum`, `const`, `anyOf`, ... */
  keyword: string;
  /** Keyword-specific facts, e.g. `{ type: 'string' }` or `{ missingProperty: 'id' }`. */
  params: Record<string, unknown>;
  /** Human-readable description of the failure. */
  message?: string;
}

/** The shape of an AJV standalone validator: a predicate that leaves its errors on itself. */
export interface CompiledValidator {
  (data: unknown, context?: { instancePath?: string }): boolean;
  errors?: ValidatorErrorObject[] | null;
}

/**
 * The check behind every per-event guard: the envelope, the `type`, and that event's own details
 * object when present. The validators are passed in, so this module imports none of them.
 * Reading the value may run a getter or a Proxy trap; whatever they throw makes the verdict
 * `false` rather than escaping.
 */
export function isVariant(
  value: unknown,
  type: string,
  validateEnvelope: CompiledValidator,
  validateDetails?: CompiledValidator,
): boolean {
  try {
    if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== type) return false;
    if (!validateEnvelope(value)) return false;
    if (validateDetails === undefined) return true;
    const details = (value as Record<string, unknown>)[type];
    return details === undefined || validateDetails(details);
  } catch {
    return false;
  }
}

/** Escapes one key for a JSON Pointer (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
export const escapePointerToken = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Undoes `escapePointerToken`. */
export const unescapePointerToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The JSON Pointer of a path of keys and indexes: `['a.b', 'c', 0]` -> `/a.b/c/0`. */
export const pointerOf = (path: readonly (string | number)[]): string =>
  path.map((step) => `/${escapePointerToken(String(step))}`).join('');

/**
 * The one naming rule: an event type (or resource) in PascalCase, split on `.` and `_`:
 * `ip_allowlist.config.activated` -> `IpAllowlistConfigActivated`. The generators name
 * definitions, types and guards with it; the runtime finds a details definition with it.
 */
export function pascalCase(value: string): string {
  return value
    .split(/[._]/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

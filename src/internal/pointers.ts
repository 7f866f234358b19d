/** JSON Pointers, the naming rule, and where the canonical schema defines what the runtime reports on. */
import type { ValidatorErrorObject } from './validators.js';

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

/** Where the canonical schema defines the fields every log shares. */
export const ENVELOPE_DEFINITION = '#/$defs/AuditLogEnvelope';
/** Where the canonical schema defines the catalog: an `enum` error under it is an unknown event type. */
export const EVENT_TYPE_DEFINITION = '#/$defs/AuditLogEventType';
/** Where the canonical schema defines the details object of a details key (the key is its event type). */
export const detailsDefinition = (key: string): string => `#/$defs/${pascalCase(key)}Details`;

/** The pointer an error is about: for a missing property, the property itself. */
export const errorPointer = (error: ValidatorErrorObject): string =>
  error.keyword === 'required'
    ? `${error.instancePath}/${escapePointerToken(String(error.params.missingProperty))}`
    : error.instancePath;

/** A JSON Pointer token that can be an array index (RFC 6901: no leading zeros). */
export const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Follows a JSON Pointer into `root`, returning the value there and the readable location.
 * Without the value at hand (`hasValue` false: an AJV error alone), a number in the path is taken as an index.
 */
export function locate(root: unknown, pointer: string, hasValue = true): { value: unknown; location: string } {
  let value: unknown = root;
  let location = '';
  for (const token of pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerToken)) {
    const index = (!hasValue || Array.isArray(value)) && ARRAY_INDEX.test(token);
    location += index ? `[${token}]` : location === '' ? token : `.${token}`;
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[token] : undefined;
  }
  return { value, location: location === '' ? '(root)' : location };
}

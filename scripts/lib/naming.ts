/** Naming rules shared by every generator, so one event type gets one name everywhere. */

/** `ip_allowlist.config.activated` -> `IpAllowlistConfigActivated` (split on `.` and `_`). */
export function pascalCase(value: string): string {
  return value
    .split(/[._]/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** `api_key.created` -> `api-key-created`: a file name safe on every file system. */
export function kebabCase(value: string): string {
  return value.replace(/[._]/g, '-');
}

/** `ApiKeyCreated` -> `isApiKeyCreated`. */
export function guardName(eventType: string): string {
  return `is${pascalCase(eventType)}`;
}

/** Escapes one key for a JSON Pointer (RFC 6901); the runtime's own implementation. */
export { escapePointerToken as pointerToken } from '../../src/pointer.ts';

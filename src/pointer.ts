/** JSON Pointer (RFC 6901) tokens: the one implementation the runtime, the generators and the tests share. */

/** Escapes one key for a JSON Pointer: `~` -> `~0`, `/` -> `~1`. */
export const escapePointerToken = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Undoes `escapePointerToken`. */
export const unescapePointerToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The JSON Pointer of a path of keys and indexes: `['a.b', 'c', 0]` -> `/a.b/c/0`. */
export const pointerOf = (path: readonly (string | number)[]): string =>
  path.map((step) => `/${escapePointerToken(String(step))}`).join('');

/** Small helpers for the text the command line prints for people. */

// Control characters in file names, ids or parser messages must not reach the terminal as they
// are; nor may bidi controls and invisible characters, which make text read as something else.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** `\u001b` for ESC: a character as a JSON escape. */
const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Escapes control characters (and the line separators), so that text printed to a terminal cannot drive it. */
export const sanitize = (text: string): string => text.replace(CONTROL, unicodeEscape);

/** The longest id, type or counted key the command line repeats: hostile input can carry megabytes in one. */
export const SHOWN_CHARACTERS = 200;

/** `text`, or its first `SHOWN_CHARACTERS` characters and `...` when it is longer. */
export const excerpt = (text: string): string =>
  text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}...` : text;

/** Cuts `text` to `max` characters, marking the cut. */
export const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/** `1,234` */
export const count = (n: number): string => n.toLocaleString('en-US');

/** `1 record`, `12 records` */
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

// JSON.stringify escapes U+0000 to U+001F only; these others can still drive (or, bidi controls and
// invisible characters, mislead) a terminal that shows the output.
const UNESCAPED_IN_JSON = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** `JSON.stringify`, with the control characters it leaves as they are escaped too (the same JSON value). */
export const safeJson = (value: unknown, space?: number): string =>
  JSON.stringify(value, null, space).replace(UNESCAPED_IN_JSON, unicodeEscape);

/**
 * Duplicate keys in a JSON text. `JSON.parse` keeps the last value of a repeated key; other
 * readers keep the first, or refuse. A record that says `"type"` twice would then pass this tool
 * as one event and reach a reader as another, so the command line makes such a record invalid.
 * The check costs two linear counts per value (keys in the text, keys in the parsed value); only
 * when they differ is the text read again to find which key is repeated, and where.
 */
import { escapePointerToken } from '../internal.js';

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;

const isSpace = (code: number) => code === 32 || code === 9 || code === 13 || code === 10;

/** Where the string that opens at `at` ends (after its closing quote), or -1. */
function stringEnd(text: string, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index of the first character after `at` that is not white space. */
function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** How many keys the objects of a valid JSON text hold, repeats included: each string followed by a colon. */
export function countKeysInText(text: string): number {
  let keys = 0;
  let at = text.indexOf('"');
  while (at !== -1) {
    const end = stringEnd(text, at);
    if (end === -1) break;
    if (text.charCodeAt(skipSpace(text, end)) === COLON) keys++;
    at = text.indexOf('"', end);
  }
  return keys;
}

/** How many own keys the objects of a parsed JSON value hold (an explicit stack: no depth limit). */
export function countKeysInValue(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) if (typeof node[i] === 'object') stack.push(node[i]);
      continue;
    }
    for (const key in node) {
      keys++;
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'object') stack.push(child);
    }
  }
  return keys;
}

/** A container being read: the keys an object has had so far, or the index an array is at. */
type Open = { keys: Set<string>; key: string } | { index: number };

/**
 * The JSON Pointer of the first repeated key of a valid JSON text (`/type`, `/data/3/actor/type`),
 * or undefined. Keys are compared as `JSON.parse` decodes them (`"\u0074ype"` is `"type"`).
 */
export function firstDuplicateKey(text: string): string | undefined {
  const stack: Open[] = [];
  const pointer = () =>
    stack.map((open) => `/${'keys' in open ? escapePointerToken(open.key) : String(open.index)}`).join('');
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    const top = stack[stack.length - 1];
    if (code === QUOTE) {
      const end = stringEnd(text, at);
      if (end === -1) return undefined;
      if (top !== undefined && 'keys' in top && text.charCodeAt(skipSpace(text, end)) === COLON) {
        const key = JSON.parse(text.slice(at, end)) as string;
        if (top.keys.has(key))
          return `${pointer().slice(0, -(escapePointerToken(top.key).length + 1))}/${escapePointerToken(key)}`;
        top.keys.add(key);
        top.key = key;
      }
      at = end - 1;
    } else if (code === 123) stack.push({ keys: new Set(), key: '' });
    else if (code === 91) stack.push({ index: 0 });
    else if (code === 125 || code === 93) stack.pop();
    else if (code === 44 && top !== undefined && 'index' in top) top.index++;
  }
  return undefined;
}

/** A quote followed by white space: where a key could stand apart from its colon. */
const QUOTE_SPACE = /"[ \t\r\n]/;

/**
 * An upper bound of the keys in `text`, cheaply: the places where a quote meets a colon. Every key
 * ends so unless white space stands between its quote and colon, and then the text has a quote
 * followed by white space somewhere (`undefined`: no bound). Strings may add places (a value
 * starting with `:`), never remove one.
 */
function keyBound(text: string): number | undefined {
  if (QUOTE_SPACE.test(text)) return undefined;
  let places = 0;
  for (let at = text.indexOf('":'); at !== -1; at = text.indexOf('":', at + 2)) places++;
  return places;
}

/**
 * The repeated key of a parsed value's text, when it has one. A text with as few key places as
 * the value has keys repeats none (the common case, a scan by `indexOf`); otherwise its keys are
 * counted exactly, and only when that count differs is the repeated key looked for.
 */
export function duplicateKeyOf(text: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = countKeysInValue(value);
  if (keyBound(text) === keys) return undefined;
  return countKeysInText(text) === keys ? undefined : firstDuplicateKey(text);
}

/**
 * Values as ECS types want them: an IP address (`ip`), an autonomous system number (`long`), a
 * time (`date`), and a plain copy of a JSON value for `openai.audit` that shares nothing with the
 * log and never throws on a hostile one.
 */
import { asFields, read } from '../safe-read.js';

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function isIpv6(text: string): boolean {
  if (text.length > 45 || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  // An embedded IPv4 address (::ffff:192.0.2.1) counts for two groups, and only at the end.
  const last = all.at(-1);
  const v4 = last !== undefined && IPV4.test(last);
  const hextets = v4 ? all.slice(0, -1) : all;
  if (!hextets.every((group) => HEXTET.test(group))) return false;
  const count = hextets.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Whether `text` is an IPv4 or IPv6 address as an ECS `ip` field takes it (no zone, no port, no brackets). */
export function isIpAddress(text: string): boolean {
  return IPV4.test(text) || isIpv6(text);
}

/** An autonomous system number sent as a string (`64500`, `AS64500`), as a number; else undefined. */
export function asNumberOf(text: string): number | undefined {
  const match = /^(?:AS)?(\d{1,10})$/i.exec(text);
  if (match === null) return undefined;
  const number = Number(match[1]);
  return number <= 0xffffffff ? number : undefined;
}

/**
 * The times an ECS date holds, in milliseconds since the epoch: years 0000 to 9999, as ISO 8601
 * writes them without a sign (a Date reaches further, as `+010000-01-01T...`, which ECS rejects).
 */
const FIRST_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** Seconds since the epoch as ISO 8601, or undefined when they fall outside years 0000 to 9999. */
export function isoTimeOf(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number') return undefined;
  const time = seconds * 1000;
  if (!(time >= FIRST_TIME && time <= LAST_TIME)) return undefined;
  return new Date(time).toISOString();
}

/** Nesting kept by `plainCopy`; deeper values are left out (no real details object comes near it). */
const MAX_DEPTH = 64;

/**
 * A copy of a JSON value made of fresh arrays and objects, reading each field once: a field that
 * cannot be read, a function, a symbol or anything nested past 64 levels is left out.
 */
export function plainCopy(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' ? undefined : value;
  }
  if (depth >= MAX_DEPTH) return undefined;
  try {
    if (Array.isArray(value)) {
      const items: unknown[] = [];
      // A sparse array keeps its length bound: items are read up to the length, holes stay null.
      const length = Math.min(value.length, 1_000_000);
      for (let index = 0; index < length; index++)
        items.push(plainCopy(read(value as never, String(index)), depth + 1) ?? null);
      return items;
    }
    const fields = asFields(value)!;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(fields)) {
      const field = plainCopy(read(fields, key), depth + 1);
      if (field === undefined) continue;
      // A JSON key `__proto__` is an own field; assigning it would set the copy's prototype instead.
      if (key === '__proto__')
        Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
      else copy[key] = field;
    }
    return copy;
  } catch {
    return undefined;
  }
}

/**
 * Hostile values, derived from the catalog so that no event type or field is named by hand:
 * getters that throw on their nth read, revoked Proxies at every level of a valid log, a Proxy
 * that counts every read, sparse arrays and millions of wrong items in the schema's array fields,
 * huge and invisible strings, deep nesting. Shared by the tests (test/src/hostile-reads.test.ts,
 * test/fuzz/hostile.test.ts) and the bench (`npm run bench -- --hostile`). The hostile files for
 * the command line are in harness/hostile-files.ts.
 */
import { catalog, validPayload } from './payloads.ts';
import { defs, resolve, type CatalogEvent, type JsonSchema } from './schema.ts';

export type Path = (string | number)[];
type Json = ReturnType<typeof validPayload>[string];

/** The one subschema of `node` that `sampleOf` fills: the first branch of an `anyOf`. */
function filled(node: JsonSchema): JsonSchema {
  const schema = resolve(node);
  return Array.isArray(schema.anyOf) ? filled(schema.anyOf[0] as JsonSchema) : schema;
}
const typeOf = (schema: JsonSchema): unknown => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** A documented place in a valid log of `event` (every step present in `validPayload(event)`). */
export interface Location {
  event: CatalogEvent;
  path: Path;
  schema: JsonSchema;
}

/** Every documented place of `event`'s log, envelope and details, depth first (array items at index 0). */
export function locationsOf(event: CatalogEvent): Location[] {
  const out: Location[] = [];
  const roots: [JsonSchema, Path][] = [[defs.AuditLogEnvelope!, []]];
  if (event.detailsDef) roots.push([defs[event.detailsDef]!, [event.type]]);
  const stack = roots.reverse();
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    const schema = filled(node);
    if (path.length > 0) out.push({ event, path, schema });
    if (typeOf(schema) === 'array') stack.push([schema.items as JsonSchema, [...path, 0]]);
    const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).reverse();
    for (const [name, sub] of properties)
      if (!(path.length === 0 && name === 'type')) stack.push([sub, [...path, name]]);
  }
  return out;
}

const ALL_LOCATIONS = catalog.flatMap(locationsOf);

/** Every array-typed field of the catalog (envelope fields once, details fields of every event). */
export const ARRAY_FIELDS: Location[] = ALL_LOCATIONS.filter(
  (location, index) =>
    typeOf(location.schema) === 'array' &&
    (location.path[0] === location.event.type ||
      ALL_LOCATIONS.findIndex((other) => other.path.join('/') === location.path.join('/')) === index),
);

/** An item that is wrong for the items of `location` (an array field): a number where a string or object goes. */
export function wrongItemFor(location: Location): unknown {
  const items = typeOf(filled(location.schema.items as JsonSchema));
  return items === 'number' || items === 'integer' ? 'not a number' : 7;
}

/** A valid log of `event`, with the value at `path` replaced by `value` (at `[]`: `value` itself). */
export function logWith(event: CatalogEvent, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const log = validPayload(event) as Record<string | number, unknown>;
  let parent = log;
  for (const step of path.slice(0, -1)) parent = (parent[step] ??= {}) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return log;
}

/** The value at `path` of `root` (plain objects only). */
export const valueAt = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], root);

/** A Proxy that has been revoked: every operation on it throws, `Array.isArray` too. */
export function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** The objects of a valid log of `event` a hostile value can stand in for: root, envelope, actor, details, nested details. */
export function levelsOf(event: CatalogEvent): { level: string; path: Path }[] {
  const objects = locationsOf(event).filter((location) => typeOf(location.schema) === 'object');
  const first = (test: (path: Path) => boolean) => objects.find(({ path }) => test(path))?.path;
  const levels: { level: string; path: Path | undefined }[] = [
    { level: 'root', path: [] },
    {
      level: 'envelope field',
      path: first((path) => path.length === 1 && path[0] !== 'actor' && path[0] !== event.type),
    },
    { level: 'actor', path: first((path) => path.length === 1 && path[0] === 'actor') },
    { level: 'inside the actor', path: first((path) => path.length === 2 && path[0] === 'actor') },
    { level: 'details', path: first((path) => path.length === 1 && path[0] === event.type) },
    { level: 'nested details', path: first((path) => path.length >= 2 && path[0] === event.type) },
  ];
  return levels.filter((level): level is { level: string; path: Path } => level.path !== undefined);
}

/** The fields of a valid log of `event` a getter can sit on: each envelope field, the details, a nested field. */
export function getterPlacesOf(event: CatalogEvent): Path[] {
  const paths = locationsOf(event)
    .map(({ path }) => path)
    .filter((path) => path.length === 1 || (path.length === 2 && (path[0] === 'actor' || path[0] === event.type)));
  return [['type'], ...paths];
}

export class HostileReadError extends Error {}

/**
 * A valid log of `event` whose field at `path` is a getter: it answers the field's valid value on
 * each read before the `nth`, and throws a `HostileReadError` on the `nth` and after.
 */
export function throwingOnRead(event: CatalogEvent, path: Path, nth: number): unknown {
  const log = validPayload(event) as Record<string | number, unknown>;
  const parent = valueAt(log, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  const value = parent[key];
  let reads = 0;
  Object.defineProperty(parent, key, {
    enumerable: true,
    configurable: true,
    get() {
      reads++;
      if (reads >= nth) throw new HostileReadError(`read ${reads} of ${path.join('.')}`);
      return value;
    },
  });
  return log;
}

/**
 * `value` behind Proxies, every object and array in it, that count each read (`get`) by the
 * path of the object and the key; `maxReads()` is the most any one property was read.
 */
export function countingProxy<T>(value: T): { proxy: T; reads: Map<string, number>; maxReads: () => number } {
  const reads = new Map<string, number>();
  const wrapped = new WeakMap<object, object>();
  const wrap = (node: unknown, path: string): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    let proxy = wrapped.get(node);
    if (proxy === undefined) {
      proxy = new Proxy(node, {
        get(target, key, receiver) {
          const place = `${path}/${String(key)}`;
          reads.set(place, (reads.get(place) ?? 0) + 1);
          return wrap(Reflect.get(target, key, receiver), place);
        },
      });
      wrapped.set(node, proxy);
    }
    return proxy;
  };
  return { proxy: wrap(value, '') as T, reads, maxReads: () => Math.max(0, ...reads.values()) };
}

/** An array of `length` (2**32 - 1 by default) with no items at all: every index a hole. */
export function sparseArray(length = 2 ** 32 - 1): unknown[] {
  const array: unknown[] = [];
  array.length = length;
  return array;
}

/** `count` copies of `item` in one array. */
export const manyOf = (count: number, item: unknown): unknown[] => new Array<unknown>(count).fill(item);

/** `{ a: { a: ... { a: leaf } } }`, `depth` levels, built without recursion. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

/** Bidi controls and invisible characters, as an attacker hides text with them. */
export const INVISIBLE = '\u202Egnp.exe\u202C\u200B\u200F\u2066x\u2069\uFEFF';
/** The bidi controls and invisible characters a terminal must never be sent raw. */
export const HIDDEN_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

/** A string of `length` characters cycling through the C0 controls (and DEL). */
export const controlString = (length: number): string =>
  '\u0000\u0001\u0007\u0008\u001b\u007f\r\n\t\u000b'.repeat(Math.ceil(length / 10)).slice(0, length);

/** One hostile value, ready to judge: what it is, the event whose guard judges it, and how to make it. */
export interface HostileValue {
  name: string;
  event: CatalogEvent;
  build: () => unknown;
  /** Whether the value is a valid audit log (a getter past its budget of reads still is). */
  valid: boolean;
  /** Whether it is valid when event types outside the catalog are accepted (default: `valid`). */
  validWhenUnknownAccepted?: boolean;
}

const host = catalog.find((event) => levelsOf(event).length === 6) ?? catalog[0]!;

/** Sizes of the heavy values: small for the unit table, the issue's for the fuzz project and the bench. */
export interface HostileSizes {
  /** Wrong items in one array field. */
  wrongItems: number;
  /** Characters of a huge `type` or `id`. */
  hugeString: number;
  /** Levels of nesting in an undocumented field. */
  depth: number;
}
export const SMALL: HostileSizes = { wrongItems: 10_000, hugeString: 100_000, depth: 5_000 };
export const ISSUE: HostileSizes = { wrongItems: 3_000_000, hugeString: 20_000_000, depth: 5_000 };

/** The hostile values of every class for `events` (all of the catalog by default). */
export function hostileValues(sizes: HostileSizes, events: readonly CatalogEvent[] = catalog): HostileValue[] {
  const out: HostileValue[] = [];
  for (const event of events) {
    for (const path of getterPlacesOf(event))
      for (const nth of [1, 2, 3])
        out.push({
          name: `${event.type}: a getter on ${path.join('.')} that throws on read ${nth}`,
          event,
          build: () => throwingOnRead(event, path, nth),
          valid: nth > 1,
        });
    for (const { level, path } of levelsOf(event))
      out.push({
        name: `${event.type}: a revoked Proxy as the ${level}${path.length > 0 ? ` (${path.join('.')})` : ''}`,
        event,
        build: () => logWith(event, path, revokedProxy()),
        valid: false,
      });
  }
  for (const location of ARRAY_FIELDS) {
    const where = `${location.event.type} ${location.path.join('.')}`;
    out.push({
      name: `a sparse array of length 2**32-1 in ${where}`,
      event: location.event,
      build: () => logWith(location.event, location.path, sparseArray()),
      valid: false,
    });
  }
  const [wrong] = ARRAY_FIELDS.filter((location) => location.path[0] === location.event.type);
  out.push(
    {
      name: `${sizes.wrongItems.toLocaleString('en-US')} wrong items in ${wrong!.event.type} ${wrong!.path.join('.')}`,
      event: wrong!.event,
      build: () => logWith(wrong!.event, wrong!.path, manyOf(sizes.wrongItems, wrongItemFor(wrong!))),
      valid: false,
    },
    {
      name: `a type of ${sizes.hugeString.toLocaleString('en-US')} U+0080 characters`,
      event: host,
      build: () => logWith(host, ['type'], '\u0080'.repeat(sizes.hugeString)),
      valid: false,
      validWhenUnknownAccepted: true,
    },
    {
      name: `an id of ${sizes.hugeString.toLocaleString('en-US')} control characters`,
      event: host,
      build: () => logWith(host, ['id'], controlString(sizes.hugeString)),
      valid: true,
    },
    {
      name: 'bidi controls and invisible characters in the id',
      event: host,
      build: () => logWith(host, ['id'], INVISIBLE),
      valid: true,
    },
    {
      name: 'bidi controls and invisible characters in the type',
      event: host,
      build: () => logWith(host, ['type'], `${host.type}${INVISIBLE}`),
      valid: false,
      validWhenUnknownAccepted: true,
    },
    {
      name: `${sizes.depth.toLocaleString('en-US')} levels of nesting in an undocumented field`,
      event: host,
      build: () => ({ ...(validPayload(host) as object), deep: nested(sizes.depth) }),
      valid: true,
    },
  );
  return out;
}

export { catalog, host as HOST_EVENT, type Json };

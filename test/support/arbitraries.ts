/**
 * fast-check arbitraries derived from the canonical schema, and one-mutation variants of what
 * they generate. Nothing here names an event or a field: every generator and every mutation site
 * comes from walking the schema, so a new event type or field is covered without editing a test.
 *
 * A schema location is handled as the conjunction of the schema nodes that apply to it (a
 * `$ref` plus its sibling keywords, a `oneOf` branch plus the keywords beside the `oneOf`).
 */
import fc from 'fast-check';
import { defs, schema as rootSchema, type JsonSchema } from '../../harness/schema.ts';
import { pointerOf } from '../../src/internal.ts';

export type Json = fc.JsonValue;
export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';
const ALL_TYPES: readonly JsonType[] = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'];

/** The JSON type of a JSON value; an integral number is `integer` (it is also a `number`). */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** Caches a function of an object (schema node or conjunction): the walk revisits the same ones for every value. */
function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}

/** Expands `$ref`s into the list of schema nodes that all apply (sibling keywords included). */
const expand = memo((node: JsonSchema): JsonSchema[] => {
  if (typeof node.$ref !== 'string') return [node];
  const { $ref, ...rest } = node;
  const target = $ref === '#' ? rootSchema : defs[$ref.slice('#/$defs/'.length)];
  if (target === undefined) throw new Error(`unresolvable $ref ${$ref}`);
  return [...expand(target), rest];
});

// A definition reached twice (a details key of both the variant and AuditLogDetails) is one constraint, not two.
const expandAll = memo((nodes: readonly JsonSchema[]) => [...new Set(nodes.flatMap(expand))]);

/** The branches of the first `anyOf`/`oneOf` among `parts`, each as its own conjunction, or null. */
const branchesOf = memo((parts: readonly JsonSchema[]): JsonSchema[][] | null => {
  const index = parts.findIndex((part) => Array.isArray(part.anyOf) || Array.isArray(part.oneOf));
  if (index < 0) return null;
  const part = parts[index]!;
  const { anyOf, oneOf, ...rest } = part;
  const others = [...parts.slice(0, index), rest, ...parts.slice(index + 1)];
  return ((anyOf ?? oneOf) as JsonSchema[]).map((branch) => [...others, ...expand(branch)]);
});

const typesOfPart = (part: JsonSchema): JsonType[] | null =>
  part.type === undefined ? null : ((Array.isArray(part.type) ? part.type : [part.type]) as JsonType[]);

/** The JSON types a value may have at a location (an integer is allowed wherever `number` is). */
export const allowedTypes = memo((parts: readonly JsonSchema[]): Set<JsonType> => {
  const branches = branchesOf(parts);
  if (branches) return new Set(branches.flatMap((branch) => [...allowedTypes(branch)]));
  let allowed = new Set<JsonType>(ALL_TYPES);
  for (const part of parts) {
    let types = typesOfPart(part);
    if (part.const !== undefined) types = [jsonTypeOf(part.const)];
    else if (Array.isArray(part.enum)) types = part.enum.map(jsonTypeOf);
    if (types === null) continue;
    if (types.includes('number')) types = [...types, 'integer'];
    allowed = new Set([...allowed].filter((type) => types.includes(type)));
  }
  return allowed;
});

/** Values a location is restricted to by `const`/`enum` (intersection), or null when unrestricted. */
const allowedValues = memo((parts: readonly JsonSchema[]): Json[] | null => {
  let values: Json[] | null = null;
  for (const part of parts) {
    const own =
      part.const !== undefined ? [part.const as Json] : Array.isArray(part.enum) ? (part.enum as Json[]) : null;
    if (own === null) continue;
    values = values === null ? own : values.filter((value) => own.includes(value));
  }
  return values;
});

/** Every value any `const`/`enum` at a location names (union): a replacement outside it breaks them all. */
function namedValues(parts: readonly JsonSchema[]): Json[] {
  return parts.flatMap((part) =>
    part.const !== undefined ? [part.const as Json] : Array.isArray(part.enum) ? (part.enum as Json[]) : [],
  );
}

/** The `items` schemas that apply to the elements of an array at a location. */
const itemsOf = memo((parts: readonly JsonSchema[]): JsonSchema[] =>
  parts.filter((part) => part.items !== undefined).map((part) => part.items as JsonSchema),
);

interface ObjectShape {
  /** Each documented property with the conjunction of nodes that apply to it. */
  properties: Map<string, JsonSchema[]>;
  required: Set<string>;
  /** Properties declared only by wide definitions (such as every details key): generated a few at a time. */
  wide: Set<string>;
}

/** Objects with more documented properties than this get them a few at a time, as real logs do. */
const WIDE = 10;

const objectShape = memo((parts: readonly JsonSchema[]): ObjectShape => {
  const properties = new Map<string, JsonSchema[]>();
  const narrow = new Set<string>();
  const required = new Set<string>();
  for (const part of parts) {
    const own = (part.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, sub] of Object.entries(own)) {
      properties.set(name, [...(properties.get(name) ?? []), sub]);
      if (Object.keys(own).length <= WIDE) narrow.add(name);
    }
    for (const name of (part.required ?? []) as string[]) required.add(name);
  }
  const wide = new Set([...properties.keys()].filter((name) => !narrow.has(name) && !required.has(name)));
  return { properties, required, wide };
});

/** Keys for undocumented properties, with the ones that trip naive code on `__proto__` and friends. */
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const extraKey = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
);

/** Any JSON value, small. */
export const smallJson = (depth = 2): fc.Arbitrary<Json> => fc.jsonValue({ maxDepth: depth, depthSize: 'small' });

/** An object made of entries as `JSON.parse` would make it: `__proto__` is an own data property. */
const fromEntries = (entries: readonly (readonly [string, Json])[]): { [key: string]: Json } =>
  Object.fromEntries(entries);

const smallValue = smallJson();
const freeObject = fc
  .uniqueArray(fc.tuple(extraKey, smallValue), { maxLength: 3, selector: ([key]) => key })
  .map(fromEntries);

const integers: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  // Integral doubles beyond the safe range are still JSON Schema integers.
  fc.constantFrom(0, -0, 2 ** 53, -(2 ** 53), 1e21, 1e308, -1e308),
);
const nonIntegers = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value));
const strings = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 8 }));

const byType: Record<JsonType, fc.Arbitrary<Json>> = {
  null: fc.constant(null),
  boolean: fc.boolean(),
  integer: integers,
  number: nonIntegers,
  string: strings,
  array: fc.array(smallJson(1), { maxLength: 3 }),
  object: freeObject,
};

/** A JSON value whose JSON type is not in `allowed` (a non-integral number is not an `integer`). */
export const valueOfOtherType = memo((allowed: ReadonlySet<JsonType>): fc.Arbitrary<Json> => {
  const others = ALL_TYPES.filter((type) => !allowed.has(type) && !(type === 'integer' && allowed.has('number')));
  if (others.length === 0) throw new Error('every JSON type is allowed here');
  return fc.oneof(...others.map((type) => byType[type]));
});

/** A string outside `values`: near misses of the allowed ones, or anything else. */
export function stringOutside(values: readonly Json[]): fc.Arbitrary<string> {
  const named = values.filter((value): value is string => typeof value === 'string');
  const nearMisses =
    named.length === 0
      ? fc.string()
      : fc
          .constantFrom(...named)
          .chain((value) =>
            fc.constantFrom(
              value.toUpperCase(),
              `${value} `,
              value.slice(0, -1),
              value.replace(/[._]/, '-'),
              `${value}s`,
            ),
          );
  return fc.oneof(nearMisses, fc.string()).filter((candidate) => !values.includes(candidate));
}

/** Valid values for the conjunction `parts`. */
function arbitraryOfParts(parts: readonly JsonSchema[]): fc.Arbitrary<Json> {
  const branches = branchesOf(parts);
  if (branches) return fc.oneof(...branches.map((branch) => arbitraryOfParts(branch)));
  const values = allowedValues(parts);
  if (values !== null) {
    if (values.length === 0) throw new Error('no value satisfies every const/enum here');
    return fc.constantFrom(...values);
  }
  const types = [...allowedTypes(parts)];
  return fc.oneof(...types.map((type) => arbitraryOfType(type, parts)));
}

function arbitraryOfType(type: JsonType, parts: readonly JsonSchema[]): fc.Arbitrary<Json> {
  if (type === 'array') {
    const items = itemsOf(parts);
    const item =
      items.length === 1
        ? arbitraryOf(items[0]!)
        : items.length > 0
          ? arbitraryOfParts(expandAll(items))
          : smallJson(1);
    return fc.array(item, { maxLength: 4 });
  }
  if (type !== 'object') return byType[type];
  const shape = objectShape(parts);
  // A free-form object (no documented properties) holds anything.
  if (shape.properties.size === 0) return freeObject;
  const entries = new Map(
    [...shape.properties].map(([name, nodes]) => {
      const values = nodes.length === 1 ? arbitraryOf(nodes[0]!) : arbitraryOfParts(expandAll(nodes));
      return [name, values.map((value) => [name, value] as const)] as const;
    }),
  );
  const entry = (name: string) => entries.get(name)!;
  const names = [...shape.properties.keys()];
  const required = names.filter((name) => shape.required.has(name)).map(entry);
  const optional = names
    .filter((name) => !shape.required.has(name) && !shape.wide.has(name))
    .map((name) => fc.option(entry(name), { nil: undefined, freq: 3 }));
  const wide = [...shape.wide];
  const wideEntries =
    wide.length === 0
      ? fc.constant([])
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant([]) },
          {
            weight: 1,
            arbitrary: fc
              .subarray(wide, { minLength: 1, maxLength: 2 })
              .chain((chosen) => fc.tuple(...chosen.map(entry))),
          },
        );
  const extras = fc.uniqueArray(
    fc.tuple(
      extraKey.filter((key) => !shape.properties.has(key)),
      smallValue,
    ),
    { maxLength: 2, selector: ([key]) => key },
  );
  return fc
    .tuple(fc.tuple(...required), fc.tuple(...optional), wideEntries, extras, fc.boolean())
    .map(([req, opt, wideChosen, extra, extrasFirst]) => {
      const documented = [...req, ...opt.filter((item) => item !== undefined), ...wideChosen];
      // Undocumented keys sometimes come first, so order-sensitive code would be exercised.
      return fromEntries(extrasFirst ? [...extra, ...documented] : [...documented, ...extra]);
    });
}

const cache = new Map<JsonSchema, fc.Arbitrary<Json>>();

/** Valid values for a schema node (`rootSchema` for an audit log, `defs.ListAuditLogsResponse` for a page). */
export function arbitraryOf(node: JsonSchema): fc.Arbitrary<Json> {
  let arbitrary = cache.get(node);
  if (arbitrary === undefined) {
    arbitrary = arbitraryOfParts(expand(node));
    cache.set(node, arbitrary);
  }
  return arbitrary;
}

export type MutationKind = 'type' | 'required' | 'enum' | 'details';

export interface MutationSite {
  kind: MutationKind;
  /** Path of the value to change (or of the property to remove). */
  path: (string | number)[];
  /** The replacement values (built on demand), absent for `required`: the property is removed. */
  replacement?: () => fc.Arbitrary<Json>;
}

const isPlainObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `value` passes the shallow checks of a branch: its JSON type and the `const`s of its properties. */
function branchFits(value: Json, branch: readonly JsonSchema[]): boolean {
  const type = jsonTypeOf(value);
  const allowed = allowedTypes(branch);
  if (!allowed.has(type) && !(type === 'integer' && allowed.has('number'))) return false;
  if (!isPlainObject(value)) return true;
  for (const [name, sub] of objectShape(branch).properties) {
    const values = allowedValues(expandAll(sub));
    if (values !== null && Object.prototype.hasOwnProperty.call(value, name) && !values.includes(value[name]!))
      return false;
  }
  return true;
}

const DETAILS_KEYS = new Set(Object.keys(defs.AuditLogDetails!.properties ?? {}));

const isLogShape = memo((shape: ObjectShape) => [...DETAILS_KEYS].every((key) => shape.properties.has(key)));

/** Every place where one change makes a valid `value` of `node` invalid, with the kind of change. */
export function mutationSites(node: JsonSchema, value: Json): MutationSite[] {
  const sites: MutationSite[] = [];
  const siteKind = (path: (string | number)[], parentIsLog: boolean): MutationKind =>
    parentIsLog && DETAILS_KEYS.has(String(path.at(-1))) ? 'details' : 'type';
  /**
   * `judged`: the location's JSON types were already offered for a type change (above a branch,
   * against the union of all branches); `named`: the const/enum values of the other branches, which
   * a replacement must avoid too.
   */
  const walk = (
    parts: JsonSchema[],
    current: Json,
    path: (string | number)[],
    parentIsLog: boolean,
    judged = false,
    named: Json[] = [],
  ): void => {
    const allowed = allowedTypes(parts);
    if (!judged && allowed.size < ALL_TYPES.length)
      sites.push({ kind: siteKind(path, parentIsLog), path, replacement: () => valueOfOtherType(allowed) });
    const branches = branchesOf(parts);
    if (branches) {
      const branch = branches.find((candidate) => branchFits(current, candidate));
      if (branch === undefined) throw new Error(`no branch fits the value at ${pointerOf(path)}`);
      walk(branch, current, path, parentIsLog, true, [...named, ...branches.flatMap(namedValues)]);
      return;
    }
    if (allowedValues(parts) !== null)
      sites.push({ kind: 'enum', path, replacement: () => stringOutside([...named, ...namedValues(parts)]) });
    walkInside(parts, current, path);
  };
  const walkInside = (parts: JsonSchema[], current: Json, path: (string | number)[]): void => {
    if (Array.isArray(current)) {
      const items = itemsOf(parts);
      if (items.length > 0) current.forEach((item, index) => walk(expandAll(items), item, [...path, index], false));
      return;
    }
    if (!isPlainObject(current)) return;
    const shape = objectShape(parts);
    const isLog = isLogShape(shape);
    for (const [name, sub] of shape.properties) {
      if (!Object.prototype.hasOwnProperty.call(current, name)) continue;
      if (shape.required.has(name)) sites.push({ kind: 'required', path: [...path, name] });
      walk(expandAll(sub), current[name]!, [...path, name], isLog);
    }
  };
  walk(expand(node), value, [], false);
  return sites;
}

/** A copy of `value` with the value at `path` replaced (or removed when `replacement` is absent). */
export function applyMutation(value: Json, path: readonly (string | number)[], replacement?: Json): Json {
  if (path.length === 0) return replacement!;
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (replacement === undefined) delete parent[last];
  // defineProperty, so that a `__proto__` segment stays an own data property as JSON.parse makes it.
  else
    Object.defineProperty(parent, last, { value: replacement, writable: true, enumerable: true, configurable: true });
  return copy;
}

export interface GeneratedCase {
  value: Json;
  /** Whether the value is valid by construction: generated valid, or valid and changed once. */
  valid: boolean;
  mutation?: { kind: MutationKind; pointer: string };
}

/** One valid value of `node` out of four; the others are valid values changed at one mutation site (kind drawn first). */
export function caseOf(node: JsonSchema): fc.Arbitrary<GeneratedCase> {
  const valid = arbitraryOf(node);
  const mutated = valid.chain((value) => {
    // The kind is drawn first, so that the rarer kinds (enum, details) are not swamped by type changes.
    const byKind = new Map<MutationKind, MutationSite[]>();
    for (const site of mutationSites(node, value)) byKind.set(site.kind, [...(byKind.get(site.kind) ?? []), site]);
    return fc
      .constantFrom(...byKind.values())
      .chain((sites) => fc.constantFrom(...sites))
      .chain((site) =>
        (site.replacement?.() ?? fc.constant(undefined)).map((replacement): GeneratedCase => ({
          value: applyMutation(value, site.path, replacement),
          valid: false,
          mutation: { kind: site.kind, pointer: pointerOf(site.path) },
        })),
      );
  });
  return fc.oneof(
    { weight: 1, arbitrary: valid.map((value): GeneratedCase => ({ value, valid: true })) },
    { weight: 3, arbitrary: mutated },
  );
}

export const MUTATION_KINDS: readonly MutationKind[] = ['type', 'required', 'enum', 'details'];

/**
 * Every event type × every kind of change, listed explicitly so that coverage never depends on the
 * number of fuzzing runs. Each starts from `base(event)` (a valid log), which should carry a
 * details object, its own or another event's, so that every kind has a site. The site chosen is
 * the first of its kind inside the event's own details object when there is one, else the first
 * of its kind; the replacement is the first value its arbitrary draws for `seed`.
 */
export function explicitCases<E extends { type: string }>(
  events: readonly E[],
  base: (event: E) => Json,
  seed: number,
): { event: E; kind: MutationKind; case: GeneratedCase }[] {
  return events.flatMap((event) => {
    const value = base(event);
    const sites = mutationSites(rootSchema, value);
    return MUTATION_KINDS.map((kind) => {
      const ofKind = sites.filter((site) => site.kind === kind);
      const site = ofKind.find((candidate) => candidate.path[0] === event.type) ?? ofKind[0];
      if (site === undefined) throw new Error(`${event.type}: its base log offers no site for a "${kind}" change`);
      const [replacement] = site.replacement ? fc.sample(site.replacement(), { seed, numRuns: 1 }) : [undefined];
      return {
        event,
        kind,
        case: {
          value: applyMutation(value, site.path, replacement),
          valid: false,
          mutation: { kind, pointer: pointerOf(site.path) },
        },
      };
    });
  });
}

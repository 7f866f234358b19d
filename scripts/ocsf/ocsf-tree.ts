/**
 * Reads an OCSF schema tree (../shared/ocsf-schema-1.8.0: version.json, categories.json,
 * dictionary.json, events/, objects/, profiles/) and resolves what a class or an object holds:
 * its own attributes over its parents' (`extends`), the attributes of the files it `$include`s
 * (a file under profiles/ marks its attributes with that profile), enums merged by adding values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export type Json = { [key: string]: unknown };

/** One attribute of a class or an object, as resolved (the dictionary's entry under it). */
export interface OcsfAttribute {
  name: string;
  requirement: 'required' | 'recommended' | 'optional';
  /** The dictionary type: a scalar (`string_t`, ...) or an object name. */
  type: string;
  isArray: boolean;
  /** Enum values by key (ids for integer attributes), with their captions. */
  enum?: Record<string, string>;
  /** The profile the attribute comes from, when it is not part of the class or object itself. */
  profile?: string;
}

export interface OcsfDefinition {
  name: string;
  caption: string;
  attributes: OcsfAttribute[];
  /** `at_least_one` / `just_one` constraints over attribute names. */
  constraints: { atLeastOne?: string[]; justOne?: string[] };
}

export interface OcsfClass extends OcsfDefinition {
  uid: number;
  category: { name: string; uid: number; caption: string };
}

export interface OcsfTree {
  version: string;
  root: string;
  classes: Map<string, Json>;
  objects: Map<string, Json>;
  dictionary: Json;
  categories: Record<string, Json>;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Json;

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? jsonFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .filter((path) => path.endsWith('.json'))
    .sort();
}

export function readTree(root: string): OcsfTree {
  const byName = (dir: string) =>
    new Map(jsonFiles(join(root, dir)).map((path) => [readJson(path).name as string, readJson(path)]));
  return {
    version: readJson(join(root, 'version.json')).version as string,
    root,
    classes: byName('events'),
    objects: byName('objects'),
    dictionary: readJson(join(root, 'dictionary.json')),
    categories: readJson(join(root, 'categories.json')).attributes as Record<string, Json>,
  };
}

/** An attribute entry as the files write it, before the dictionary is consulted. */
type Entry = Json & { profile?: string | null };

/** The attribute entries of a file's `attributes`, its `$include`s first (marked by profile), then its own. */
function entriesOf(tree: OcsfTree, file: Json): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const attributes = (file.attributes ?? {}) as Json;
  for (const include of (attributes.$include ?? []) as string[]) {
    const included = readJson(join(tree.root, include));
    const profile = relative('profiles', include).startsWith('..') ? undefined : (included.name as string);
    for (const [name, entry] of entriesOf(tree, included)) entries.set(name, profile ? { profile, ...entry } : entry);
  }
  for (const [name, entry] of Object.entries(attributes)) {
    if (name !== '$include') entries.set(name, merge(entries.get(name), entry as Entry));
  }
  return entries;
}

/** A refinement over what it refines: keys replaced, enum values added. */
function merge(base: Entry | undefined, refinement: Entry): Entry {
  if (base === undefined) return refinement;
  const merged: Entry = { ...base, ...refinement };
  if (base.enum || refinement.enum) merged.enum = { ...(base.enum as Json), ...(refinement.enum as Json) };
  return merged;
}

/** Every entry of a class or object and its parents, parents first. */
function chainEntries(
  tree: OcsfTree,
  kind: 'classes' | 'objects',
  name: string,
): { file: Json; entries: Map<string, Entry> } {
  const file = tree[kind].get(name);
  if (file === undefined)
    throw new Error(`${tree.root}: no OCSF ${kind === 'classes' ? 'class' : 'object'} named "${name}"`);
  const parent = file.extends as string | undefined;
  const inherited =
    parent && tree[kind].has(parent) ? chainEntries(tree, kind, parent).entries : new Map<string, Entry>();
  for (const [key, entry] of entriesOf(tree, file)) inherited.set(key, merge(inherited.get(key), entry));
  return { file, entries: inherited };
}

function constraintsOf(tree: OcsfTree, kind: 'classes' | 'objects', name: string): Json {
  const file = tree[kind].get(name)!;
  if (file.constraints) return file.constraints as Json;
  const parent = file.extends as string | undefined;
  return parent && tree[kind].has(parent) ? constraintsOf(tree, kind, parent) : {};
}

/** One attribute resolved against the dictionary: its type, arrayness, enum and requirement. */
function attributeOf(tree: OcsfTree, name: string, entry: Entry): OcsfAttribute {
  const dictionary = ((tree.dictionary.attributes as Json)[name] ?? {}) as Json;
  const type = (entry.type ?? dictionary.type) as string | undefined;
  if (type === undefined) throw new Error(`${tree.root}/dictionary.json: attribute "${name}" has no type`);
  const values = { ...(dictionary.enum as Json | undefined), ...(entry.enum as Json | undefined) };
  const captions = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, (value as Json).caption as string]),
  );
  const profile = typeof entry.profile === 'string' ? entry.profile : undefined;
  return {
    name,
    requirement: (entry.requirement ?? 'optional') as OcsfAttribute['requirement'],
    type,
    isArray: Boolean(entry.is_array ?? dictionary.is_array),
    ...(Object.keys(captions).length > 0 ? { enum: captions } : {}),
    ...(profile ? { profile } : {}),
  };
}

function definitionOf(tree: OcsfTree, kind: 'classes' | 'objects', name: string): OcsfDefinition {
  const { file, entries } = chainEntries(tree, kind, name);
  const constraints = constraintsOf(tree, kind, name);
  return {
    name,
    caption: file.caption as string,
    attributes: [...entries]
      .map(([attribute, entry]) => attributeOf(tree, attribute, entry))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    constraints: {
      ...(constraints.at_least_one ? { atLeastOne: constraints.at_least_one as string[] } : {}),
      ...(constraints.just_one ? { justOne: constraints.just_one as string[] } : {}),
    },
  };
}

export function resolveObject(tree: OcsfTree, name: string): OcsfDefinition {
  return definitionOf(tree, 'objects', name);
}

/** A class with its uid (category uid × 1000 + the class's own uid) and its category. */
export function resolveClass(tree: OcsfTree, name: string): OcsfClass {
  const definition = definitionOf(tree, 'classes', name);
  let file = tree.classes.get(name)!;
  while (file.category === undefined && typeof file.extends === 'string') file = tree.classes.get(file.extends)!;
  const categoryName = file.category as string;
  const category = tree.categories[categoryName];
  const own = tree.classes.get(name)!.uid;
  if (category === undefined || typeof own !== 'number')
    throw new Error(`${tree.root}: class "${name}" has no uid or no category in categories.json`);
  const categoryUid = category.uid as number;
  return {
    ...definition,
    uid: categoryUid * 1000 + own,
    category: { name: categoryName, uid: categoryUid, caption: category.caption as string },
  };
}

/** The scalar JSON type of a dictionary type (`timestamp_t` -> long_t -> integer), or undefined for an object. */
export function scalarJsonType(tree: OcsfTree, type: string): string | null | undefined {
  const types = (tree.dictionary.types as Json).attributes as Json;
  const base: Record<string, string | null> = {
    string_t: 'string',
    integer_t: 'integer',
    long_t: 'integer',
    float_t: 'number',
    boolean_t: 'boolean',
    json_t: null,
  };
  for (let current: string | undefined = type; current !== undefined;) {
    if (current in base) return base[current];
    const next = types[current] as Json | undefined;
    if (next === undefined) return undefined;
    current = next.type as string | undefined;
    if (current === undefined) throw new Error(`${tree.root}/dictionary.json: type "${type}" has no base type`);
  }
  return undefined;
}

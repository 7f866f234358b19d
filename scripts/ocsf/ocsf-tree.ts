/**
 * Reads an OCSF schema tree (../shared/ocsf-schema-1.8.0: version.json, categories.json,
 * dictionary.json, events/, objects/, profiles/) and resolves what a class or an object holds:
 * its own attributes over its parents' (`extends`), the attributes of the files it `$include`s
 * (a file under profiles/ marks its attributes with that profile), enums merged by adding values.
 * `treeOf` builds the tree from files already read (the tests give it tiny trees in memory);
 * what does not resolve (a parent, an included file, a class or object asked for) fails, naming
 * the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

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

/** One file of the tree: where it is (for messages) and what it holds. */
export interface OcsfFile {
  path: string;
  json: Json;
}

export interface OcsfTree {
  version: string;
  root: string;
  /** Every file by its path relative to the root, `/`-separated (`profiles/cloud.json`): what `$include` names. */
  files: ReadonlyMap<string, Json>;
  classes: Map<string, OcsfFile>;
  objects: Map<string, OcsfFile>;
  dictionary: Json;
  categories: Record<string, Json>;
}

/** What the tree is made of: the three top files and the folders of classes, objects and profiles. */
const TOP_FILES = ['version.json', 'categories.json', 'dictionary.json'];
const FOLDERS = ['events', 'objects', 'profiles'];

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? jsonFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .filter((path) => path.endsWith('.json'))
    .sort();
}

/** The tree from `files` (relative path to content); `root` names it in messages. */
export function treeOf(root: string, files: ReadonlyMap<string, Json>): OcsfTree {
  const top = (name: string): Json => {
    const file = files.get(name);
    if (file === undefined) throw new Error(`${root}: no ${name}`);
    return file;
  };
  const byName = (dir: string) => {
    const named = new Map<string, OcsfFile>();
    for (const [path, json] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!path.startsWith(`${dir}/`)) continue;
      if (typeof json.name !== 'string') throw new Error(`${root}/${path}: no "name"`);
      named.set(json.name, { path: `${root}/${path}`, json });
    }
    return named;
  };
  return {
    version: top('version.json').version as string,
    root,
    files,
    classes: byName('events'),
    objects: byName('objects'),
    dictionary: top('dictionary.json'),
    categories: top('categories.json').attributes as Record<string, Json>,
  };
}

/** Reads the tree at `root` from disk. */
export function readTree(root: string): OcsfTree {
  const files = new Map<string, Json>();
  const read = (path: string) =>
    files.set(relative(root, path).split(sep).join(posix.sep), JSON.parse(readFileSync(path, 'utf8')) as Json);
  for (const name of TOP_FILES) read(join(root, name));
  for (const dir of FOLDERS) jsonFiles(join(root, dir)).forEach(read);
  return treeOf(root, files);
}

/** An attribute entry as the files write it, before the dictionary is consulted. */
type Entry = Json & { profile?: string | null };

/** The attribute entries of a file's `attributes`, its `$include`s first (marked by profile), then its own. */
function entriesOf(tree: OcsfTree, file: OcsfFile): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const attributes = (file.json.attributes ?? {}) as Json;
  for (const include of (attributes.$include ?? []) as string[]) {
    const included = tree.files.get(include);
    if (included === undefined)
      throw new Error(`${file.path}: attributes.$include names "${include}", which is no file of the tree`);
    const profile = include.startsWith('profiles/') ? (included.name as string) : undefined;
    const path = `${tree.root}/${include}`;
    for (const [name, entry] of entriesOf(tree, { path, json: included }))
      entries.set(name, profile ? { profile, ...entry } : entry);
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

type Kind = 'classes' | 'objects';
const noun = (kind: Kind) => (kind === 'classes' ? 'class' : 'object');

/** The file of a class or object and those of its parents (`extends`), itself first. */
function chainOf(tree: OcsfTree, kind: Kind, name: string): OcsfFile[] {
  const first = tree[kind].get(name);
  if (first === undefined) throw new Error(`${tree.root}: no OCSF ${noun(kind)} named "${name}"`);
  const chain = [first];
  for (let file = first; file.json.extends !== undefined;) {
    const extended = JSON.stringify(file.json.extends);
    const parent = tree[kind].get(file.json.extends as string);
    if (parent === undefined) throw new Error(`${file.path}: extends ${extended}, which is no OCSF ${noun(kind)}`);
    if (chain.includes(parent)) throw new Error(`${file.path}: extends ${extended} in a cycle`);
    chain.push(parent);
    file = parent;
  }
  return chain;
}

/** Every entry of a class or object and its parents, parents first. */
function chainEntries(chain: readonly OcsfFile[], tree: OcsfTree): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const file of [...chain].reverse())
    for (const [key, entry] of entriesOf(tree, file)) entries.set(key, merge(entries.get(key), entry));
  return entries;
}

/** One attribute of `owner` resolved against the dictionary: its type, arrayness, enum and requirement. */
function attributeOf(tree: OcsfTree, owner: OcsfFile, name: string, entry: Entry): OcsfAttribute {
  const dictionary = ((tree.dictionary.attributes as Json)[name] ?? {}) as Json;
  const type = (entry.type ?? dictionary.type) as string | undefined;
  if (type === undefined) throw new Error(`${tree.root}/dictionary.json: attribute "${name}" has no type`);
  if (scalarJsonType(tree, type) === undefined && !tree.objects.has(type))
    throw new Error(
      `${owner.path}: attribute "${name}" has type "${type}", which is neither a type of dictionary.json nor an OCSF object`,
    );
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

function definitionOf(tree: OcsfTree, kind: Kind, name: string): OcsfDefinition {
  const chain = chainOf(tree, kind, name);
  const entries = chainEntries(chain, tree);
  // The nearest file that states constraints gives them all.
  const constraints = (chain.find((file) => file.json.constraints)?.json.constraints ?? {}) as Json;
  return {
    name,
    caption: chain[0]!.json.caption as string,
    attributes: [...entries]
      .map(([attribute, entry]) => attributeOf(tree, chain[0]!, attribute, entry))
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
  const chain = chainOf(tree, 'classes', name);
  const categoryName = chain.find((file) => file.json.category !== undefined)?.json.category as string;
  const category = tree.categories[categoryName];
  const own = chain[0]!.json.uid;
  if (category === undefined || typeof own !== 'number')
    throw new Error(`${chain[0]!.path}: class "${name}" has no uid or no category in categories.json`);
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

/**
 * A tiny OCSF schema tree in memory for the compiler's tests, in the layout of the real one
 * (version.json, categories.json, dictionary.json, events/, objects/, profiles/): a few attributes
 * and dictionary types of each kind, and no class or object until a test adds its files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileOcsf } from '../../../scripts/ocsf/compile-ocsf.ts';
import { treeOf, type Json, type OcsfTree } from '../../../scripts/ocsf/ocsf-tree.ts';

/** The name the tree goes by in messages, as a directory would. */
export const ROOT = 'tiny';

const caption = (text: string) => ({ caption: text, description: `${text}, described.` });

const BASE: Record<string, Json> = {
  'version.json': { version: '0.1.0-tiny' },
  'categories.json': { attributes: { iam: { uid: 3, caption: 'Identity & Access Management' } } },
  'dictionary.json': {
    attributes: {
      activity_id: { type: 'integer_t', enum: { 0: caption('Unknown'), 99: caption('Other') } },
      category_uid: { type: 'integer_t' },
      class_uid: { type: 'integer_t' },
      data: { type: 'json_t' },
      device: { type: 'device' },
      email_addr: { type: 'email_t' },
      labels: { type: 'string_t', is_array: true },
      name: { type: 'string_t' },
      port: { type: 'port_t' },
      region: { type: 'string_t' },
      status_id: { type: 'integer_t', enum: { 0: caption('Unknown'), 1: caption('Success') } },
      time: { type: 'timestamp_t' },
      uid: { type: 'string_t' },
      user: { type: 'user' },
    },
    types: {
      attributes: {
        boolean_t: caption('Boolean'),
        email_t: { ...caption('Email'), type: 'string_t' },
        float_t: caption('Float'),
        integer_t: caption('Integer'),
        json_t: caption('JSON'),
        long_t: caption('Long'),
        port_t: { ...caption('Port'), type: 'integer_t', range: [0, 65535] },
        string_t: caption('String'),
        timestamp_t: { ...caption('Timestamp'), type: 'long_t' },
      },
    },
  },
};

/** The files of a tiny tree: the base ones, with `files` added or put in their place. */
export const tinyFiles = (files: Record<string, Json>): Map<string, Json> =>
  new Map(Object.entries({ ...BASE, ...files }));

export const tinyTree = (files: Record<string, Json>): OcsfTree => treeOf(ROOT, tinyFiles(files));

/** What a test compiles: the files it adds, the classes and objects to compile, the part of the result it reads. */
export interface Compiled {
  files: Record<string, Json>;
  classes?: string[];
  objects?: string[];
  /** Keys into the compiled schema: `['$defs', 'object.user']`. */
  at: string[];
}

/** The part `at` of the schema compiled from a tiny tree. */
export function compiledPart({ files, classes = [], objects = [], at }: Compiled): unknown {
  const schema = compileOcsf(tinyTree(files), { classes, objects });
  return at.reduce<unknown>((node, key) => (node as Json)[key], schema);
}

/** The error message of compiling a tiny tree, or 'compiled' when it compiles. */
export function compileError({ files, classes = [], objects = [] }: Omit<Compiled, 'at'>): string {
  try {
    compileOcsf(tinyTree(files), { classes, objects });
    return 'compiled';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Writes a tiny tree with `files` into `dir`, as the real tree lies on disk (its three folders, even empty). */
export function writeTinyTree(dir: string, files: Record<string, Json>): void {
  for (const folder of ['events', 'objects', 'profiles']) mkdirSync(join(dir, folder), { recursive: true });
  for (const [path, json] of tinyFiles(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(json));
  }
}

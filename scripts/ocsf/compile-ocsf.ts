/**
 * `npm run ocsf`: compiles the OCSF classes and objects this package emits from the OCSF schema
 * tree in ../shared/ocsf-schema-1.8.0 into one JSON Schema, schema/ocsf-1.8.0.schema.json, which
 * the project commits (so that build and tests need no ../shared). Facts only: attribute names,
 * JSON types, requirements, enum ids and the captions OCSF gives its names (class, activity,
 * status, severity), never a description. `extends` chains, `$include`d profiles and dictionary
 * types are resolved. A class or object we emit is closed (`additionalProperties: false`); an
 * object we do not emit is any object. `npm run ocsf -- --check` writes nothing and exits 1 when the
 * committed file differs; `--source <dir>` reads another tree. Exit 2: a usage error or a tree
 * that cannot be read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isMain } from '../shared/is-main.ts';
import { UsageError } from '../shared/usage-error.ts';
import {
  readTree,
  resolveClass,
  resolveObject,
  scalarJsonType,
  type Json,
  type OcsfAttribute,
  type OcsfDefinition,
  type OcsfTree,
} from './ocsf-tree.ts';

export const OCSF_SOURCE = '../shared/ocsf-schema-1.8.0';
export const OCSF_SCHEMA_FILE = 'schema/ocsf-1.8.0.schema.json';

/** The classes the meaning rule names (src/internal/meaning.ts): the IAM category's. */
export const EMITTED_CLASSES = [
  'account_change',
  'authentication',
  'authorize_session',
  'entity_management',
  'user_access',
  'group_management',
];
/** The objects `toOcsf` writes, checked attribute by attribute; any other object stays open. */
export const EMITTED_OBJECTS = [
  'actor',
  'autonomous_system',
  'cloud',
  'group',
  'http_request',
  'location',
  'managed_entity',
  'metadata',
  'network_endpoint',
  'organization',
  'product',
  'service',
  'user',
];

/** What to compile: the classes and the objects checked attribute by attribute (the tests compile tiny trees). */
export interface Emitted {
  classes: readonly string[];
  objects: readonly string[];
}

const EMITTED: Emitted = { classes: EMITTED_CLASSES, objects: EMITTED_OBJECTS };

const defName = (kind: 'class' | 'object', name: string) => `${kind}.${name}`;

function attributeSchema(tree: OcsfTree, emitted: Emitted, attribute: OcsfAttribute): Json {
  const scalar = scalarJsonType(tree, attribute.type);
  let item: Json;
  if (scalar === undefined)
    item = emitted.objects.includes(attribute.type)
      ? { $ref: `#/$defs/${defName('object', attribute.type)}` }
      : { type: 'object', 'x-ocsf-object': attribute.type };
  else item = scalar === null ? {} : { type: scalar };
  if (attribute.enum && scalar !== undefined) {
    const keys = Object.keys(attribute.enum);
    item.enum = scalar === 'integer' ? keys.map(Number).sort((a, b) => a - b) : keys.sort();
    item['x-ocsf-captions'] = attribute.enum;
  }
  const schema: Json = attribute.isArray ? { type: 'array', items: item } : item;
  return {
    'x-ocsf-type': attribute.type,
    ...(attribute.requirement !== 'optional' ? { 'x-ocsf-requirement': attribute.requirement } : {}),
    ...(attribute.profile ? { 'x-ocsf-profile': attribute.profile } : {}),
    ...schema,
  };
}

/**
 * A class or object as a closed JSON Schema object: its attributes, the required ones (a
 * profile's requirements apply only where the profile is used, so they stay optional) and its
 * constraints (`at_least_one` as anyOf, `just_one` as oneOf, of `required`).
 */
function definitionSchema(tree: OcsfTree, emitted: Emitted, definition: OcsfDefinition, extra: Json = {}): Json {
  const properties = Object.fromEntries(
    definition.attributes.map((attribute) => [attribute.name, attributeSchema(tree, emitted, attribute)]),
  );
  const required = definition.attributes
    .filter((attribute) => attribute.requirement === 'required' && !attribute.profile)
    .map((attribute) => attribute.name);
  const oneOf = (names: string[]) => names.filter((name) => name in properties).map((name) => ({ required: [name] }));
  const { atLeastOne, justOne } = definition.constraints;
  return {
    title: definition.caption,
    type: 'object',
    ...extra,
    properties: { ...properties, ...(extra.properties as Json | undefined) },
    required,
    ...(atLeastOne ? { anyOf: oneOf(atLeastOne) } : {}),
    ...(justOne ? { oneOf: oneOf(justOne) } : {}),
    additionalProperties: false,
  };
}

/** The whole compiled schema: one definition per emitted class (by its uid as well) and object. */
export function compileOcsf(tree: OcsfTree, emitted: Emitted = EMITTED): Json {
  const defs: Json = {};
  const classes: Json = {};
  for (const name of emitted.classes) {
    const resolved = resolveClass(tree, name);
    const activityIds = resolved.attributes.find((attribute) => attribute.name === 'activity_id')?.enum;
    if (activityIds === undefined)
      throw new Error(`${tree.classes.get(name)!.path}: class "${name}" has no activity_id enum`);
    const activities = Object.keys(activityIds).map(Number);
    defs[defName('class', name)] = definitionSchema(tree, emitted, resolved, {
      'x-ocsf-class-uid': resolved.uid,
      'x-ocsf-category': {
        name: resolved.category.name,
        uid: resolved.category.uid,
        caption: resolved.category.caption,
      },
      properties: {
        class_uid: { 'x-ocsf-type': 'integer_t', 'x-ocsf-requirement': 'required', const: resolved.uid },
        category_uid: { 'x-ocsf-type': 'integer_t', 'x-ocsf-requirement': 'required', const: resolved.category.uid },
        type_uid: {
          'x-ocsf-type': 'long_t',
          'x-ocsf-requirement': 'required',
          enum: activities.sort((a, b) => a - b).map((activity) => resolved.uid * 100 + activity),
        },
      },
    });
    classes[String(resolved.uid)] = `#/$defs/${defName('class', name)}`;
  }
  for (const name of emitted.objects)
    defs[defName('object', name)] = definitionSchema(tree, emitted, resolveObject(tree, name));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $comment: `Compiled by \`npm run ocsf\` (scripts/ocsf) from the OCSF schema ${tree.version} tree; do not edit. Facts only: names, types, requirements, enum ids and captions.`,
    'x-ocsf-version': tree.version,
    'x-ocsf-classes': classes,
    $defs: defs,
  };
}

export function printOcsfSchema(schema: Json): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

interface OcsfOptions {
  check: boolean;
  source: string;
}

export function parseOcsfArgs(argv: readonly string[]): OcsfOptions {
  const options: OcsfOptions = { check: false, source: OCSF_SOURCE };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--check') options.check = true;
    else if (arg === '--source' && argv[index + 1] !== undefined) options.source = argv[++index]!;
    else
      throw new UsageError(
        `unknown argument ${JSON.stringify(arg)}; usage: npm run ocsf -- [--check] [--source <dir>]`,
      );
  }
  return options;
}

/** Runs `npm run ocsf` with `argv` and returns its exit code. */
export function ocsf(argv: readonly string[], output: Pick<Console, 'log' | 'error'> = console): number {
  try {
    const options = parseOcsfArgs(argv);
    if (!existsSync(options.source)) throw new UsageError(`no OCSF schema tree at ${options.source}`);
    const printed = printOcsfSchema(compileOcsf(readTree(options.source)));
    const current = existsSync(OCSF_SCHEMA_FILE) ? readFileSync(OCSF_SCHEMA_FILE, 'utf8') : undefined;
    if (options.check) {
      if (current === printed) output.log(`${OCSF_SCHEMA_FILE} is fresh`);
      else output.error(`${OCSF_SCHEMA_FILE} is stale; run \`npm run ocsf\``);
      return current === printed ? 0 : 1;
    }
    if (current !== printed) writeFileSync(OCSF_SCHEMA_FILE, printed);
    output.log(`${OCSF_SCHEMA_FILE} ${current === printed ? 'unchanged' : 'written'} from ${options.source}`);
    return 0;
  } catch (error) {
    output.error(`npm run ocsf: ${(error as Error).message}`);
    return 2;
  }
}

if (isMain(import.meta.url)) process.exit(ocsf(process.argv.slice(2)));

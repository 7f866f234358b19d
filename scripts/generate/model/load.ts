/**
 * The front end: loads the canonical schema, checks it against every rule of schema/README.md
 * (`rules.ts`) and resolves it into the model every generator prints from (`model.ts`).
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isObject } from '../../shared/schema-shape.ts';
import type { JsonSchema } from '../../shared/schema-traversal.ts';
import { definitionNodes } from './fields.ts';
import {
  DEFAULT_SCHEMA_FILE,
  SchemaError,
  type CheckOptions,
  type DefinitionModel,
  type SchemaModel,
} from './model.ts';
import { defPointer, SCHEMA_RULES, type Context } from './rules.ts';
import { unionsOf } from './unions.ts';

export function loadSchema(
  schemaFile: string = DEFAULT_SCHEMA_FILE,
  root = process.cwd(),
  options: CheckOptions = {},
): SchemaModel {
  const file = relative(root, resolve(root, schemaFile)) || schemaFile;
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(resolve(root, schemaFile), 'utf8'));
  } catch (error) {
    throw new SchemaError(file, '', `cannot be read as JSON (${(error as Error).message})`);
  }
  return checkSchema(schema, file, options);
}

/** Checks a parsed schema document against every rule and resolves it into the model. */
export function checkSchema(schema: unknown, file = DEFAULT_SCHEMA_FILE, options: CheckOptions = {}): SchemaModel {
  const fail = (pointer: string, problem: string): never => {
    throw new SchemaError(file, pointer, problem);
  };
  if (!isObject(schema)) return fail('', 'the document must be a JSON object');
  const context: Context = { schema, defs: {}, fail, options, types: [], variantDefs: [], events: [] };
  for (const rule of SCHEMA_RULES) {
    rule.check(context);
    // Rule 1 has made sure that $defs is an object.
    context.defs = schema.$defs as Record<string, JsonSchema>;
  }
  const { defs, events } = context;
  const nodes = definitionNodes(defs);
  const definitions = Object.fromEntries(
    Object.entries(defs).map(([name, def]): [string, DefinitionModel] => [
      name,
      { name, pointer: defPointer(name), schema: def, fields: nodes.get(name)!.fields },
    ]),
  );
  return {
    file,
    schema,
    defs,
    definitions,
    events,
    envelopeFields: Object.keys(defs.AuditLogEnvelope!.properties as object),
    ...unionsOf(events),
  };
}

/**
 * Builds generated/validators/: AJV standalone code, compiled at build time, one module per
 * schema part (the envelope, the page, and each event's details object) so that bundlers keep
 * only the validators a program imports.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createHash } from 'node:crypto';
import { VariableDeclarationKind, type SourceFile } from 'ts-morph';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './lib/generated-file.ts';
import { inlineReferences } from './lib/deref.ts';
import { kebabCase } from './lib/naming.ts';
import type { JsonSchema, SchemaModel } from './lib/schema-model.ts';

/** AJV options chosen so the standalone output needs no runtime helper from `ajv/dist/runtime`. */
export const AJV_OPTIONS = {
  allErrors: true,
  messages: false,
  strict: true,
  strictNumbers: true,
  allowUnionTypes: true,
  useDefaults: false,
  coerceTypes: false,
  removeAdditional: false,
  code: { source: true, esm: true, lines: true, optimize: true },
} as const;

export interface CompiledPart {
  /** Exported name, e.g. `validateApiKeyCreatedDetails`. */
  exportName: string;
  /** Module path without extension, relative to generated/. */
  module: string;
  /** Where in the canonical schema it comes from, e.g. `#/$defs/ApiKeyCreatedDetails`. */
  schemaPointer: string;
  schema: unknown;
}

/** What the runtime compiles: the envelope with `type` left to the lookup, the page without its items, each details object. */
export function validatorParts(model: SchemaModel): CompiledPart[] {
  const envelope = inlineReferences(model.defs.AuditLogEnvelope, model.defs) as JsonSchema;
  // Membership of `type` in the catalogue is a constant-time lookup in the runtime, not a 51-way enum scan.
  (envelope.properties as JsonSchema).type = { type: 'string' };
  const page = inlineReferences(model.defs.ListAuditLogsResponse, model.defs) as JsonSchema;
  // Each item is validated by validateAuditLog itself, so the page checks only that `data` is an array.
  delete ((page.properties as JsonSchema).data as JsonSchema).items;
  return [
    { exportName: 'validateEnvelope', module: 'validators/envelope', schemaPointer: '#/$defs/AuditLogEnvelope', schema: envelope },
    { exportName: 'validateListPage', module: 'validators/list-page', schemaPointer: '#/$defs/ListAuditLogsResponse', schema: page },
    ...model.events
      .filter((event) => event.detailsDef)
      .map((event) => ({
        exportName: `validate${event.detailsDef}`,
        module: `validators/details/${kebabCase(event.type)}`,
        schemaPointer: `#/$defs/${event.detailsDef}`,
        schema: inlineReferences(model.defs[event.detailsDef!], model.defs),
      })),
  ];
}

export function compileStandalone(schema: unknown, where: string): string {
  const ajv = new Ajv.default(AJV_OPTIONS);
  let code: string;
  try {
    code = standaloneCode.default(ajv, ajv.compile(schema as object));
  } catch (error) {
    throw new Error(`${where}: AJV cannot compile it: ${(error as Error).message}`, { cause: error });
  }
  // Zero runtime dependencies: the standalone output must not need AJV's runtime helpers.
  if (/\brequire\s*\(|\bimport\b/.test(code)) {
    throw new Error(`${where}: AJV's standalone output needs a runtime helper; change the schema or the AJV options`);
  }
  const match = /export const validate = (\w+);/.exec(code);
  if (!match) throw new Error(`${where}: unexpected AJV standalone output`);
  return slim(code, schema, where)
    .replace('"use strict";', '')
    .replace(/export const validate = \w+;/, '')
    .replace(/export default \w+;/, '')
    .concat(`\n/*EXPORT*/${match[1]}`);
}

/**
 * Trims what the runtime never uses from AJV's output, for size and speed: the `parentData`,
 * `parentDataProperty` and `rootData` parameters (no `$data` or recursive `$ref` here), and the
 * schema constant that `enum` errors point into (the allowed values are inlined instead, so the
 * constant is dropped as unused).
 */
function slim(code: string, schema: unknown, where: string): string {
  const parameters = /\{\s*instancePath\s*=\s*"",\s*parentData,\s*parentDataProperty,\s*rootData\s*=\s*data\s*\}\s*=\s*\{\}/g;
  if (/\b(parentData|parentDataProperty|rootData)\b/.test(code.replace(parameters, ''))) {
    throw new Error(`${where}: AJV's output uses parentData or rootData; the runtime does not pass them`);
  }
  const root = /^const (schema\d+) = /m.exec(code)?.[1];
  const inlined = root
    ? code.replace(new RegExp(`\\b${root}((?:\\.[A-Za-z_$][\\w$]*|\\[\\d+\\])+)`, 'g'), (_, path: string) => {
        let node: unknown = schema;
        for (const [, name, index] of path.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
          node = (node as Record<string, unknown>)[name ?? index!];
        }
        if (node === undefined) throw new Error(`${where}: cannot resolve ${root}${path} in the compiled schema`);
        return JSON.stringify(node);
      })
    : code;
  return inlined.replace(parameters, '{ instancePath = "" } = {}');
}

/** AJV emits the compiled schema as a constant even where no error refers to it; drop those. */
function removeUnusedConstants(file: SourceFile): void {
  for (const statement of file.getVariableStatements()) {
    const names = statement.getDeclarations().map((declaration) => declaration.getName());
    const text = file.getFullText();
    const used = names.some((name) => text.split(new RegExp(`\\b${name}\\b`)).length > 2);
    if (!used) statement.remove();
  }
}

/** One AJV standalone module exporting `exportName`, compiled from `schema`. */
function compiledModule(path: string, exportName: string, schema: unknown, where: string, header: string, pointer: string): GeneratedFile {
  const code = compileStandalone(schema, where);
  const [body, functionName] = code.split('\n/*EXPORT*/') as [string, string];
  const depth = path.split('/').length - 1;
  const file = createSourceFile(path);
  file.addImportDeclaration({
    isTypeOnly: true,
    namedImports: ['CompiledValidator'],
    moduleSpecifier: `${'../'.repeat(depth)}src/compiled-validator.js`,
  });
  file.addStatements(body.trim());
  removeUnusedConstants(file);
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: exportName, type: 'CompiledValidator', initializer: functionName }],
    docs: [`Checks a value against ${pointer}.`],
  });
  // The pragma must lead the file: AJV's output is plain JavaScript.
  return finishSourceFile(file, `${header}\n// @ts-nocheck`);
}

/** A short, stable name for a compiled schema: events whose details compile to the same checks share one module. */
const shapeId = (schema: unknown) => createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 12);

export function buildValidators(model: SchemaModel): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const shapes = new Map<string, string>();
  for (const part of validatorParts(model)) {
    const where = `${model.file}${part.schemaPointer}`;
    const path = `generated/${part.module}.ts`;
    if (!part.module.startsWith('validators/details/')) {
      files.push(compiledModule(path, part.exportName, part.schema, where, generatedHeader(where), `\`${part.schemaPointer}\` of the canonical schema`));
      continue;
    }
    // Many details objects are alike once descriptions are dropped (an `id` alone, most often):
    // they share one compiled module, and each event's module re-exports it under its own name.
    const id = shapeId(part.schema);
    const canonical = JSON.stringify(part.schema);
    if (shapes.has(id) && shapes.get(id) !== canonical) throw new Error(`${where}: compiled-shape name ${id} collides with another shape`);
    if (!shapes.has(id)) {
      shapes.set(id, canonical);
      files.push(
        compiledModule(
          `generated/validators/shapes/${id}.ts`,
          `validateShape${id}`,
          part.schema,
          where,
          generatedHeader(model.file) + '\n// The checks of every details object that compiles to this shape; each event re-exports it.',
          'the details objects whose event modules re-export it',
        ),
      );
    }
    const file = createSourceFile(path);
    file.addExportDeclaration({
      moduleSpecifier: `../shapes/${id}.js`,
      namedExports: [{ name: `validateShape${id}`, alias: part.exportName }],
    });
    files.push(finishSourceFile(file, generatedHeader(where)));
  }
  return files;
}

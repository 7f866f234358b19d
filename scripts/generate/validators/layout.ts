/**
 * Builds generated/validators/: one module per schema part (the envelope, the page, and each
 * event's details object) so that bundlers keep only the validators a program imports. Each is
 * compiled by `compile.ts`; this lays the modules out, sharing one module between the details
 * objects of the same shape.
 */
import { VariableDeclarationKind } from 'ts-morph';
import { jsonTypeOf } from '../../shared/schema-shape.ts';
import { mapSchema, type JsonSchema } from '../../shared/schema-traversal.ts';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from '../generated-file.ts';
import { inlineReferences } from '../inline-references.ts';
import type { EventModel, SchemaModel } from '../model/index.ts';
import { adjustAjvOutput, ajvStandalone } from './compile.ts';

/** Where the compiled modules import their one type from (the runtime's leaf module). */
const LEAF = 'src/internal.js';

export interface CompiledPart {
  /** Exported name, e.g. `validateApiKeyCreatedDetails`. */
  exportName: string;
  /** Module path without extension, relative to generated/. */
  module: string;
  /** Where in the canonical schema it comes from, e.g. `#/$defs/ApiKeyCreatedDetails`. */
  schemaPointer: string;
  schema: unknown;
  /** The event whose details these are. */
  event?: EventModel;
}

/**
 * `node` without the `type` its `enum` or `const` already implies, so that a wrong value gets one
 * error ("must be one of ...") instead of two ("must be string" and "must be one of ...").
 */
function withoutImpliedTypes(node: unknown): unknown {
  return mapSchema(node, (out) => {
    const values = out.const !== undefined ? [out.const] : Array.isArray(out.enum) ? out.enum : undefined;
    const types =
      typeof out.type === 'string' ? [out.type] : Array.isArray(out.type) ? (out.type as string[]) : undefined;
    if (values !== undefined && types !== undefined && values.every((value) => types.includes(jsonTypeOf(value))))
      delete out.type;
    return out;
  });
}

/** The validation keywords of a definition, self-contained and ready to compile. */
const compilable = (node: unknown, model: SchemaModel) => withoutImpliedTypes(inlineReferences(node, model.defs));

/** What the runtime compiles: the envelope with `type` left to the lookup, the page without its items, each details object. */
export function validatorParts(model: SchemaModel): CompiledPart[] {
  const envelope = compilable(model.defs.AuditLogEnvelope, model) as JsonSchema;
  // Membership of `type` in the catalog is a constant-time lookup in the runtime, not an enum scan.
  (envelope.properties as JsonSchema).type = { type: 'string' };
  const page = compilable(model.defs.ListAuditLogsResponse, model) as JsonSchema;
  // Each item is validated by validateAuditLog itself, so the page checks only that `data` is an array.
  delete ((page.properties as JsonSchema).data as JsonSchema).items;
  return [
    {
      exportName: 'validateEnvelope',
      module: 'validators/envelope',
      schemaPointer: '#/$defs/AuditLogEnvelope',
      schema: envelope,
    },
    {
      exportName: 'validateListPage',
      module: 'validators/list-page',
      schemaPointer: '#/$defs/ListAuditLogsResponse',
      schema: page,
    },
    ...model.events
      .filter((event) => event.detailsDef)
      .map((event) => ({
        exportName: event.names.detailsValidator!,
        module: event.names.detailsModule!,
        schemaPointer: `#/$defs/${event.detailsDef}`,
        schema: compilable(model.defs[event.detailsDef!], model),
        event,
      })),
  ];
}

/** One module exporting `exportName`, compiled from `schema` by AJV. */
function compiledModule(
  path: string,
  exportName: string,
  schema: unknown,
  where: string,
  header: string,
  doc: string,
): GeneratedFile {
  const { code, functionName } = adjustAjvOutput(ajvStandalone(schema, where), schema, where);
  const file = createSourceFile(path);
  file.addStatements(code);
  const depth = path.split('/').length - 1;
  file.insertImportDeclaration(0, {
    isTypeOnly: true,
    namedImports: ['CompiledValidator'],
    moduleSpecifier: `${'../'.repeat(depth)}${LEAF}`,
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{ name: exportName, type: 'CompiledValidator', initializer: functionName }],
    docs: [doc],
  });
  // The pragma must lead the file: AJV's output is plain JavaScript.
  return finishSourceFile(file, `${header}\n// @ts-nocheck`);
}

/** Compiles `schema` alone, as the generator would (for tests of what the generator refuses). */
export function compileStandalone(schema: unknown, where: string): string {
  return compiledModule('generated/validators/check.ts', 'validate', schema, where, generatedHeader(where), where)
    .contents;
}

/**
 * Every validator module. Many details objects are alike once descriptions are dropped (an `id`
 * alone, most often): they share one compiled module under validators/shapes/, named after the
 * first event that has that shape, and each event's module re-exports it under its own name.
 */
export function generateValidators(model: SchemaModel): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const shapes = new Map<string, EventModel>();
  for (const part of validatorParts(model)) {
    const where = `${model.file}${part.schemaPointer}`;
    const path = `generated/${part.module}.ts`;
    if (part.event === undefined) {
      const doc = `Checks a value against \`${part.schemaPointer}\` of the canonical schema.`;
      files.push(compiledModule(path, part.exportName, part.schema, where, generatedHeader(where), doc));
      continue;
    }
    const canonical = JSON.stringify(part.schema);
    let owner = shapes.get(canonical);
    if (owner === undefined) {
      owner = part.event;
      shapes.set(canonical, owner);
      files.push(
        compiledModule(
          `generated/validators/shapes/${owner.names.module}.ts`,
          owner.names.shapeValidator,
          part.schema,
          where,
          `${generatedHeader(model.file)}\n// The checks of every details object shaped like \`${owner.type}\`'s; each such event re-exports them.`,
          `Checks a details object shaped like \`${owner.type}\`'s.`,
        ),
      );
    }
    const file = createSourceFile(path);
    file.addExportDeclaration({
      moduleSpecifier: `../shapes/${owner.names.module}.js`,
      namedExports: [{ name: owner.names.shapeValidator, alias: part.exportName }],
    });
    files.push(finishSourceFile(file, generatedHeader(where)));
  }
  return files;
}

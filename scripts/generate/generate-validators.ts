/**
 * Builds generated/validators/: AJV standalone code, compiled at build time, one module per
 * schema part (the envelope, the page, and each event's details object) so that bundlers keep
 * only the validators a program imports. AJV's output is adjusted through its syntax tree (the
 * TypeScript compiler API that ts-morph carries), never by editing its text.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ts, VariableDeclarationKind } from 'ts-morph';
import type { JsonSchema } from '../shared/schema-shape.ts';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import { inlineReferences } from './inline-references.ts';
import { kebabCase } from './naming.ts';
import type { EventModel, SchemaModel } from './schema-model.ts';

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

/** Where the compiled modules import their one type from (the runtime's leaf module). */
const LEAF = 'src/internal.js';
/** Parameters of AJV's validate function the runtime never passes (no `$data`, no recursive `$ref`). */
const UNUSED_PARAMETERS = new Set(['parentData', 'parentDataProperty', 'rootData']);

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

const jsonTypeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/**
 * `node` without the `type` its `enum` or `const` already implies, so that a wrong value gets one
 * error ("must be one of ...") instead of two ("must be string" and "must be one of ...").
 */
function withoutImpliedTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutImpliedTypes);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === 'enum' || key === 'const'
        ? value
        : key === 'properties'
          ? Object.fromEntries(
              Object.entries(value as JsonSchema).map(([name, sub]) => [name, withoutImpliedTypes(sub)]),
            )
          : withoutImpliedTypes(value);
  }
  const values = out.const !== undefined ? [out.const] : Array.isArray(out.enum) ? out.enum : undefined;
  const types =
    typeof out.type === 'string' ? [out.type] : Array.isArray(out.type) ? (out.type as string[]) : undefined;
  if (values !== undefined && types !== undefined && values.every((value) => types.includes(jsonTypeOf(value))))
    delete out.type;
  return out;
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
        exportName: `validate${event.detailsDef}`,
        module: `validators/details/${kebabCase(event.type)}`,
        schemaPointer: `#/$defs/${event.detailsDef}`,
        schema: compilable(model.defs[event.detailsDef!], model),
        event,
      })),
  ];
}

/** AJV's standalone module for `schema`, as AJV writes it. */
function ajvStandalone(schema: unknown, where: string): string {
  const ajv = new Ajv.default(AJV_OPTIONS);
  try {
    return standaloneCode.default(ajv, ajv.compile(schema as object));
  } catch (error) {
    throw new Error(`${where}: AJV cannot compile it: ${(error as Error).message}`, { cause: error });
  }
}

/** The value at a property path (`.properties.a.enum`, `[0]`) of the compiled schema. */
function valueAt(schema: unknown, steps: readonly (string | number)[], where: string): unknown {
  let node: unknown = schema;
  for (const step of steps) node = (node as Record<string | number, unknown> | undefined)?.[step];
  if (node === undefined) throw new Error(`${where}: cannot resolve ${steps.join('.')} in the compiled schema`);
  return node;
}

/** `schema11.properties.a.enum` -> [`schema11`, ['properties', 'a', 'enum']], or undefined for anything else. */
function accessChain(node: ts.Expression): [root: string, steps: (string | number)[]] | undefined {
  const steps: (string | number)[] = [];
  let current: ts.Expression = node;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      steps.unshift(current.name.text);
      current = current.expression;
    } else if (ts.isElementAccessExpression(current) && ts.isNumericLiteral(current.argumentExpression)) {
      steps.unshift(Number(current.argumentExpression.text));
      current = current.expression;
    } else if (ts.isElementAccessExpression(current) && ts.isStringLiteral(current.argumentExpression)) {
      steps.unshift(current.argumentExpression.text);
      current = current.expression;
    } else break;
  }
  return ts.isIdentifier(current) && steps.length > 0 ? [current.text, steps] : undefined;
}

/** A JSON value as an expression node. */
function literal(value: unknown): ts.Expression {
  if (value === null) return ts.factory.createNull();
  if (typeof value === 'string') return ts.factory.createStringLiteral(value);
  if (typeof value === 'number') return ts.factory.createNumericLiteral(value);
  if (typeof value === 'boolean') return value ? ts.factory.createTrue() : ts.factory.createFalse();
  if (Array.isArray(value)) return ts.factory.createArrayLiteralExpression(value.map(literal));
  return ts.factory.createObjectLiteralExpression(
    Object.entries(value as object).map(([key, item]) =>
      ts.factory.createPropertyAssignment(ts.factory.createStringLiteral(key), literal(item)),
    ),
  );
}

const identifiersIn = (node: ts.Node): string[] => {
  const names: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) names.push(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
};

/**
 * AJV's module adjusted through its syntax tree, and the name of its validate function:
 * - zero runtime dependencies: anything imported or required is refused;
 * - `"use strict"` and AJV's own exports go (the module gets its own typed export);
 * - the parameters the runtime never passes (`parentData`, `parentDataProperty`, `rootData`) go,
 *   after checking that nothing uses them;
 * - references into the compiled schema (where `enum` errors point) become literals, and the
 *   schema constants nothing refers to any more are dropped.
 */
function adjustAjvOutput(code: string, schema: unknown, where: string): { code: string; functionName: string } {
  const source = ts.createSourceFile('ajv.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  if (source.statements.some(ts.isImportDeclaration) || identifiersIn(source).includes('require')) {
    throw new Error(`${where}: AJV's standalone output needs a runtime helper; change the schema or the AJV options`);
  }
  const exported = source.statements.find(
    (statement): statement is ts.VariableStatement =>
      ts.isVariableStatement(statement) &&
      !!statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword),
  );
  const initializer = exported?.declarationList.declarations[0]?.initializer;
  if (initializer === undefined || !ts.isIdentifier(initializer))
    throw new Error(`${where}: unexpected AJV standalone output (no exported validate function)`);
  const functionName = initializer.text;
  const isSchemaConstant = (name: string) => /^schema\d+$/.test(name);

  const inlineSchemaReferences =
    (context: ts.TransformationContext) =>
    (root: ts.Node): ts.Node => {
      const visit = (node: ts.Node): ts.Node => {
        if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
          const chain = accessChain(node);
          if (chain !== undefined && isSchemaConstant(chain[0])) return literal(valueAt(schema, chain[1], where));
        }
        const visited = ts.visitEachChild(node, visit, context);
        return ts.isFunctionDeclaration(visited) && visited.name?.text === functionName
          ? withoutUnusedParameters(visited, where)
          : visited;
      };
      return ts.visitNode(root, visit);
    };
  const [transformed] = ts.transform(source, [inlineSchemaReferences]).transformed as [ts.SourceFile];
  const used = identifiersIn(transformed);
  const statements = transformed.statements.filter((statement) => {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) return false; // "use strict"
    if (ts.isExportAssignment(statement) || statement === exported) return false;
    if (ts.isVariableStatement(statement)) {
      const names = statement.declarationList.declarations.map((declaration) =>
        ts.isIdentifier(declaration.name) ? declaration.name.text : '',
      );
      // Declared once, referenced nowhere else: the schema constant no error points into any more.
      if (names.every((name) => isSchemaConstant(name) && used.filter((other) => other === name).length === 1))
        return false;
    }
    return true;
  });
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return { code: printer.printFile(ts.factory.updateSourceFile(transformed, statements)), functionName };
}

/** The validate function without the options it never receives, after checking that its body does not use them. */
function withoutUnusedParameters(fn: ts.FunctionDeclaration, where: string): ts.FunctionDeclaration {
  const options = fn.parameters[1];
  if (options === undefined || !ts.isObjectBindingPattern(options.name))
    throw new Error(`${where}: unexpected parameters of AJV's validate function`);
  const used = new Set(identifiersIn(fn.body!));
  const kept = options.name.elements.filter((element) => {
    const name = ts.isIdentifier(element.name) ? element.name.text : '';
    if (!UNUSED_PARAMETERS.has(name)) return true;
    if (used.has(name)) throw new Error(`${where}: AJV's output uses ${name}; the runtime does not pass it`);
    return false;
  });
  const parameter = ts.factory.updateParameterDeclaration(
    options,
    options.modifiers,
    options.dotDotDotToken,
    ts.factory.updateObjectBindingPattern(options.name, kept),
    options.questionToken,
    options.type,
    options.initializer,
  );
  return ts.factory.updateFunctionDeclaration(
    fn,
    fn.modifiers,
    fn.asteriskToken,
    fn.name,
    fn.typeParameters,
    [fn.parameters[0]!, parameter],
    fn.type,
    fn.body,
  );
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
          `generated/validators/shapes/${kebabCase(owner.type)}.ts`,
          shapeExportName(owner),
          part.schema,
          where,
          `${generatedHeader(model.file)}\n// The checks of every details object shaped like \`${owner.type}\`'s; each such event re-exports them.`,
          `Checks a details object shaped like \`${owner.type}\`'s.`,
        ),
      );
    }
    const file = createSourceFile(path);
    file.addExportDeclaration({
      moduleSpecifier: `../shapes/${kebabCase(owner.type)}.js`,
      namedExports: [{ name: shapeExportName(owner), alias: part.exportName }],
    });
    files.push(finishSourceFile(file, generatedHeader(where)));
  }
  return files;
}

/** `api_key.deleted` -> `validateApiKeyDeletedShape`. */
const shapeExportName = (event: EventModel) => `validate${event.name}Shape`;

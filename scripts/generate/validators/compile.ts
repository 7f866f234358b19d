/**
 * Compiles one schema part with AJV to standalone code, then adjusts AJV's module through its
 * syntax tree (the TypeScript compiler API that ts-morph carries), never by editing its text:
 * - zero runtime dependencies: anything imported or required is refused;
 * - `"use strict"` and AJV's own exports go (the module gets its own typed export);
 * - then the passes of `passes/`, each a file: references into the compiled schema become
 *   literals (`inlineSchemaReferences`), the parameters the runtime never passes go
 *   (`withoutUnusedParameters`), AJV's number tests become built-ins (`numberChecks`), errors of
 *   an `anyOf` branch that passed are dropped by `pop` (`cheapTruncations`), each error is pushed
 *   in one statement (`compactErrorPushes`), an `anyOf` that admits null is skipped for null
 *   (`nullShortcuts`), each property of the data is read once (`readOnce`) and every loop over
 *   items stops at `maxErrors` errors (`boundedLoops`): shorter code, and less work on the hot
 *   path, bounded by the schema.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ts } from 'ts-morph';
import { boundedLoops } from './passes/bounded-loops.ts';
import { cheapTruncations } from './passes/cheap-truncations.ts';
import { compactErrorPushes } from './passes/compact-error-pushes.ts';
import { inlineSchemaReferences } from './passes/inline-schema-references.ts';
import { nullShortcuts } from './passes/null-shortcuts.ts';
import { numberChecks } from './passes/number-checks.ts';
import { readOnce } from './passes/read-once.ts';
import type { Pass, PassContext } from './passes/syntax.ts';
import { identifiersIn } from './passes/syntax.ts';
import { withoutUnusedParameters } from './passes/without-unused-parameters.ts';

/** AJV options chosen so the standalone output needs no runtime helper from `ajv/dist/runtime`. */
const AJV_OPTIONS = {
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

/** The rewrites of the validate function's body, in the order they run. */
const BODY_PASSES: readonly Pass[] = [
  numberChecks,
  cheapTruncations,
  compactErrorPushes,
  nullShortcuts,
  readOnce,
  boundedLoops,
];

/** AJV's standalone module for `schema`, as AJV writes it. */
export function ajvStandalone(schema: unknown, where: string): string {
  const ajv = new Ajv.default(AJV_OPTIONS);
  try {
    return standaloneCode.default(ajv, ajv.compile(schema as object));
  } catch (error) {
    throw new Error(`${where}: AJV cannot compile it: ${(error as Error).message}`, { cause: error });
  }
}

/** AJV's module adjusted (see above), and the name of its validate function. */
export function adjustAjvOutput(code: string, schema: unknown, where: string): { code: string; functionName: string } {
  const context: PassContext = { where };
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
  const kept = source.statements.filter(
    (statement) =>
      !(ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) && // "use strict"
      !ts.isExportAssignment(statement) &&
      statement !== exported,
  );
  const statements = inlineSchemaReferences(kept, schema, context).map((statement) =>
    ts.isFunctionDeclaration(statement) && statement.name?.text === functionName
      ? adjustFunction(statement, context)
      : statement,
  );
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  return { code: printer.printFile(ts.factory.updateSourceFile(source, statements)), functionName };
}

/** The validate function without its unused parameters, its body through every pass. */
function adjustFunction(fn: ts.FunctionDeclaration, context: PassContext): ts.FunctionDeclaration {
  const trimmed = withoutUnusedParameters(fn, context);
  return ts.factory.updateFunctionDeclaration(
    trimmed,
    trimmed.modifiers,
    trimmed.asteriskToken,
    trimmed.name,
    trimmed.typeParameters,
    trimmed.parameters,
    trimmed.type,
    BODY_PASSES.reduce((body, pass) => pass(body, context), trimmed.body!),
  );
}

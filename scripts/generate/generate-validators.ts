/**
 * Builds generated/validators/: AJV standalone code, compiled at build time, one module per
 * schema part (the envelope, the page, and each event's details object) so that bundlers keep
 * only the validators a program imports. AJV's output is adjusted through its syntax tree (the
 * TypeScript compiler API that ts-morph carries), never by editing its text.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ts, VariableDeclarationKind } from 'ts-morph';
import { jsonTypeOf } from '../shared/schema-shape.ts';
import { mapSchema, type JsonSchema } from '../shared/schema-traversal.ts';
import { createSourceFile, finishSourceFile, generatedHeader, type GeneratedFile } from './generated-file.ts';
import { inlineReferences } from './inline-references.ts';
import type { EventModel, SchemaModel } from './model/index.ts';

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
 *   schema constants nothing refers to any more are dropped;
 * - each error is pushed in one statement (`compactErrorPushes`), each property of the data is
 *   read once (`readOnce`), AJV's integer and finite-number tests become the built-ins that say
 *   the same (`numberChecks`), the errors of an `anyOf` branch that passed are dropped by `pop`
 *   (`cheapTruncations`), and an `anyOf` that admits null is skipped for null
 *   (`nullShortcuts`): shorter code, and less work on the hot path.
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
          ? withBody(withoutUnusedParameters(visited, where), (body) =>
              boundedLoops(
                readOnce(
                  nullShortcuts(
                    compactErrorPushes(cheapTruncations(numberChecks(body, source), source), source),
                    source,
                  ),
                  where,
                ),
              ),
            )
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

const withBody = (fn: ts.FunctionDeclaration, change: (body: ts.Block) => ts.Block): ts.FunctionDeclaration =>
  ts.factory.updateFunctionDeclaration(
    fn,
    fn.modifiers,
    fn.asteriskToken,
    fn.name,
    fn.typeParameters,
    fn.parameters,
    fn.type,
    change(fn.body!),
  );

/** Rewrites every block under `node` (and `node` itself, when a block) with `change`, innermost first. */
function mapBlocks(node: ts.Block, change: (block: ts.Block) => ts.Block): ts.Block {
  const visit = (child: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(child, visit, undefined);
    return ts.isBlock(visited) ? change(visited) : visited;
  };
  return change(ts.visitEachChild(node, visit, undefined));
}

const compactPrinter = ts.createPrinter({ removeComments: true });
const textOf = (node: ts.Node, source: ts.SourceFile): string =>
  compactPrinter.printNode(ts.EmitHint.Unspecified, node, source).replace(/\s+/g, '');

/**
 * AJV reports an error in three statements:
 *
 *     const err0 = { ... };
 *     if (vErrors === null) { vErrors = [err0]; } else { vErrors.push(err0); }
 *     errors++;
 *
 * The first two become `(vErrors ??= []).push({ ... });`: the same array holding the same
 * object, in a quarter of the code (such sites make most of the bytes of the validators).
 */
function compactErrorPushes(body: ts.Block, source: ts.SourceFile): ts.Block {
  return mapBlocks(body, (block) => {
    const statements: ts.Statement[] = [];
    const original = block.statements;
    let changed = false;
    for (let i = 0; i < original.length; i++) {
      const declaration = original[i]!;
      const next = original[i + 1];
      const declared = ts.isVariableStatement(declaration) ? declaration.declarationList.declarations : undefined;
      const only = declared?.length === 1 ? declared[0] : undefined;
      const name = only && ts.isIdentifier(only.name) ? only.name.text : undefined;
      if (
        name !== undefined &&
        /^err\d+$/.test(name) &&
        only!.initializer !== undefined &&
        ts.isObjectLiteralExpression(only!.initializer) &&
        next !== undefined &&
        textOf(next, source) === `if(vErrors===null){vErrors=[${name}];}else{vErrors.push(${name});}`
      ) {
        const vErrors = ts.factory.createIdentifier('vErrors');
        const list = ts.factory.createParenthesizedExpression(
          ts.factory.createBinaryExpression(
            vErrors,
            ts.SyntaxKind.QuestionQuestionEqualsToken,
            ts.factory.createArrayLiteralExpression([]),
          ),
        );
        statements.push(
          ts.factory.createExpressionStatement(
            ts.factory.createCallExpression(ts.factory.createPropertyAccessExpression(list, 'push'), undefined, [
              only!.initializer,
            ]),
          ),
        );
        i++;
        changed = true;
        continue;
      }
      statements.push(declaration);
    }
    return changed ? ts.factory.updateBlock(block, statements) : block;
  });
}

/**
 * AJV's test for a JSON Schema integer (with `strictNumbers`), `typeof x == "number" &&
 * !(x % 1) && !isNaN(x) && isFinite(x)`, is `Number.isInteger(x)`: a number, finite, without
 * a fraction (NaN and ±Infinity fail both; -0 and 2^53 + 1 pass both). Likewise its `number`
 * test, `typeof x == "number" && isFinite(x)`, is `Number.isFinite(x)`. The built-ins are
 * shorter and, on the doubles that timestamps are, cheaper than a floating-point `%`.
 */
function numberChecks(body: ts.Block, source: ts.SourceFile): ts.Block {
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isBinaryExpression(node) || ts.isParenthesizedExpression(node)) {
      const text = textOf(node, source).replace(/^\((.*)\)$/, '$1');
      const value = /^\(?\(typeof(\w+)=="number"\)/.exec(text)?.[1];
      if (value !== undefined) {
        const integer = `((typeof${value}=="number")&&(!(${value}%1)&&!isNaN(${value})))&&(isFinite(${value}))`;
        const finite = `(typeof${value}=="number")&&(isFinite(${value}))`;
        const builtIn = text === integer ? 'isInteger' : text === finite ? 'isFinite' : undefined;
        if (builtIn !== undefined) {
          const call = ts.factory.createCallExpression(
            ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier('Number'), builtIn),
            undefined,
            [ts.factory.createIdentifier(value)],
          );
          return ts.isParenthesizedExpression(node) ? ts.factory.createParenthesizedExpression(call) : call;
        }
      }
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  return ts.visitEachChild(body, visit, undefined);
}

/**
 * When a branch of an `anyOf` passes, AJV drops the errors the failed branches added with
 * `vErrors.length = n`, which V8 runs as a call into the runtime; popping them is the same
 * array, kept inline.
 */
function cheapTruncations(body: ts.Block, source: ts.SourceFile): ts.Block {
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isExpressionStatement(node) && /^vErrors\.length=_errs\d+;$/.test(textOf(node, source))) {
      const assignment = node.expression as ts.BinaryExpression;
      const length = ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier('vErrors'), 'length');
      return ts.factory.createWhileStatement(
        ts.factory.createBinaryExpression(length, ts.SyntaxKind.GreaterThanToken, assignment.right),
        ts.factory.createExpressionStatement(
          ts.factory.createCallExpression(
            ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier('vErrors'), 'pop'),
            undefined,
            [],
          ),
        ),
      );
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  return ts.visitEachChild(body, visit, undefined);
}

/**
 * An `anyOf` with a `{ "type": "null" }` branch (an actor, or null) passes for null whatever
 * its other branches say, and AJV then drops every error its branches added: for null, the
 * whole `anyOf` leaves nothing behind. AJV still runs it, and the object branch reports an error
 * that is then dropped. Wrapping the `anyOf`, from `const _errsN = errors` to its final
 * `if (!validM) ... else ...`, in `if (x !== null)` skips that work and changes nothing else.
 */
function nullShortcuts(body: ts.Block, source: ts.SourceFile): ts.Block {
  const nullBranch =
    /^if\((\w+)!==null\)\{\(vErrors\?\?=\[\]\)\.push\(\{[^;]*params:\{type:"null"\}\}\);errors\+\+;\}$/;
  return mapBlocks(body, (block) => {
    const statements = [...block.statements];
    let changed = false;
    for (let end = 0; end < statements.length; end++) {
      const last = textOf(statements[end]!, source);
      const verdict = /^if\(!(valid\d+)\)\{.*\}else\{errors=(_errs\d+);/.exec(last);
      if (verdict === null) continue;
      const [, valid, errs] = verdict;
      const start = statements.findIndex((statement) => textOf(statement, source) === `const${errs}=errors;`);
      if (start < 0 || start >= end || textOf(statements[start + 1]!, source) !== `let${valid}=false;`) continue;
      // A null branch of this `anyOf`, not of one nested in a branch: the first branch is a
      // statement of the region, each later one sits in an `if (!validM) { ... }` of it.
      const branches = statements
        .slice(start, end)
        .flatMap((statement) =>
          ts.isIfStatement(statement) &&
          textOf(statement.expression, source) === `!${valid}` &&
          ts.isBlock(statement.thenStatement)
            ? [...statement.thenStatement.statements]
            : [statement],
        );
      const data = branches
        .map((statement) => (ts.isIfStatement(statement) ? nullBranch.exec(textOf(statement, source))?.[1] : undefined))
        .find((name) => name !== undefined);
      if (data === undefined) continue;
      const region = statements.splice(start, end - start + 1);
      statements.splice(
        start,
        0,
        ts.factory.createIfStatement(
          ts.factory.createBinaryExpression(
            ts.factory.createIdentifier(data),
            ts.SyntaxKind.ExclamationEqualsEqualsToken,
            ts.factory.createNull(),
          ),
          ts.factory.createBlock(region, true),
        ),
      );
      end = start;
      changed = true;
    }
    return changed ? ts.factory.updateBlock(block, statements) : block;
  });
}

/** AJV names the data it validates `data` (the argument) and `data<n>` (values inside it). */
const DATA = /^data\d*$/;

/** `data.p` or `data["p"]`: the variable and the property read, or undefined for anything else. */
function dataRead(node: ts.Node): { variable: string; property: string } | undefined {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
  if (!ts.isIdentifier(node.expression) || !DATA.test(node.expression.text)) return undefined;
  const key = ts.isPropertyAccessExpression(node)
    ? ts.isIdentifier(node.name)
      ? node.name.text
      : undefined
    : ts.isStringLiteral(node.argumentExpression)
      ? node.argumentExpression.text
      : undefined;
  return key === undefined ? undefined : { variable: node.expression.text, property: key };
}
const readKey = (read: { variable: string; property: string }) => `${read.variable}\0${read.property}`;

/**
 * The reads of data properties that evaluating `node` always performs, in evaluation order:
 * not those behind `&&`, `||`, `??` or `?:`, which may be skipped.
 */
function unconditionalReads(node: ts.Expression, into: ts.Expression[] = []): ts.Expression[] {
  if (dataRead(node) !== undefined) {
    into.push(node);
  } else if (ts.isParenthesizedExpression(node) || ts.isTypeOfExpression(node)) {
    unconditionalReads(node.expression, into);
  } else if (ts.isPrefixUnaryExpression(node)) {
    unconditionalReads(node.operand, into);
  } else if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    const shortCircuit =
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken;
    const assignment = operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
    if (!assignment) unconditionalReads(node.left, into);
    if (!shortCircuit) unconditionalReads(node.right, into);
  } else if (ts.isConditionalExpression(node)) {
    unconditionalReads(node.condition, into);
  } else if (ts.isCallExpression(node)) {
    // AJV calls only pure globals (`Array.isArray`, `isFinite`, ...); their arguments are always evaluated.
    for (const argument of node.arguments) unconditionalReads(argument, into);
  }
  return into;
}

/** What a statement evaluates first, before any of its nested statements. */
function leadingExpressions(statement: ts.Statement): ts.Expression[] {
  if (ts.isIfStatement(statement) || ts.isExpressionStatement(statement)) return [statement.expression];
  if (ts.isReturnStatement(statement)) return statement.expression ? [statement.expression] : [];
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((declaration) =>
      declaration.initializer ? [declaration.initializer] : [],
    );
  return [];
}

function countReads(nodes: readonly ts.Node[], key: string): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    const read = dataRead(node);
    if (read !== undefined && readKey(read) === key) count++;
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) visit(node);
  return count;
}

/**
 * Each property of the data read once: AJV reads `data.id` once to see whether it is present and
 * again for each keyword (`data.id !== undefined`, then `typeof data.id`); on a log, whose shape
 * varies from event to event, each read is a megamorphic load. A property read at least twice is
 * read into a constant just before the statement that reads it first, where that statement's
 * leading expression reads it unconditionally, so the reads happen in the same order and under
 * the same conditions as before; the later reads use the constant. AJV's output never assigns
 * to the data or to its properties (checked: the rewrite refuses otherwise).
 */
function readOnce(body: ts.Block, where: string): ts.Block {
  const assigned = new Set<string>();
  const check = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) {
        if (dataRead(node.left) !== undefined)
          throw new Error(`${where}: AJV output assigns to a property of the data`);
        if (ts.isIdentifier(node.left) && DATA.test(node.left.text)) assigned.add(node.left.text);
      }
    }
    if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) &&
      (dataRead(node.operand) !== undefined || (ts.isIdentifier(node.operand) && DATA.test(node.operand.text)))
    )
      throw new Error(`${where}: AJV output updates the data`);
    ts.forEachChild(node, check);
  };
  check(body);
  let next = 0;
  const declare = (name: ts.Identifier, read: { variable: string; property: string }) =>
    ts.factory.createVariableStatement(
      undefined,
      ts.factory.createVariableDeclarationList(
        [
          ts.factory.createVariableDeclaration(
            name,
            undefined,
            undefined,
            /^[A-Za-z_$][\w$]*$/.test(read.property)
              ? ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier(read.variable), read.property)
              : ts.factory.createElementAccessExpression(
                  ts.factory.createIdentifier(read.variable),
                  ts.factory.createStringLiteral(read.property),
                ),
          ),
        ],
        ts.NodeFlags.Const,
      ),
    );
  const rewrite = (block: ts.Block, known: ReadonlyMap<string, ts.Identifier>): ts.Block => {
    const hoisted = new Map(known);
    const statements: ts.Statement[] = [];
    block.statements.forEach((statement, index) => {
      // Read again by a later statement (a `required` check, then the property's own checks):
      // the constant lives in the block. Read again only inside this statement: it lives in a
      // block around the statement, so that once minified, sibling blocks' constants share one
      // short name and the repeated code stays repeated for gzip.
      const local: ts.Statement[] = [];
      const localKeys: string[] = [];
      for (const expression of leadingExpressions(statement)) {
        for (const node of unconditionalReads(expression)) {
          const read = dataRead(node)!;
          const key = readKey(read);
          if (assigned.has(read.variable) || hoisted.has(key)) continue;
          const later = countReads(block.statements.slice(index + 1), key);
          if (later === 0 && countReads([statement], key) < 2) continue;
          const name = ts.factory.createIdentifier(`read${next++}`);
          hoisted.set(key, name);
          if (later > 0) statements.push(declare(name, read));
          else {
            local.push(declare(name, read));
            localKeys.push(key);
          }
        }
      }
      const replaced = replaceReads(statement, hoisted);
      for (const key of localKeys) hoisted.delete(key);
      statements.push(local.length > 0 ? ts.factory.createBlock([...local, replaced], true) : replaced);
    });
    return ts.factory.updateBlock(block, statements);
  };
  const replaceReads = <T extends ts.Node>(node: T, hoisted: ReadonlyMap<string, ts.Identifier>): T => {
    const visit = (child: ts.Node): ts.Node => {
      if (ts.isBlock(child)) return rewrite(child, hoisted);
      const read = dataRead(child);
      const name = read === undefined ? undefined : hoisted.get(readKey(read));
      return name ?? ts.visitEachChild(child, visit, undefined);
    };
    return ts.visitEachChild(node, visit, undefined);
  };
  return rewrite(body, new Map());
}

/** The option of the validate function that bounds how many errors it gathers (see `boundedLoops`). */
export const ERROR_LIMIT_OPTION = 'maxErrors';

/**
 * Every loop over an array's items stops once `maxErrors` errors are gathered: a loop is the only
 * place where the number of errors grows with the input (everything else is a fixed set of checks
 * per schema part), so this bounds a call's work and memory by the schema, not by the payload. A
 * sparse array's holes are errors too, so a `length` of 2^32 - 1 costs one iteration per error.
 * `maxErrors` is 1 for a verdict; left out, every error is gathered, as AJV would.
 */
function boundedLoops(body: ts.Block): ts.Block {
  const factory = ts.factory;
  const stop = () =>
    factory.createIfStatement(
      factory.createBinaryExpression(
        factory.createIdentifier('errors'),
        ts.SyntaxKind.GreaterThanEqualsToken,
        factory.createIdentifier(ERROR_LIMIT_OPTION),
      ),
      factory.createBreakStatement(),
    );
  const visit = (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit, undefined);
    if (!ts.isForStatement(visited) || !ts.isBlock(visited.statement)) return visited;
    const loopBody = factory.updateBlock(visited.statement, [...visited.statement.statements, stop()]);
    return factory.updateForStatement(visited, visited.initializer, visited.condition, visited.incrementor, loopBody);
  };
  return ts.visitEachChild(body, visit, undefined);
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
  if (used.has(ERROR_LIMIT_OPTION)) throw new Error(`${where}: AJV's output already uses ${ERROR_LIMIT_OPTION}`);
  const limit = ts.factory.createBindingElement(
    undefined,
    undefined,
    ERROR_LIMIT_OPTION,
    ts.factory.createIdentifier('Infinity'),
  );
  const parameter = ts.factory.updateParameterDeclaration(
    options,
    options.modifiers,
    options.dotDotDotToken,
    ts.factory.updateObjectBindingPattern(options.name, [...kept, limit]),
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

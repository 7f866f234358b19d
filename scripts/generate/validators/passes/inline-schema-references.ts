import { ts } from 'ts-morph';
import { identifiersIn, type PassContext } from './syntax.ts';

/** AJV names the constants holding the compiled schema `schema<n>`. */
const isSchemaConstant = (name: string) => /^schema\d+$/.test(name);

/**
 * References into the compiled schema (where `enum` errors point: `schema11.properties.a.enum`)
 * become the literals they stand for, and the schema constants nothing refers to any more are
 * dropped. A reference the schema cannot resolve is refused.
 */
export function inlineSchemaReferences(
  statements: readonly ts.Statement[],
  schema: unknown,
  { where }: PassContext,
): ts.Statement[] {
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const chain = accessChain(node);
      if (chain !== undefined && isSchemaConstant(chain[0])) return literal(valueAt(schema, chain[1], where));
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  const inlined = statements.map((statement) => ts.visitNode(statement, visit) as ts.Statement);
  const used = inlined.flatMap(identifiersIn);
  return inlined.filter((statement) => {
    if (!ts.isVariableStatement(statement)) return true;
    const names = statement.declarationList.declarations.map((declaration) =>
      ts.isIdentifier(declaration.name) ? declaration.name.text : '',
    );
    // Declared once, referenced nowhere else: the schema constant no error points into any more.
    return !names.every((name) => isSchemaConstant(name) && used.filter((other) => other === name).length === 1);
  });
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

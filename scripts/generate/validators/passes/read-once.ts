import { ts } from 'ts-morph';
import type { PassContext } from './syntax.ts';

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
export function readOnce(body: ts.Block, { where }: PassContext): ts.Block {
  const assigned = assignedData(body, where);
  let next = 0;
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

/**
 * The data variables AJV assigns to (it reads a property into `dataN`); refuses output that
 * assigns to a property of the data or updates the data, which reading once could not keep.
 */
function assignedData(body: ts.Block, where: string): Set<string> {
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
  return assigned;
}

/** `const name = variable.property;` (or `variable["property"]` when the key is not an identifier). */
function declare(name: ts.Identifier, read: { variable: string; property: string }): ts.VariableStatement {
  return ts.factory.createVariableStatement(
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
}

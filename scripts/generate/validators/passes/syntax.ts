/**
 * What the passes share: matching AJV's output by the shape of its syntax tree (never by its
 * printed text), and rewriting blocks.
 */
import { ts } from 'ts-morph';

/** What every pass receives besides the function body: where the module comes from, for messages. */
export interface PassContext {
  /** `schema/audit-log.schema.json#/$defs/...`: named in every error a pass throws. */
  where: string;
}

/** A rewrite of the validate function's body. */
export type Pass = (body: ts.Block, context: PassContext) => ts.Block;

/** Every identifier under `node`, in order, repeats included. */
export function identifiersIn(node: ts.Node): string[] {
  const names: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) names.push(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

/** Rewrites every block under `node` (and `node` itself) with `change`, innermost first. */
export function mapBlocks(node: ts.Block, change: (block: ts.Block) => ts.Block): ts.Block {
  const visit = (child: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(child, visit, undefined);
    return ts.isBlock(visited) ? change(visited) : visited;
  };
  return change(ts.visitEachChild(node, visit, undefined));
}

/** Rewrites every node under `node` that `change` answers for (outermost first); the others are kept. */
export function mapNodes<T extends ts.Node>(node: T, change: (child: ts.Node) => ts.Node | undefined): T {
  const visit = (child: ts.Node): ts.Node => change(child) ?? ts.visitEachChild(child, visit, undefined);
  return ts.visitEachChild(node, visit, undefined);
}

const patterns = new Map<string, ts.Node>();

/** The syntax tree of a statement or expression written as code (`$name` marks a hole). */
function patternOf(code: string): ts.Node {
  let pattern = patterns.get(code);
  if (pattern === undefined) {
    const source = ts.createSourceFile('pattern.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
    const statement = source.statements[0]!;
    pattern = ts.isExpressionStatement(statement) && !code.trimEnd().endsWith(';') ? statement.expression : statement;
    patterns.set(code, pattern);
  }
  return pattern;
}

const childrenOf = (node: ts.Node): ts.Node[] => {
  const children: ts.Node[] = [];
  ts.forEachChild(node, (child) => {
    children.push(child);
  });
  return children;
};

/** The text a leaf stands for: an identifier's name, a literal's value, or nothing for other nodes. */
const leafText = (node: ts.Node): string | undefined =>
  ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isNumericLiteral(node) ? node.text : undefined;

/**
 * Whether `node` has the syntax tree of `code`, node kind by node kind, parentheses included.
 * An identifier `$name` in `code` is a hole that matches one identifier; the names it matched are
 * returned by hole (the same hole must match the same name everywhere). `undefined` when `node`
 * does not match.
 */
export function match(node: ts.Node, code: string): Record<string, string> | undefined {
  const holes: Record<string, string> = {};
  const same = (actual: ts.Node, pattern: ts.Node): boolean => {
    if (ts.isIdentifier(pattern) && pattern.text.startsWith('$')) {
      if (!ts.isIdentifier(actual)) return false;
      holes[pattern.text] ??= actual.text;
      return holes[pattern.text] === actual.text;
    }
    if (actual.kind !== pattern.kind || leafText(actual) !== leafText(pattern)) return false;
    if (
      ts.isBinaryExpression(actual) &&
      actual.operatorToken.kind !== (pattern as ts.BinaryExpression).operatorToken.kind
    )
      return false;
    if (
      (ts.isPrefixUnaryExpression(actual) || ts.isPostfixUnaryExpression(actual)) &&
      actual.operator !== (pattern as ts.PrefixUnaryExpression).operator
    )
      return false;
    const binding = ts.NodeFlags.Let | ts.NodeFlags.Const;
    if (
      ts.isVariableDeclarationList(actual) &&
      (actual.flags & binding) !== ((pattern as ts.VariableDeclarationList).flags & binding)
    )
      return false;
    const [mine, theirs] = [childrenOf(actual), childrenOf(pattern)];
    return mine.length === theirs.length && mine.every((child, index) => same(child, theirs[index]!));
  };
  return same(node, patternOf(code)) ? holes : undefined;
}

/** `object.name(...args)` as a call. */
export const callOf = (object: ts.Expression, name: string, args: readonly ts.Expression[] = []) =>
  ts.factory.createCallExpression(ts.factory.createPropertyAccessExpression(object, name), undefined, args);

import { ts } from 'ts-morph';

/** The option of the validate function that bounds how many errors it gathers (see `boundedLoops`). */
export const ERROR_LIMIT_OPTION = 'maxErrors';

/**
 * Every loop over an array's items stops once `maxErrors` errors are gathered: a loop is the only
 * place where the number of errors grows with the input (everything else is a fixed set of checks
 * per schema part), so this bounds a call's work and memory by the schema, not by the payload. A
 * sparse array's holes are errors too, so a `length` of 2^32 - 1 costs one iteration per error.
 * `maxErrors` is 1 for a verdict; left out, every error is gathered, as AJV would.
 */
export function boundedLoops(body: ts.Block): ts.Block {
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

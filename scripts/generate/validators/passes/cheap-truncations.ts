import { ts } from 'ts-morph';
import { callOf, mapNodes, match } from './syntax.ts';

/**
 * When a branch of an `anyOf` passes, AJV drops the errors the failed branches added with
 * `vErrors.length = n`, which V8 runs as a call into the runtime; popping them is the same
 * array, kept inline.
 */
export function cheapTruncations(body: ts.Block): ts.Block {
  return mapNodes(body, (node) => {
    const length = match(node, 'vErrors.length = $errs;')?.$errs;
    if (length === undefined || !/^_errs\d+$/.test(length)) return undefined;
    const vErrors = ts.factory.createIdentifier('vErrors');
    return ts.factory.createWhileStatement(
      ts.factory.createBinaryExpression(
        ts.factory.createPropertyAccessExpression(vErrors, 'length'),
        ts.SyntaxKind.GreaterThanToken,
        ts.factory.createIdentifier(length),
      ),
      ts.factory.createExpressionStatement(callOf(ts.factory.createIdentifier('vErrors'), 'pop')),
    );
  });
}

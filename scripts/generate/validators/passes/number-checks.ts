import { ts } from 'ts-morph';
import { callOf, mapNodes, match } from './syntax.ts';

/** AJV's integer test with `strictNumbers`, and its number test. */
const INTEGER = '((typeof $x == "number") && (!($x % 1) && !isNaN($x))) && (isFinite($x))';
const FINITE = '(typeof $x == "number") && (isFinite($x))';

/**
 * AJV's test for a JSON Schema integer (with `strictNumbers`), `typeof x == "number" &&
 * !(x % 1) && !isNaN(x) && isFinite(x)`, is `Number.isInteger(x)`: a number, finite, without
 * a fraction (NaN and ±Infinity fail both; -0 and 2^53 + 1 pass both). Likewise its `number`
 * test, `typeof x == "number" && isFinite(x)`, is `Number.isFinite(x)`. The built-ins are
 * shorter and, on the doubles that timestamps are, cheaper than a floating-point `%`.
 */
export function numberChecks(body: ts.Block): ts.Block {
  return mapNodes(body, (node) => {
    // The test as a whole, or in the parentheses AJV puts around it.
    const test = ts.isParenthesizedExpression(node) ? node.expression : node;
    if (!ts.isBinaryExpression(test)) return undefined;
    const integer = match(test, INTEGER);
    const finite = integer === undefined ? match(test, FINITE) : undefined;
    const value = (integer ?? finite)?.$x;
    if (value === undefined) return undefined;
    const call = callOf(ts.factory.createIdentifier('Number'), integer ? 'isInteger' : 'isFinite', [
      ts.factory.createIdentifier(value),
    ]);
    return ts.isParenthesizedExpression(node) ? ts.factory.createParenthesizedExpression(call) : call;
  });
}

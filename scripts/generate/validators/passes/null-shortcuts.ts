import { ts } from 'ts-morph';
import { mapBlocks, match } from './syntax.ts';

/**
 * An `anyOf` with a `{ "type": "null" }` branch (an actor, or null) passes for null whatever
 * its other branches say, and AJV then drops every error its branches added: for null, the
 * whole `anyOf` leaves nothing behind. AJV still runs it, and the object branch reports an error
 * that is then dropped. Wrapping the `anyOf`, from `const _errsN = errors` to its final
 * `if (!validM) ... else ...`, in `if (x !== null)` skips that work and changes nothing else.
 */
export function nullShortcuts(body: ts.Block): ts.Block {
  return mapBlocks(body, (block) => {
    const statements = [...block.statements];
    let changed = false;
    for (let end = 0; end < statements.length; end++) {
      const verdict = anyOfVerdict(statements[end]!);
      if (verdict === undefined) continue;
      const { valid, errs } = verdict;
      const start = statements.findIndex((statement) => match(statement, 'const $errs = errors;')?.$errs === errs);
      if (start < 0 || start >= end || match(statements[start + 1]!, 'let $valid = false;')?.$valid !== valid) continue;
      const data = nullBranchData(statements.slice(start, end), valid);
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

/** `if (!validM) { ... } else { errors = _errsN; ... }`: the end of an `anyOf`, with its two names. */
function anyOfVerdict(statement: ts.Statement): { valid: string; errs: string } | undefined {
  if (!ts.isIfStatement(statement) || statement.elseStatement === undefined) return undefined;
  const valid = match(statement.expression, '!$valid')?.$valid;
  const otherwise = statement.elseStatement;
  const first = ts.isBlock(otherwise) ? otherwise.statements[0] : undefined;
  const errs = first === undefined ? undefined : match(first, 'errors = $errs;')?.$errs;
  if (valid === undefined || errs === undefined || !/^valid\d+$/.test(valid) || !/^_errs\d+$/.test(errs))
    return undefined;
  return { valid, errs };
}

/**
 * The data a null branch of this `anyOf` is about, not of one nested in a branch: the first
 * branch is a statement of the region, each later one sits in an `if (!validM) { ... }` of it.
 */
function nullBranchData(region: readonly ts.Statement[], valid: string): string | undefined {
  const branches = region.flatMap((statement) =>
    ts.isIfStatement(statement) && match(statement.expression, `!${valid}`) && ts.isBlock(statement.thenStatement)
      ? [...statement.thenStatement.statements]
      : [statement],
  );
  return branches.map(nullBranch).find((name) => name !== undefined);
}

/** `if (x !== null) { (vErrors ??= []).push({ ..., params: { type: "null" } }); errors++; }`: `x`, or undefined. */
function nullBranch(statement: ts.Statement): string | undefined {
  if (!ts.isIfStatement(statement) || statement.elseStatement !== undefined) return undefined;
  const data = match(statement.expression, '$x !== null')?.$x;
  const then = statement.thenStatement;
  if (data === undefined || !ts.isBlock(then) || then.statements.length !== 2) return undefined;
  const [push, count] = then.statements as unknown as [ts.Statement, ts.Statement];
  if (match(count, 'errors++;') === undefined || !ts.isExpressionStatement(push)) return undefined;
  const call = push.expression;
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  if (match(call.expression, '(vErrors ??= []).push') === undefined) return undefined;
  const error = call.arguments[0]!;
  const last = ts.isObjectLiteralExpression(error) ? error.properties[error.properties.length - 1] : undefined;
  return last !== undefined && isNullParams(last) ? data : undefined;
}

/** `params: { type: "null" }`. */
function isNullParams(property: ts.ObjectLiteralElementLike): boolean {
  if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || property.name.text !== 'params')
    return false;
  const value = property.initializer;
  if (!ts.isObjectLiteralExpression(value) || value.properties.length !== 1) return false;
  const [type] = value.properties;
  return (
    ts.isPropertyAssignment(type!) &&
    ts.isIdentifier(type.name) &&
    type.name.text === 'type' &&
    ts.isStringLiteral(type.initializer) &&
    type.initializer.text === 'null'
  );
}

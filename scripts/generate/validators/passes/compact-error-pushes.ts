import { ts } from 'ts-morph';
import { callOf, mapBlocks, match } from './syntax.ts';

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
export function compactErrorPushes(body: ts.Block): ts.Block {
  return mapBlocks(body, (block) => {
    const statements: ts.Statement[] = [];
    const original = block.statements;
    let changed = false;
    for (let i = 0; i < original.length; i++) {
      const statement = original[i]!;
      const error = errorDeclared(statement);
      const next = original[i + 1];
      if (
        error !== undefined &&
        next !== undefined &&
        match(next, 'if (vErrors === null) { vErrors = [$error]; } else { vErrors.push($error); }')?.$error ===
          error.name
      ) {
        const list = ts.factory.createParenthesizedExpression(
          ts.factory.createBinaryExpression(
            ts.factory.createIdentifier('vErrors'),
            ts.SyntaxKind.QuestionQuestionEqualsToken,
            ts.factory.createArrayLiteralExpression([]),
          ),
        );
        statements.push(ts.factory.createExpressionStatement(callOf(list, 'push', [error.object])));
        i++;
        changed = true;
        continue;
      }
      statements.push(statement);
    }
    return changed ? ts.factory.updateBlock(block, statements) : block;
  });
}

/** `const errN = { ... };`: the name and the object, or undefined for any other statement. */
function errorDeclared(statement: ts.Statement): { name: string; object: ts.ObjectLiteralExpression } | undefined {
  const declared = ts.isVariableStatement(statement) ? statement.declarationList.declarations : undefined;
  const only = declared?.length === 1 ? declared[0]! : undefined;
  if (only === undefined || !ts.isIdentifier(only.name) || !/^err\d+$/.test(only.name.text)) return undefined;
  return only.initializer !== undefined && ts.isObjectLiteralExpression(only.initializer)
    ? { name: only.name.text, object: only.initializer }
    : undefined;
}

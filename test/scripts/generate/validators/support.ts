/** Runs one pass of the validator generator on a function body written as code, and prints the result. */
import { ts } from 'ts-morph';
import type { Pass } from '../../../../scripts/generate/validators/passes/syntax.ts';

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: true });

const functionOf = (body: string) =>
  ts.createSourceFile(
    'given.js',
    `function validate10(data, {instancePath=""}={}){\n${body}\n}`,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.JS,
  ).statements[0] as ts.FunctionDeclaration;

/** The body as the printer lays it out: how `want` is compared, whatever its spacing. */
export const printed = (body: ts.Block, source: ts.SourceFile = body.getSourceFile()) =>
  body.statements.map((statement) => printer.printNode(ts.EmitHint.Unspecified, statement, source)).join('\n');

/** `body` after `pass`, printed. */
export function afterPass(pass: Pass, body: string): string {
  const fn = functionOf(body);
  return printed(pass(fn.body!, { where: 'given.json#' }), fn.getSourceFile());
}

/** `body` as printed without any pass: the form `want` is written in. */
export const laidOut = (body: string): string => {
  const fn = functionOf(body);
  return printed(fn.body!, fn.getSourceFile());
};

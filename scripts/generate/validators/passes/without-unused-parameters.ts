import { ts } from 'ts-morph';
import { ERROR_LIMIT_OPTION } from './bounded-loops.ts';
import { identifiersIn, type PassContext } from './syntax.ts';

/** Parameters of AJV's validate function the runtime never passes (no `$data`, no recursive `$ref`). */
const UNUSED_PARAMETERS = new Set(['parentData', 'parentDataProperty', 'rootData']);

/**
 * The validate function without the options it never receives, after checking that its body does
 * not use them, and with `maxErrors` (see `boundedLoops`), `Infinity` when left out.
 */
export function withoutUnusedParameters(fn: ts.FunctionDeclaration, { where }: PassContext): ts.FunctionDeclaration {
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

/**
 * Where the compiled validators' errors are placed: each is rooted at the part of the log it is
 * about (the envelope, or one details key) and at its definition in the canonical schema, and
 * given AJV's own message. The whole-log dispatcher (`validate.ts`) appends them as it goes.
 */
import { ajvMessage } from './errors.js';
import { detailsDefinition, escapePointerToken, type ValidatorErrorObject } from './internal.js';

/** Where a compiled validator's errors go: the envelope's, or one details key's. */
export interface Rooting {
  /** Prepended to each error's `instancePath`. */
  pointer: string;
  /** Replaces the leading `#` of each error's `schemaPath`. */
  definition: string;
  /**
   * By compiled `schemaPath`: the rooted one, and the message when the place fixes it. A compiled
   * validator reports from a fixed set of places, most with fixed `params` (not `required`: one
   * place, `#/required`, for every missing property), so each place's strings are made once and
   * then shared (strings are values, not objects).
   */
  places: Map<string, { schemaPath: string; message: string | undefined }>;
}
/** Keywords whose `params` are fixed at each place in the compiled code, so are their messages. */
const FIXED_PARAMS: ReadonlySet<string> = /* @__PURE__ */ new Set(['type', 'enum', 'const', 'anyOf']);
export const rootingOf = (pointer: string, definition: string): Rooting => ({ pointer, definition, places: new Map() });
/** Per details key, worked out on its first error. */
const detailsKeyInfo = new Map<string, Rooting>();
export function detailsRooting(key: string): Rooting {
  let info = detailsKeyInfo.get(key);
  if (info === undefined) {
    info = rootingOf(`/${escapePointerToken(key)}`, detailsDefinition(key));
    detailsKeyInfo.set(key, info);
  }
  return info;
}

/**
 * AJV's own message for the keywords the compiled validators report, by a `switch` rather than
 * `ajvMessage`'s table lookup: it runs for every error `validateAuditLog` returns. Any other
 * keyword gets `ajvMessage`'s; test/src/fast-path.test.ts checks that the two always agree.
 */
export function messageOf(error: ValidatorErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return `must be ${String(error.params.type)}`;
    case 'required':
      return `must have required property '${String(error.params.missingProperty)}'`;
    case 'enum':
      return 'must be equal to one of the allowed values';
    case 'const':
      return 'must be equal to constant';
    case 'anyOf':
      return 'must match a schema in anyOf';
    default:
      return ajvMessage(error);
  }
}

/**
 * Roots a compiled validator's errors (see `Rooting`), adds their messages, and appends them to
 * `into`. They are changed in place, not copied: every call of a compiled validator creates
 * fresh error objects, so these are ours.
 */
export function appendErrors(
  into: ValidatorErrorObject[] | null,
  from: ValidatorErrorObject[],
  { pointer, definition, places }: Rooting,
): ValidatorErrorObject[] {
  for (let i = 0; i < from.length; i++) {
    const error = from[i]!;
    if (pointer !== '') error.instancePath = pointer + error.instancePath;
    let place = places.get(error.schemaPath);
    if (place === undefined) {
      const schemaPath = definition + error.schemaPath.slice(1);
      place = { schemaPath, message: FIXED_PARAMS.has(error.keyword) ? messageOf(error) : undefined };
      places.set(error.schemaPath, place);
    }
    error.schemaPath = place.schemaPath;
    error.message = place.message ?? messageOf(error);
  }
  if (into === null) return from;
  for (let i = 0; i < from.length; i++) into.push(from[i]!);
  return into;
}

/** The verdict on one record, and on a list page's own fields, in the command line's words. */
import type { ValidationError } from '../errors.js';
import { EVENT_TYPE_DEFINITION } from '../internal.js';
import { parseListAuditLogsResponse } from '../page.js';
import { parseWithHint, warningsOf, type AnyAuditLog, type ValidationWarning } from '../parse.js';
import { collectErrors, isValidAuditLog } from '../validate.js';

/** What an unknown event type's error suggests when no known type is close: the flag that accepts it. */
export const UNKNOWN_TYPE_HINT = 'if it is newer than this package, run with --unknown-types accept';

/** The verdict on one record: valid (perhaps with warnings), or its errors. */
export type Verdict =
  | { kind: 'valid'; warnings: readonly ValidationWarning[] }
  /** `unknown-type`: rejected only because its type is outside the catalog (and unknown types are rejected). */
  | { kind: 'invalid' | 'unknown-type'; errors: ValidationError[] };

const VALID: Verdict = Object.freeze({ kind: 'valid', warnings: Object.freeze([]) });

const isUnknownTypeError = (error: ValidationError) =>
  error.keyword === 'enum' && error.path === '/type' && error.schemaPath.startsWith(EVENT_TYPE_DEFINITION);

/**
 * Judges one record. The verdict comes first, from the validator that stops at the first failure
 * (most records are valid, and that is the cheapest way to say so); only an invalid record is
 * validated again to collect its readable errors.
 */
export function judgeRecord(value: unknown, acceptUnknownTypes: boolean, explain = true): Verdict {
  if (isValidAuditLog(value, acceptUnknownTypes)) {
    const warnings = warningsOf(value as AnyAuditLog);
    return warnings.length === 0 ? VALID : { kind: 'valid', warnings };
  }
  // Nobody reads the errors (--quiet): the kind alone, without readable messages or suggestions.
  if (!explain) return { kind: unknownTypeOnly(value, acceptUnknownTypes) ? 'unknown-type' : 'invalid', errors: [] };
  const result = parseWithHint(
    value,
    { unknownEventTypes: acceptUnknownTypes ? 'accept' : 'reject' },
    UNKNOWN_TYPE_HINT,
  );
  if (result.success) return result.warnings.length === 0 ? VALID : { kind: 'valid', warnings: result.warnings };
  return { kind: result.errors.every(isUnknownTypeError) ? 'unknown-type' : 'invalid', errors: result.errors };
}

/** Whether a record that failed is wrong only in its type being outside the catalog. */
function unknownTypeOnly(value: unknown, acceptUnknownTypes: boolean): boolean {
  if (acceptUnknownTypes) return false;
  const raw = collectErrors(value, false, 2);
  return raw !== null && raw.length === 1 && raw[0]!.schemaPath.startsWith(EVENT_TYPE_DEFINITION);
}

/** The one error of an object read as a list page that lacks `object`: it says so instead of listing every missing field. */
const NOT_A_LIST: ValidationError = Object.freeze({
  path: '/object',
  location: 'object',
  keyword: 'required',
  message:
    'is required but missing: an object with a "data" array and no "type" is read as a list page, and a list page has "object": "list"',
  expected: '"list"',
  found: 'nothing',
  schemaPath: '#/$defs/ListAuditLogsResponse/required',
});

/**
 * The errors of a list page's own fields (`object`, `data`, `first_id`, `last_id`, `has_more`),
 * not of its logs, which are records of their own. A page without `object` gets one error that
 * says so.
 */
export function judgePage(page: Record<string, unknown>): ValidationError[] {
  if (page.object === undefined) return [{ ...NOT_A_LIST }];
  // The logs are judged one by one as records: leave them out of the page's own verdict.
  const ownFields = Array.isArray(page.data) ? { ...page, data: [] } : page;
  const result = parseListAuditLogsResponse(ownFields);
  return result.success ? [] : result.errors;
}

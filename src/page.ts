import type { ListAuditLogsResponse } from '../generated/types.js';
import { validateListPage } from '../generated/validators/list-page.js';
import { ajvMessage, toValidationErrors, type ValidationError } from './errors.js';
import { unreadableError, type ValidatorErrorObject } from './internal.js';
import { maxErrorsOf, warningsFrom, type AnyAuditLog, type ParseOptions, type ValidationWarning } from './parse.js';
import {
  collectErrors,
  DEFAULT_MAX_ERRORS,
  isAuditLogEventType,
  moreErrorsError,
  type EnvelopeRead,
} from './validate.js';

/** A page of `GET /v1/organization/audit_logs` whose logs may be of types newer than the catalog. */
export interface ListAnyAuditLogsResponse extends Omit<ListAuditLogsResponse, 'data'> {
  /** The audit logs of the page, in the order the API returned them. */
  data: AnyAuditLog[];
}

/** What one log of a page contributed, or the page's own fields (`index` undefined). */
interface PagePart {
  index?: number;
  /** What was judged: the log, or the page's fields as they were read. */
  judged: unknown;
  /** The log's type and id as they were read (the page's own fields have neither). */
  read: { type: unknown; id: unknown };
  raw: ValidatorErrorObject[];
}

/** What judging a page found: its errors part by part (`null` when valid), and a valid page's warnings. */
interface PageOutcome {
  parts: PagePart[] | null;
  known: boolean;
  warnings: ValidationWarning[];
}

const NO_IDENTITY = { type: undefined, id: undefined };

/**
 * The page's own fields, each read once, in an object of their own: the compiled page validator
 * reads that, and so does whatever reports its errors (test/src/page-read.test.ts checks that it
 * holds every field the validator reads). `undefined` for anything but an object.
 */
function pageFieldsOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const page = value as Record<string, unknown>;
  return {
    object: page.object,
    data: page.data,
    first_id: page.first_id,
    last_id: page.last_id,
    has_more: page.has_more,
  };
}

/** The page validator's errors, rooted in the canonical schema, with their messages. */
const pageFieldErrors = (errors: readonly ValidatorErrorObject[]): ValidatorErrorObject[] =>
  errors.map((error) => ({
    ...error,
    schemaPath: `#/$defs/ListAuditLogsResponse${error.schemaPath.slice(1)}`,
    message: ajvMessage(error),
  }));

/**
 * The errors of a page, part by part: its own fields, then each log in `data`. At most `limit`
 * errors in all, then one (keyword `maxErrors`) saying there were more; with `limit` 0 (a verdict)
 * it stops at the first error. Every field of the page and of each log is read once, holes in
 * `data` are looked at only until the budget is spent, and nothing is read after it. Never throws.
 */
function judgePage(value: unknown, acceptUnknownTypes: boolean, limit: number): PageOutcome {
  const outcome: PageOutcome = { parts: null, known: true, warnings: [] };
  const parts: PagePart[] = [];
  // A verdict needs one error; past the budget, a log's errors only tell that there are more.
  let left = limit || 1;
  /** Adds a part within the budget; false when judging stops (the budget spent, or a verdict). */
  const add = (part: PagePart): boolean => {
    const over = part.raw.length > left;
    if (over) part.raw.length = left;
    if (part.raw.length > 0) parts.push(part);
    left -= part.raw.length;
    if (over) parts.push({ judged: undefined, read: NO_IDENTITY, raw: [moreErrorsError(limit)] });
    return !over && limit > 0;
  };
  let index: number | undefined;
  try {
    const fields = pageFieldsOf(value);
    if (
      !validateListPage(fields ?? value, { instancePath: '', maxErrors: left + 1 }) &&
      !add({ judged: fields, read: NO_IDENTITY, raw: pageFieldErrors(validateListPage.errors!) })
    )
      return { ...outcome, parts };
    const data = fields?.data;
    const length = Array.isArray(data) ? data.length : 0;
    for (index = 0; index < length; index++) {
      const log: unknown = (data as unknown[])[index];
      const read: EnvelopeRead = { type: undefined, id: undefined, effectiveAt: undefined };
      const raw = collectErrors(log, acceptUnknownTypes, left, read);
      if (raw !== null) {
        if (!add({ index, judged: log, read, raw })) break;
      } else if (parts.length === 0) {
        // Valid so far: what a valid page returns, from what was read.
        if (!isAuditLogEventType(read.type)) outcome.known = false;
        for (const warning of warningsFrom(read)) outcome.warnings.push(inPage(index, warning));
      }
    }
  } catch (error) {
    // Reading the page itself threw (a getter, a Proxy): placed at the log being read, if any.
    const problem = unreadableError(error);
    parts.push({ index, judged: undefined, read: NO_IDENTITY, raw: [{ ...problem, message: ajvMessage(problem) }] });
  }
  return parts.length === 0 ? outcome : { ...outcome, parts };
}

/** AJV-style errors of the whole page: each log's re-rooted at `/data/<index>`. */
const ajvErrors = (parts: PagePart[]): ValidatorErrorObject[] =>
  parts.flatMap(({ index, raw }) =>
    index === undefined ? raw : raw.map((error) => ({ ...error, instancePath: `/data/${index}${error.instancePath}` })),
  );

/**
 * Validates a whole page of `GET /v1/organization/audit_logs`, AJV-style: the page's own fields
 * and every log in `data`; errors (paths such as `/data/3/effective_at`) are left on
 * `validateListAuditLogsResponse.errors`, `null` when valid. With `{ unknownEventTypes: 'accept' }`
 * a log of a type newer than the catalog does not make the page invalid. At most `maxErrors`
 * errors are listed for the whole page (default 100); a last one, keyword `maxErrors`, says there
 * were more. Reads each field once; never throws.
 */
export function validateListAuditLogsResponse(
  value: unknown,
  options?: { unknownEventTypes?: 'reject'; maxErrors?: number },
): value is ListAuditLogsResponse;
export function validateListAuditLogsResponse(value: unknown, options: ParseOptions): value is ListAnyAuditLogsResponse;
export function validateListAuditLogsResponse(value: unknown, options?: ParseOptions): boolean {
  const { parts } = judgePage(
    value,
    options?.unknownEventTypes === 'accept',
    maxErrorsOf(options) ?? DEFAULT_MAX_ERRORS,
  );
  validateListAuditLogsResponse.errors = parts === null ? null : ajvErrors(parts);
  return parts === null;
}
// eslint-disable-next-line @typescript-eslint/no-namespace -- types the AJV-style `errors` property without a runtime statement
export declare namespace validateListAuditLogsResponse {
  /** The errors of the last call, `null` when it was valid. */
  let errors: ValidatorErrorObject[] | null | undefined;
}

/**
 * Whether `value` is a valid page of audit logs (same contract and options as
 * `validateListAuditLogsResponse`); stops at the first error.
 */
export function isListAuditLogsResponse(
  value: unknown,
  options?: { unknownEventTypes?: 'reject' },
): value is ListAuditLogsResponse;
export function isListAuditLogsResponse(value: unknown, options: ParseOptions): value is ListAnyAuditLogsResponse;
export function isListAuditLogsResponse(value: unknown, options?: ParseOptions): boolean {
  return judgePage(value, options?.unknownEventTypes === 'accept', 0).parts === null;
}

/**
 * The outcome of `parseListAuditLogsResponse`: the page and its logs' warnings, or its errors.
 * `known` is true when every log in `data` is of a catalog type; otherwise `data` may hold
 * `UnknownAuditLog`s (only when unknown event types are accepted): narrow each with `isKnownAuditLog`.
 */
export type ParseListResult =
  | { success: true; data: ListAuditLogsResponse; known: true; warnings: readonly ValidationWarning[] }
  | { success: true; data: ListAnyAuditLogsResponse; known: false; warnings: readonly ValidationWarning[] }
  | { success: false; errors: ValidationError[] };

/** A readable error or warning of the log at `data[index]`, placed in the page (`data[3].effective_at`). */
const inPage = <T extends { path: string; location: string }>(index: number, item: T): T => ({
  ...item,
  path: `/data/${index}${item.path}`,
  location: `data[${index}]${item.location === '(root)' ? '' : `.${item.location}`}`,
});

/** Readable errors of one part of a page, placed in the page. */
function partErrors({ index, judged, read, raw }: PagePart): ValidationError[] {
  const errors = toValidationErrors(raw, judged, undefined, read);
  return index === undefined ? errors : errors.map((error) => inPage(index, error));
}

/**
 * Validates a whole page like `validateListAuditLogsResponse` and returns either
 * `{ success: true, data, known, warnings }` or `{ success: false, errors }` with its errors
 * (at most `maxErrors`, default 100, and one saying there were more), readable
 * (`data[3].effective_at: must be integer, ...`, each carrying its log's `id`). Reads each field
 * of the page and of its logs once; never throws.
 */
export function parseListAuditLogsResponse(value: unknown, options?: ParseOptions): ParseListResult {
  const { parts, known, warnings } = judgePage(
    value,
    options?.unknownEventTypes === 'accept',
    maxErrorsOf(options) ?? DEFAULT_MAX_ERRORS,
  );
  if (parts !== null) return { success: false, errors: parts.flatMap(partErrors) };
  return known
    ? { success: true, data: value as ListAuditLogsResponse, known: true, warnings }
    : { success: true, data: value as ListAnyAuditLogsResponse, known: false, warnings };
}

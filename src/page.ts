import type { ListAuditLogsResponse } from '../generated/types.js';
import { validateListPage } from '../generated/validators/list-page.js';
import { ajvMessage, toValidationErrors, type ValidationError } from './errors.js';
import { unreadableError, type ValidatorErrorObject } from './internal.js';
import { warningsOf, type AnyAuditLog, type ParseOptions, type ValidationWarning } from './parse.js';
import { collectErrors, isAuditLogEventType } from './validate.js';

/** A page of `GET /v1/organization/audit_logs` whose logs may be of types newer than the catalog. */
export interface ListAnyAuditLogsResponse extends Omit<ListAuditLogsResponse, 'data'> {
  /** The audit logs of the page, in the order the API returned them. */
  data: AnyAuditLog[];
}

/** What one log of a page contributed, or the page's own fields (`index` undefined). */
interface PagePart {
  index?: number;
  log?: unknown;
  raw: ValidatorErrorObject[];
}

/** The errors of a page, part by part: its own fields, then each log in `data`; `null` when valid. Never throws. */
function pageErrors(value: unknown, acceptUnknownTypes: boolean): PagePart[] | null {
  const parts: PagePart[] = [];
  try {
    if (!validateListPage(value)) {
      parts.push({
        raw: validateListPage.errors!.map((error) => ({
          ...error,
          schemaPath: `#/$defs/ListAuditLogsResponse${error.schemaPath.slice(1)}`,
          message: ajvMessage(error),
        })),
      });
    }
    const data = typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : undefined;
    if (Array.isArray(data)) {
      for (let index = 0; index < data.length; index++) {
        const log: unknown = data[index];
        const raw = collectErrors(log, acceptUnknownTypes);
        if (raw !== null) parts.push({ index, log, raw });
      }
    }
  } catch (error) {
    const problem = unreadableError(error);
    parts.push({ raw: [{ ...problem, message: ajvMessage(problem) }] });
  }
  return parts.length === 0 ? null : parts;
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
 * a log of a type newer than the catalog does not make the page invalid.
 */
export function validateListAuditLogsResponse(
  value: unknown,
  options?: { unknownEventTypes?: 'reject' },
): value is ListAuditLogsResponse;
export function validateListAuditLogsResponse(value: unknown, options: ParseOptions): value is ListAnyAuditLogsResponse;
export function validateListAuditLogsResponse(value: unknown, options?: ParseOptions): boolean {
  const parts = pageErrors(value, options?.unknownEventTypes === 'accept');
  validateListAuditLogsResponse.errors = parts === null ? null : ajvErrors(parts);
  return parts === null;
}
// eslint-disable-next-line @typescript-eslint/no-namespace -- types the AJV-style `errors` property without a runtime statement
export declare namespace validateListAuditLogsResponse {
  /** The errors of the last call, `null` when it was valid. */
  let errors: ValidatorErrorObject[] | null | undefined;
}

/** Whether `value` is a valid page of audit logs (same contract and options as `validateListAuditLogsResponse`). */
export function isListAuditLogsResponse(
  value: unknown,
  options?: { unknownEventTypes?: 'reject' },
): value is ListAuditLogsResponse;
export function isListAuditLogsResponse(value: unknown, options: ParseOptions): value is ListAnyAuditLogsResponse;
export function isListAuditLogsResponse(value: unknown, options?: ParseOptions): boolean {
  return pageErrors(value, options?.unknownEventTypes === 'accept') === null;
}

/**
 * The outcome of `parseListAuditLogsResponse`: the page and its logs' warnings, or every error.
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
function partErrors({ index, log, raw }: PagePart, page: unknown): ValidationError[] {
  if (index === undefined) return toValidationErrors(raw, page);
  return toValidationErrors(raw, log).map((error) => inPage(index, error));
}

/**
 * Validates a whole page like `validateListAuditLogsResponse` and returns either
 * `{ success: true, data, known, warnings }` or `{ success: false, errors }` with every error,
 * readable (`data[3].effective_at: must be integer, ...`, each carrying its log's `id`). Never throws.
 */
export function parseListAuditLogsResponse(value: unknown, options?: ParseOptions): ParseListResult {
  const parts = pageErrors(value, options?.unknownEventTypes === 'accept');
  if (parts !== null) return { success: false, errors: parts.flatMap((part) => partErrors(part, value)) };
  const page = value as ListAnyAuditLogsResponse;
  const warnings = page.data.flatMap((log, index) => warningsOf(log).map((warning) => inPage(index, warning)));
  return page.data.every((log) => isAuditLogEventType(log.type))
    ? { success: true, data: page as ListAuditLogsResponse, known: true, warnings }
    : { success: true, data: page, known: false, warnings };
}

import type { ListAuditLogsResponse } from '../generated/types.js';
import { validateListPage } from '../generated/validators/list-page.js';
import { ajvMessage } from './errors.js';
import type { ValidatorErrorObject } from './internal.js';
import { collectErrors, unreadable } from './validate.js';

function pageErrors(value: unknown): ValidatorErrorObject[] | null {
  let errors: ValidatorErrorObject[] | null = null;
  try {
    if (!validateListPage(value)) {
      errors = validateListPage.errors!.map((error) => ({
        ...error,
        schemaPath: `#/$defs/ListAuditLogsResponse${error.schemaPath.slice(1)}`,
        message: ajvMessage(error),
      }));
    }
    const data = typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : undefined;
    if (Array.isArray(data)) {
      for (let index = 0; index < data.length; index++) {
        const itemErrors = collectErrors(data[index], false);
        if (itemErrors === null) continue;
        errors ??= [];
        for (const error of itemErrors) errors.push({ ...error, instancePath: `/data/${index}${error.instancePath}` });
      }
    }
  } catch (error) {
    const problem = unreadable(error);
    errors = [...(errors ?? []), { ...problem, message: ajvMessage(problem) }];
  }
  return errors;
}

/**
 * Validates a whole page of `GET /v1/organization/audit_logs`, AJV-style: the page fields and
 * every log in `data`; errors (paths such as `/data/3/effective_at`) are left on
 * `validateListAuditLogsResponse.errors`, `null` when valid.
 */
export function validateListAuditLogsResponse(value: unknown): value is ListAuditLogsResponse {
  const errors = pageErrors(value);
  validateListAuditLogsResponse.errors = errors;
  return errors === null;
}
// eslint-disable-next-line @typescript-eslint/no-namespace -- types the AJV-style `errors` property without a runtime statement
export declare namespace validateListAuditLogsResponse {
  /** The errors of the last call, `null` when it was valid. */
  let errors: ValidatorErrorObject[] | null | undefined;
}

/** Whether `value` is a valid page of audit logs (same contract as `validateListAuditLogsResponse`). */
export function isListAuditLogsResponse(value: unknown): value is ListAuditLogsResponse {
  return pageErrors(value) === null;
}

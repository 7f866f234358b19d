/** `pullAuditLogs`: the collector as an async iterator of validated audit logs. */
import type { ValidationError } from '../errors.js';
import { parseAuditLog, type AnyAuditLog } from '../parse.js';
import { pullBatches, type PullLoopOptions } from './loop.js';
import type { PullState } from './state.js';

/** The options of `pullAuditLogs`. Only `adminKey` is required. */
export interface PullAuditLogsOptions extends PullLoopOptions {
  /** Whether a log of a type newer than the catalog is valid (default `accept`: the API adds types often). */
  unknownEventTypes?: 'accept' | 'reject';
  /**
   * Called with each record that is not a valid audit log, and its errors, before the pull goes on.
   * Without it, invalid records are skipped.
   */
  onInvalid?: (record: unknown, errors: ValidationError[]) => void | Promise<void>;
  /**
   * Called with the state once every log delivered before it has been consumed (after each page,
   * when the loop asks for the next log): store it, and pass it back as `state` to resume there.
   */
  onState?: (state: PullState) => void | Promise<void>;
}

/**
 * Pulls the organization's audit logs from `GET /v1/organization/audit_logs`, newest first, and
 * yields each valid one. By default both streams are collected: the logs a plain request lists
 * and the tenant-scoped ones that only `tenant_only=true` lists (`scope` narrows it). With the
 * `state` of an earlier pull (from `onState`), it starts where that one ended, looks back
 * `lookBackSeconds` for logs that appeared late, and skips by id what was already delivered.
 * Retries 429 (after `Retry-After`), 5xx, resets, timeouts and bodies cut short with bounded
 * backoff; throws `AuditLogsPullError` when it cannot go on (`reason` says why). Uses the
 * runtime's `fetch`; the key goes only to the base URL's origin, never into an error.
 *
 * @example
 * for await (const log of pullAuditLogs({ adminKey: process.env.OPENAI_ADMIN_KEY!, since: Date.now() / 1000 - 3600 })) {
 *   console.log(log.id, log.type);
 * }
 */
export async function* pullAuditLogs(options: PullAuditLogsOptions): AsyncGenerator<AnyAuditLog, void, undefined> {
  const unknownEventTypes = options.unknownEventTypes ?? 'accept';
  for await (const batch of pullBatches(options)) {
    for (const record of batch.records) {
      const result = parseAuditLog(record, { unknownEventTypes });
      if (result.success) yield result.data;
      else await options.onInvalid?.(record, result.errors);
    }
    await options.onState?.(batch.state);
  }
}

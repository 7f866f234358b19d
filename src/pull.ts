/**
 * openai-audit-logs/pull: the collector. `pullAuditLogs` fetches the organization's audit logs
 * with the runtime's `fetch` (no dependency), incrementally and with retries; `auditLogsQuery`
 * writes the endpoint's query string. The `openai-audit-logs pull` command runs the same loop.
 */
export { auditLogsQuery } from './pull/query.js';
export { pullAuditLogs, type PullAuditLogsOptions } from './pull/pull-audit-logs.js';
export { AuditLogsPullError, type PullErrorReason } from './pull/errors.js';
export type { PullFilters, PullLoopOptions, PullScope } from './pull/loop.js';
export type { RetryOptions } from './pull/http.js';
export type { AbortSignalLike, FetchFunction, FetchInit, FetchResponse } from './pull/runtime.js';
export type { PullState, PullStream, PullStreamState, PullSweep } from './pull/state.js';

/** The query string of `GET /v1/organization/audit_logs`, written the way the endpoint and the official SDK spell it. */
import type { ListAuditLogsParams } from '../../generated/types.js';

/** The array filters, each sent as repeated `name[]=value` keys, in this order. */
const ARRAY_PARAMS = ['project_ids', 'event_types', 'actor_ids', 'actor_emails', 'resource_ids'] as const;
/** The bounds of `effective_at`, each sent as `effective_at[bound]=seconds`. */
const BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const;

const pair = (key: string, value: string | number | boolean): string =>
  `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;

/**
 * `params` as the query string the endpoint expects, without the leading `?`:
 * `effective_at[gte]=1722461446&event_types[]=api_key.created&limit=100` (brackets
 * percent-encoded, as the official SDK sends them). Keys come in a fixed order; `undefined`
 * fields and empty arrays are left out.
 *
 * @example
 * const url = `https://api.openai.com/v1/organization/audit_logs?${auditLogsQuery({ effective_at: { gte: since }, limit: 100 })}`;
 */
export function auditLogsQuery(params: ListAuditLogsParams): string {
  const parts: string[] = [];
  const range = params.effective_at;
  if (range !== undefined) {
    for (const bound of BOUNDS)
      if (range[bound] !== undefined) parts.push(pair(`effective_at[${bound}]`, range[bound]));
  }
  for (const name of ARRAY_PARAMS) {
    for (const value of params[name] ?? []) parts.push(pair(`${name}[]`, value));
  }
  if (params.tenant_only !== undefined) parts.push(pair('tenant_only', params.tenant_only));
  if (params.limit !== undefined) parts.push(pair('limit', params.limit));
  if (params.after !== undefined) parts.push(pair('after', params.after));
  if (params.before !== undefined) parts.push(pair('before', params.before));
  return parts.join('&');
}

/**
 * The collector's loop: for each stream, sweeps the window newest first with the `after` cursor,
 * drops what an earlier run (or an earlier page) already delivered, and hands over each page's
 * new logs with the state to keep once they are stored. The command line and `pullAuditLogs`
 * both run it.
 */
import type { ListAuditLogsParams } from '../../generated/types.js';
import { AuditLogsPullError } from './errors.js';
import { fetchPage, isSafeUrl, RETRY_DEFAULTS, type Client, type Page, type RetryOptions } from './http.js';
import { auditLogsQuery } from './query.js';
import { runtime, type AbortSignalLike, type FetchFunction, type UrlLike } from './runtime.js';
import {
  completeSweep,
  isPullState,
  markDelivered,
  snapshot,
  startSweep,
  wasDelivered,
  type PullState,
  type PullStream,
  type PullStreamState,
  type PullSweep,
} from './state.js';

/** The request filters of the endpoint that a pull passes on. */
export type PullFilters = Pick<
  ListAuditLogsParams,
  'project_ids' | 'event_types' | 'actor_ids' | 'actor_emails' | 'resource_ids'
>;

/** Which streams to collect: `all` (the default) is both, each with its own position. */
export type PullScope = PullStream | 'all';

/** What the loop needs (`pullAuditLogs` takes these and its own). Only `adminKey` is required. */
export interface PullLoopOptions {
  /** An admin key (`sk-admin-...`): sent only to the origin of `baseUrl`, never put in an error. */
  adminKey: string;
  /** Default `https://api.openai.com/v1`; plain `http://` only to loopback. */
  baseUrl?: string;
  /** `all` (the default): the plain stream and the tenant-scoped one, each with its own position. */
  scope?: PullScope;
  /** Unix seconds: where a stream with no position starts (default: all the API keeps). */
  since?: number;
  /** Unix seconds: where the sweep ends (default: the time the sweep starts). */
  until?: number;
  /** The API's filters; `event_types` are split between the streams they belong to. */
  filters?: PullFilters;
  /** Page size, 1 to 100 (default 100). */
  limit?: number;
  /** How far before the last run's end a run looks again, for logs that appear late (default 900 s). */
  lookBackSeconds?: number;
  /** Where an earlier pull got to (its last `onState`); without it, a first run. */
  state?: PullState;
  /** Retries and time limits. */
  retry?: RetryOptions;
  /** The `fetch` to use (default: the runtime's). */
  fetch?: FetchFunction;
  /** Stops the pull: the request in flight is aborted, and it throws `AuditLogsPullError` with reason `aborted`. */
  signal?: AbortSignalLike;
  /** The clock, in milliseconds (default `Date.now`). */
  now?: () => number;
  /** The jitter's random numbers in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Called before each retry's wait, with why and how long. */
  onRetry?: (why: string, delayMs: number) => void;
}

/** One page's worth: the logs no earlier page delivered, and the state to keep once they are stored. */
export interface Batch {
  stream: PullStream;
  records: unknown[];
  state: PullState;
  /** The oldest `effective_at` the sweep has reached, for the progress line. */
  reached: number | null;
  /** Whether this batch ends the stream's sweep. */
  complete: boolean;
  /** The page's own fields (`object`, `first_id`, `last_id`, `has_more`), its logs left out. */
  fields: Record<string, unknown>;
}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_LOOK_BACK_SECONDS = 900;
const PATH = '/organization/audit_logs';

/**
 * Whether an event type is tenant-scoped: the API lists those only to a `tenant_only=true` request
 * (and such a request accepts only them as filters): the `tenant.*` types and the two role binding events.
 */
export const isTenantEventType = (type: string): boolean =>
  type.startsWith('tenant.') || type === 'role.bound_to_resource' || type === 'role.unbound_from_resource';

/** The filters of one stream; `undefined` when the event-type filter leaves it nothing to list. */
function streamFilters(stream: PullStream, filters: PullFilters): ListAuditLogsParams | undefined {
  const types = filters.event_types;
  if (types === undefined || types.length === 0)
    return { ...filters, ...(stream === 'tenant' ? { tenant_only: true } : {}) };
  const own = types.filter((type) => isTenantEventType(type) === (stream === 'tenant'));
  if (own.length === 0) return undefined;
  return { ...filters, event_types: own, ...(stream === 'tenant' ? { tenant_only: true } : {}) };
}

/** The base URL, checked: https, or http to loopback only. */
export function checkBaseUrl(baseUrl: string): UrlLike {
  let url: UrlLike;
  try {
    url = new runtime.URL(baseUrl);
  } catch {
    throw new AuditLogsPullError(`not a URL: ${JSON.stringify(baseUrl)}`, 'options');
  }
  if (!isSafeUrl(url))
    throw new AuditLogsPullError(
      `refusing ${url.protocol}//${url.host}: the key is sent only over https, or plain http to loopback (127.0.0.1, ::1, localhost)`,
      'options',
    );
  return url;
}

function checkOptions(options: PullLoopOptions): { limit: number; lookBack: number } {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new AuditLogsPullError(`limit must be an integer from 1 to 100, got ${limit}`, 'options');
  const lookBack = options.lookBackSeconds ?? DEFAULT_LOOK_BACK_SECONDS;
  if (!Number.isInteger(lookBack) || lookBack < 0)
    throw new AuditLogsPullError(`the look-back must be a whole number of seconds, got ${lookBack}`, 'options');
  if (typeof options.adminKey !== 'string' || options.adminKey.trim() === '')
    throw new AuditLogsPullError('no admin key', 'options');
  if (options.state !== undefined && !isPullState(options.state))
    throw new AuditLogsPullError('the state is not one this version wrote', 'options');
  return { limit, lookBack };
}

/** The client every request of the pull shares. */
function clientOf(options: PullLoopOptions, base: UrlLike): Client {
  const fetch = options.fetch ?? runtime.fetch;
  if (fetch === undefined) throw new AuditLogsPullError('this runtime has no fetch: pass one', 'options');
  return {
    key: options.adminKey,
    origin: base.origin,
    fetch: options.fetch ?? ((url, init) => runtime.fetch!(url, init)),
    retry: { ...RETRY_DEFAULTS, ...options.retry },
    signal: options.signal,
    random: options.random ?? Math.random,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };
}

/** The position of `stream`, made with `filters`: the state's, or a new one. */
function positionOf(state: PullState, stream: PullStream, filters: string): PullStreamState {
  const existing = state.streams[stream];
  if (existing === undefined) return (state.streams[stream] = { filters, through: null, recent: {}, sweep: null });
  if (existing.filters !== filters)
    throw new AuditLogsPullError(
      `the state of the ${stream} stream was made with other filters (${existing.filters || 'none'}); use another state`,
      'options',
    );
  return existing;
}

interface SweepContext {
  client: Client;
  endpoint: string;
  params: ListAuditLogsParams;
  limit: number;
  lookBack: number;
  state: PullState;
  stream: PullStream;
}

/** The query of the next page: after the cursor, or, without one, from the oldest second reached. */
function pageQuery(context: SweepContext, sweep: PullSweep): string {
  const upper = sweep.cursor !== null ? sweep.to : (sweep.reached ?? sweep.to);
  return auditLogsQuery({
    ...context.params,
    effective_at: { ...(sweep.from !== null ? { gte: sweep.from } : {}), lte: upper },
    limit: context.limit,
    ...(sweep.cursor !== null ? { after: sweep.cursor } : {}),
  });
}

/** The page, and when a cursor from an earlier run is refused, the page from the oldest second reached instead. */
async function nextPage(context: SweepContext, sweep: PullSweep, resumed: boolean): Promise<Page> {
  try {
    return await fetchPage(context.client, `${context.endpoint}?${pageQuery(context, sweep)}`);
  } catch (error) {
    if (!resumed || !(error instanceof AuditLogsPullError) || error.reason !== 'refused') throw error;
    sweep.cursor = null;
    return fetchPage(context.client, `${context.endpoint}?${pageQuery(context, sweep)}`);
  }
}

/** Sweeps one stream's window, newest first, a batch per page. */
async function* sweep(context: SweepContext, position: PullStreamState): AsyncGenerator<Batch> {
  const { lookBack, state, stream } = context;
  const current = position.sweep!;
  // Ids seen in this process: a page that repeats a log (it should not) delivers it once.
  const seen = new Set<string>();
  for (let resumed = current.cursor !== null; ; resumed = false) {
    const page = await nextPage(context, current, resumed);
    const records: unknown[] = [];
    for (const record of page.data) {
      const id = (record as { id?: unknown } | null)?.id;
      const at = (record as { effective_at?: unknown } | null)?.effective_at;
      if (typeof id !== 'string' || typeof at !== 'number' || !Number.isInteger(at)) {
        records.push(record); // Not a log the position can hold: delivered, and judged invalid.
        continue;
      }
      if (seen.has(id) || wasDelivered(position, id)) continue;
      seen.add(id);
      markDelivered(current, id, at, lookBack);
      records.push(record);
    }
    const next = page.last_id ?? null;
    const complete = !page.has_more || page.data.length === 0 || next === null;
    if (!complete && next === current.cursor)
      throw new AuditLogsPullError(`the API returned the same cursor twice (${next})`, 'exhausted');
    if (complete) completeSweep(position, lookBack);
    else current.cursor = next;
    const { data: _data, ...fields } = page;
    yield { stream, records, state: snapshot(state), reached: current.reached, complete, fields };
    if (complete) return;
  }
}

/**
 * Pulls every stream of the scope, a batch per page. A sweep cut short (the state says so) is
 * finished first; then one sweep goes up to `until`, or to now.
 */
export async function* pullBatches(options: PullLoopOptions): AsyncGenerator<Batch> {
  const { limit, lookBack } = checkOptions(options);
  const base = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const client = clientOf(options, base);
  const endpoint = `${base.href.replace(/\/+$/, '')}${PATH}`;
  const state: PullState = options.state !== undefined ? snapshot(options.state) : { version: 1, streams: {} };
  const scope = options.scope ?? 'all';
  const streams: PullStream[] = scope === 'all' ? ['org', 'tenant'] : [scope];
  const now = options.now ?? Date.now;
  for (const stream of streams) {
    const params = streamFilters(stream, options.filters ?? {});
    if (params === undefined) continue;
    const filters = auditLogsQuery(params);
    const position = positionOf(state, stream, filters);
    const context: SweepContext = { client, endpoint, params, limit, lookBack, state, stream };
    const target = options.until ?? Math.floor(now() / 1000);
    // At most two sweeps: the one a crash cut short, if any, then a new one up to the target (a
    // run always sweeps once, even in the second where the last one ended: late logs may be there).
    for (let sweeps = 0; sweeps < 2; sweeps++) {
      if (position.sweep === null) {
        if (sweeps > 0 && position.through !== null && position.through >= target) break;
        position.sweep = startSweep(position, options.since ?? null, target, lookBack);
      }
      yield* sweep(context, position);
    }
  }
}

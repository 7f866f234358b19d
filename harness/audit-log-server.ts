/**
 * A local stand-in for `GET /v1/organization/audit_logs`, on 127.0.0.1 only, for the collector's
 * tests and benchmark. It behaves as the documented endpoint does: newest first, `limit` (1 to
 * 100, default 20), the `after` cursor, the `effective_at[gt|gte|lt|lte]` bounds, the array
 * filters, `tenant_only` (tenant-scoped events are listed only then, and only they), and
 * `first_id`, `last_id`, `has_more`. Logs can be added while a pull runs, and every fault the
 * collector must survive can be injected, one request at a time.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isTenantEventType } from '../src/pull/loop.ts';
import { catalog, validPayload } from './payloads.ts';

/** A log as the server holds it. */
export type ServedLog = Record<string, unknown> & { id: string; type: string; effective_at: number };

/** What to do with one request instead of answering it well. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** The connection closed before any answer. */
  | { kind: 'reset' }
  /** No answer at all: the client's timeout must fire. */
  | { kind: 'hang' }
  /** The right headers (Content-Length of the whole body), half the body, then the connection closed. */
  | { kind: 'truncate' }
  /** 200 with a body that is not JSON. */
  | { kind: 'garbage' }
  | { kind: 'redirect'; location: string; status?: number };

/** One request as the server saw it. */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  /** Whether it carried the right `Authorization` header. */
  authorized: boolean;
  /** Whether it carried any `Authorization` header. */
  hadAuthorization: boolean;
}

export interface AuditLogServer {
  /** The base URL to give the collector: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  origin: string;
  logs(): ServedLog[];
  add(logs: readonly ServedLog[]): void;
  /** Faults for the next requests, in order. */
  inject(...faults: Fault[]): void;
  /** Decides a fault for every request (after the injected ones run out); `undefined` for none. */
  faultPlan: ((requestNumber: number) => Fault | undefined) | undefined;
  /** Called as each request arrives, before it is answered (to add logs mid-run). */
  onRequest: ((request: SeenRequest, number: number) => void) | undefined;
  /** Milliseconds to wait before each answer. */
  delayMs: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const PATH = '/v1/organization/audit_logs';
const ARRAY_FILTERS = ['project_ids', 'event_types', 'actor_ids', 'actor_emails', 'resource_ids'] as const;

/** Newest first; within a second, by id descending (any fixed order would do). */
const newestFirst = (a: ServedLog, b: ServedLog) =>
  b.effective_at - a.effective_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined),
    value,
  );

/** The values a log answers to, per filter. */
function filterValues(log: ServedLog, filter: (typeof ARRAY_FILTERS)[number]): unknown[] {
  switch (filter) {
    case 'project_ids':
      return [get(log, 'project', 'id')];
    case 'event_types':
      return [log.type];
    case 'actor_ids':
      return [
        get(log, 'actor', 'session', 'user', 'id'),
        get(log, 'actor', 'api_key', 'id'),
        get(log, 'actor', 'api_key', 'user', 'id'),
        get(log, 'actor', 'api_key', 'service_account', 'id'),
      ];
    case 'actor_emails':
      return [get(log, 'actor', 'session', 'user', 'email'), get(log, 'actor', 'api_key', 'user', 'email')];
    case 'resource_ids':
      return [get(log, log.type, 'id')];
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

const apiError = (message: string, type = 'invalid_request_error') => ({ error: { message, type, code: null } });

/** The page for a request, or the error status and body. */
function answer(store: ServedLog[], query: URLSearchParams): { status: number; body: unknown } {
  const limit = query.has('limit') ? Number(query.get('limit')) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return { status: 400, body: apiError('limit must be an integer from 1 to 100') };
  const tenantOnly = query.get('tenant_only') === 'true';
  const types = query.getAll('event_types[]');
  if (tenantOnly && types.some((type) => !isTenantEventType(type)))
    return { status: 400, body: apiError('with tenant_only, every event type must be tenant-scoped') };
  const bounds = ['gt', 'gte', 'lt', 'lte'].map((bound) => [bound, query.get(`effective_at[${bound}]`)] as const);
  let logs = store.filter((log) => isTenantEventType(log.type) === tenantOnly);
  for (const [bound, value] of bounds) {
    if (value === null) continue;
    const n = Number(value);
    if (!Number.isInteger(n)) return { status: 400, body: apiError(`effective_at[${bound}] must be an integer`) };
    logs = logs.filter((log) =>
      bound === 'gt'
        ? log.effective_at > n
        : bound === 'gte'
          ? log.effective_at >= n
          : bound === 'lt'
            ? log.effective_at < n
            : log.effective_at <= n,
    );
  }
  for (const filter of ARRAY_FILTERS) {
    const wanted = query.getAll(`${filter}[]`);
    if (wanted.length > 0)
      logs = logs.filter((log) => filterValues(log, filter).some((v) => wanted.includes(v as string)));
  }
  const after = query.get('after');
  if (after !== null) {
    const cursor = store.find((log) => log.id === after);
    if (cursor === undefined) return { status: 400, body: apiError(`no such cursor: ${after}`) };
    logs = logs.filter((log) => newestFirst(cursor, log) < 0);
  }
  const data = logs.slice(0, limit);
  return {
    status: 200,
    body: {
      object: 'list',
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: logs.length > limit,
    },
  };
}

/** Starts the server on 127.0.0.1 with an ephemeral port; `key` is the admin key it accepts. */
export async function startAuditLogServer(key: string, initial: readonly ServedLog[] = []): Promise<AuditLogServer> {
  let store = [...initial].sort(newestFirst);
  const queue: Fault[] = [];
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const authorization = request.headers.authorization;
    const seen: SeenRequest = {
      path: url.pathname,
      query: url.searchParams,
      authorized: authorization === `Bearer ${key}`,
      hadAuthorization: authorization !== undefined,
    };
    const number = ++count;
    control.requests.push(seen);
    control.onRequest?.(seen, number);
    const fault = queue.shift() ?? control.faultPlan?.(number);
    const respond = () => {
      if (fault !== undefined && fault.kind !== 'status') return faulty(fault, request, response, store, seen);
      if (url.pathname !== PATH) return send(response, 404, apiError(`no route ${url.pathname}`));
      if (!seen.authorized)
        // The real API echoes (part of) the key it was given: the collector must never repeat it.
        return send(
          response,
          401,
          apiError(`Incorrect API key provided: ${authorization ?? 'none'}.`, 'invalid_api_key'),
        );
      if (fault?.kind === 'status') {
        const text = fault.body ?? JSON.stringify(apiError(`injected ${fault.status}`, 'server_error'));
        response.writeHead(fault.status, {
          'content-type': 'application/json',
          ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
        });
        return response.end(text);
      }
      const { status, body } = answer(store, url.searchParams);
      send(response, status, body);
    };
    if (control.delayMs > 0) setTimeout(respond, control.delayMs);
    else respond();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const control: AuditLogServer = {
    baseUrl: `${origin}/v1`,
    origin,
    logs: () => [...store],
    add(logs) {
      store = [...store, ...logs].sort(newestFirst);
    },
    inject: (...faults) => void queue.push(...faults),
    faultPlan: undefined,
    onRequest: undefined,
    delayMs: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return control;
}

function faulty(
  fault: Exclude<Fault, { kind: 'status' }>,
  request: IncomingMessage,
  response: ServerResponse,
  store: ServedLog[],
  seen: SeenRequest,
): void {
  switch (fault.kind) {
    case 'reset':
      request.socket.destroy();
      return;
    case 'hang':
      return; // closed with the server
    case 'garbage':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>502 Bad Gateway</html>');
      return;
    case 'redirect':
      response.writeHead(fault.status ?? 302, { location: fault.location });
      response.end();
      return;
    case 'truncate': {
      const text = JSON.stringify(answer(store, seen.query).body);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      response.write(text.slice(0, Math.floor(text.length / 2)), () => request.socket.destroy());
      return;
    }
  }
}

/**
 * `count` valid logs, round-robin over the catalog (tenant-scoped types among them), with ids
 * `<prefix>-<n>` and `effective_at` from `start` on, `perSecond` logs sharing each second.
 */
export function makeLogs(
  count: number,
  { start = 1_760_000_000, perSecond = 1, prefix = 'audit_log' } = {},
): ServedLog[] {
  const logs: ServedLog[] = [];
  for (let n = 0; n < count; n++) {
    const event = catalog[n % catalog.length]!;
    logs.push({
      ...validPayload(event),
      id: `${prefix}-${String(n).padStart(7, '0')}`,
      effective_at: start + Math.floor(n / perSecond),
    } as ServedLog);
  }
  return logs;
}

/**
 * `pullAuditLogs` in process against the local server (harness/audit-log-server.ts): paging
 * newest first through seconds shared by more logs than a page holds, both streams, the filters,
 * logs added mid-run and late, each fault retried, 401 and exhaustion stopping with their reason,
 * the key kept from other origins and out of every error. Retry delays are a millisecond, and
 * every server and pull is bounded (retries, timeouts, the test timeout).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLogsPullError, pullAuditLogs, type PullAuditLogsOptions, type PullState } from '../../src/pull.ts';
import { isTenantEventType } from '../../src/pull/loop.ts';
import {
  makeLogs,
  startAuditLogServer,
  type AuditLogServer,
  type Fault,
  type ServedLog,
} from '../../harness/audit-log-server.ts';
import { runCases } from '../support/cases.ts';

const KEY = 'sk-admin-LIBRARY-0123456789abcdef';
// A timeout long enough for a loaded machine to answer a good request, short enough for the hang fault.
const FAST = { maxRetries: 4, baseDelayMs: 1, maxDelayMs: 4, timeoutMs: 1000 };
const servers: AuditLogServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(logs: readonly ServedLog[], key = KEY): Promise<AuditLogServer> {
  const server = await startAuditLogServer(key, logs);
  servers.push(server);
  return server;
}

/** Pulls everything, returning the ids in order, the last state and the error, if any. */
async function pull(server: AuditLogServer, options: Partial<PullAuditLogsOptions> = {}) {
  const ids: string[] = [];
  let state: PullState | undefined;
  let error: unknown;
  try {
    for await (const log of pullAuditLogs({
      adminKey: KEY,
      baseUrl: server.baseUrl,
      retry: FAST,
      until: 1_800_000_000,
      onState: (s) => void (state = s),
      ...options,
    }))
      ids.push(log.id);
  } catch (caught) {
    error = caught;
  }
  return { ids, state, error };
}

const idsOf = (logs: readonly ServedLog[]) => logs.map((log) => log.id);
const sorted = (ids: string[]) => [...ids].sort();

describe('paging', () => {
  runCases(
    [
      ['one log a second', { given: { count: 450, perSecond: 1, limit: 100 }, want: true }],
      ['250 logs in each second, pages of 100', { given: { count: 1000, perSecond: 250, limit: 100 }, want: true }],
      ['every log in one second, pages of 7', { given: { count: 300, perSecond: 300, limit: 7 }, want: true }],
    ],
    async ({ count, perSecond, limit }) => {
      const logs = makeLogs(count, { perSecond });
      const server = await serve(logs);
      const { ids, error } = await pull(server, { limit });
      expect(error).toBeUndefined();
      // Newest first within each stream, and every log exactly once.
      return ids.length === count && JSON.stringify(sorted(ids)) === JSON.stringify(sorted(idsOf(logs)));
    },
  );

  it('collects the tenant-scoped stream too, with tenant_only=true, and --scope narrows it', async () => {
    const logs = makeLogs(400);
    const server = await serve(logs);
    const tenant = idsOf(logs.filter((log) => isTenantEventType(log.type)));
    expect(tenant.length).toBeGreaterThan(0);
    const all = await pull(server);
    const org = await pull(server, { scope: 'org' });
    const only = await pull(server, { scope: 'tenant' });
    expect(sorted(all.ids)).toEqual(sorted(idsOf(logs)));
    expect(sorted(only.ids)).toEqual(sorted(tenant));
    expect(sorted(org.ids)).toEqual(sorted(idsOf(logs.filter((log) => !isTenantEventType(log.type)))));
    expect(server.requests.filter((r) => r.query.get('tenant_only') === 'true').length).toBeGreaterThan(0);
  });

  it('passes the filters on, giving each stream the event types it lists', async () => {
    const logs = makeLogs(600);
    const server = await serve(logs);
    const types = ['api_key.created', 'tenant.user.added'];
    const { ids } = await pull(server, { filters: { event_types: types as never[] } });
    expect(sorted(ids)).toEqual(sorted(idsOf(logs.filter((log) => types.includes(log.type)))));
    const tenantRequests = server.requests.filter((r) => r.query.get('tenant_only') === 'true');
    expect(tenantRequests.every((r) => r.query.getAll('event_types[]').join() === 'tenant.user.added')).toBe(true);
  });

  it('respects since and until', async () => {
    const logs = makeLogs(300, { start: 1000 });
    const server = await serve(logs);
    const { ids } = await pull(server, { since: 1100, until: 1199 });
    expect(sorted(ids)).toEqual(sorted(idsOf(logs.filter((l) => l.effective_at >= 1100 && l.effective_at <= 1199))));
  });
});

describe('across runs', () => {
  it('a later run delivers only what is new, late arrivals within the look-back included', async () => {
    const logs = makeLogs(300, { start: 10_000, perSecond: 3 });
    const server = await serve(logs);
    const first = await pull(server, { until: 10_100, lookBackSeconds: 30 });
    // Logs that appear after the run, stamped before its end (late), and new ones.
    const late = makeLogs(20, { start: 10_080, prefix: 'late' });
    const fresh = makeLogs(20, { start: 10_105, prefix: 'new' });
    server.add([...late, ...fresh]);
    const second = await pull(server, { until: 10_200, lookBackSeconds: 30, state: first.state! });
    const want = [...logs, ...late, ...fresh].filter((log) => log.effective_at <= 10_200);
    expect(sorted([...first.ids, ...second.ids])).toEqual(sorted(idsOf(want)));
    expect(new Set([...first.ids, ...second.ids]).size).toBe(first.ids.length + second.ids.length);
  });

  it('a run cut short resumes from its state, through a second shared by many logs', async () => {
    const logs = makeLogs(500, { perSecond: 120 });
    const server = await serve(logs);
    const delivered: string[] = [];
    let state: PullState | undefined;
    for (let runs = 0; runs < 50; runs++) {
      // Each run stops after its third page (a run with nothing left takes two: a page per stream);
      // the next resumes from the state of the last page consumed.
      let pages = 0;
      const { ids, error } = await pull(server, {
        limit: 50,
        ...(state ? { state } : {}),
        onState: (s) => {
          state = s;
          if (++pages === 3) throw new Error('stop');
        },
      });
      delivered.push(...ids);
      if (error === undefined) break;
    }
    expect(sorted(delivered)).toEqual(sorted(idsOf(logs)));
  });

  it('a cursor the API no longer takes: resumed from the oldest second reached, nothing lost or repeated', async () => {
    const logs = makeLogs(300, { perSecond: 80 });
    const server = await serve(logs);
    let state: PullState | undefined;
    const first = await pull(server, {
      limit: 30,
      scope: 'org',
      onState: (s) => {
        state = s;
        throw new Error('stop');
      },
    });
    const sweep = state!.streams.org!.sweep!;
    sweep.cursor = 'audit_log-forgotten';
    const second = await pull(server, { limit: 30, scope: 'org', state: state! });
    expect(second.error).toBeUndefined();
    const all = [...first.ids, ...second.ids];
    expect(all.length).toBe(new Set(all).size);
    expect(sorted(all)).toEqual(sorted(idsOf(logs.filter((log) => !isTenantEventType(log.type)))));
    expect(server.requests.some((r) => r.query.get('after') === 'audit_log-forgotten')).toBe(true);
  });

  it('logs added while a run is in progress are delivered by it or by the next, none twice', async () => {
    const logs = makeLogs(400, { start: 20_000 });
    const server = await serve(logs);
    let added = 0;
    server.onRequest = () => {
      const batch = makeLogs(5, { start: 20_390 + added, prefix: `mid${added}` });
      added += 5;
      server.add(batch);
    };
    const first = await pull(server, { until: 20_500, limit: 50 });
    server.onRequest = undefined;
    const second = await pull(server, { until: 20_600, state: first.state! });
    const all = [...first.ids, ...second.ids];
    expect(new Set(all).size).toBe(all.length);
    expect(sorted(all)).toEqual(sorted(idsOf(server.logs())));
  });
});

describe('faults', () => {
  const FAULTS: [string, Fault[]][] = [
    ['429 with Retry-After', [{ kind: 'status', status: 429, retryAfter: '0' }]],
    ['500, 502, 503', [500, 502, 503].map((status): Fault => ({ kind: 'status', status }))],
    ['a connection reset', [{ kind: 'reset' }]],
    ['no answer (timeout)', [{ kind: 'hang' }]],
    ['a body cut short', [{ kind: 'truncate' }]],
    ['a body that is not JSON', [{ kind: 'garbage' }]],
  ];
  runCases(
    FAULTS.map(([name, faults]) => [
      `${name}: retried, nothing lost`,
      { given: faults, want: { complete: true, error: undefined } },
    ]),
    async (faults) => {
      const logs = makeLogs(250);
      const server = await serve(logs);
      server.inject(...faults);
      const { ids, error } = await pull(server);
      return { complete: JSON.stringify(sorted(ids)) === JSON.stringify(sorted(idsOf(logs))), error };
    },
  );

  it('honours Retry-After: the wait is at least what the server asked', async () => {
    const server = await serve(makeLogs(10));
    server.inject({ kind: 'status', status: 429, retryAfter: '1' });
    const waits: number[] = [];
    await pull(server, { onRetry: (_why, ms) => waits.push(ms) });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
  });

  it('gives up after the retries, with reason "exhausted"; a Retry-After beyond the limit at once', async () => {
    const server = await serve(makeLogs(10));
    server.faultPlan = () => ({ kind: 'status', status: 503 });
    const { error } = await pull(server);
    expect(error).toBeInstanceOf(AuditLogsPullError);
    expect((error as AuditLogsPullError).reason).toBe('exhausted');
    expect(server.requests).toHaveLength(FAST.maxRetries + 1);
    server.faultPlan = () => ({ kind: 'status', status: 429, retryAfter: '3600' });
    const long = await pull(server);
    expect((long.error as AuditLogsPullError).message).toMatch(/Retry-After/);
  });

  it('stops at once on 401 and 403, and the key is in no error', async () => {
    for (const status of [401, 403]) {
      // 401: the server wants another key (and echoes the one it got); 403: the right key, refused.
      const server = await serve(makeLogs(10), status === 401 ? 'sk-admin-another-key' : KEY);
      if (status === 403)
        server.inject({
          kind: 'status',
          status: 403,
          body: JSON.stringify({ error: { message: `key ${KEY} lacks scope` } }),
        });
      const { error } = await pull(server);
      expect(error).toBeInstanceOf(AuditLogsPullError);
      const pullError = error as AuditLogsPullError;
      expect([pullError.reason, pullError.status, server.requests.length]).toEqual(['authentication', status, 1]);
      const everything = `${pullError.message}\n${pullError.stack}\n${JSON.stringify(pullError)}`;
      expect(everything).not.toContain(KEY);
      expect(everything).not.toContain(KEY.slice(-12));
    }
  });
});

describe('security', () => {
  it('follows a redirect to another origin without the Authorization header', async () => {
    const logs = makeLogs(30);
    const other = await serve(logs, 'not-sent');
    const server = await serve(logs);
    server.inject({ kind: 'redirect', location: `${other.origin}/v1/organization/audit_logs?limit=100` });
    const { error } = await pull(server, { scope: 'org' });
    expect(other.requests.length).toBeGreaterThan(0);
    expect(other.requests.every((r) => !r.hadAuthorization)).toBe(true);
    expect((error as AuditLogsPullError).reason).toBe('authentication'); // the other origin wants a key it was not given
    expect((error as Error).message).not.toContain(KEY);
  });

  it('keeps the key on a redirect within the origin', async () => {
    const logs = makeLogs(30);
    const server = await serve(logs);
    server.inject({
      kind: 'redirect',
      location: `${server.baseUrl}/organization/audit_logs?limit=100&tenant_only=false`,
      status: 307,
    });
    const { ids, error } = await pull(server, { scope: 'org' });
    expect(error).toBeUndefined();
    expect(ids.length).toBeGreaterThan(0);
  });

  runCases(
    [
      ['plain http to another host', { given: 'http://example.com/v1', want: 'options' }],
      ['plain http to a private address', { given: 'http://10.0.0.1/v1', want: 'options' }],
      ['not a URL', { given: 'api.openai.com', want: 'options' }],
    ],
    async (baseUrl) => {
      const { error } = await pull({ baseUrl } as AuditLogServer);
      return (error as AuditLogsPullError).reason;
    },
  );
});

describe('validation', () => {
  it('yields valid logs (newer types accepted), hands invalid records to onInvalid', async () => {
    const logs = makeLogs(20);
    const newer = { ...logs[0]!, id: 'newer', type: 'widget.created' } as ServedLog;
    const broken = { ...logs[1]!, id: 'broken', effective_at: 1_760_000_001, actor: 'nobody' } as ServedLog;
    const server = await serve([...logs, newer, broken]);
    const invalid: unknown[] = [];
    const { ids } = await pull(server, { onInvalid: (record) => void invalid.push(record) });
    expect(ids).toContain('newer');
    expect(ids).not.toContain('broken');
    expect(invalid.map((r) => (r as ServedLog).id)).toEqual(['broken']);
    const strict = await pull(server, { unknownEventTypes: 'reject' });
    expect(strict.ids).not.toContain('newer');
  });
});

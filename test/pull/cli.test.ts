/**
 * `openai-audit-logs pull` run as a process against the local server: where records go, exit
 * codes, incremental runs with late arrivals, the state at the last durable page after retries
 * ran out, quarantine, --follow, file modes, and the key in nothing it writes.
 */
import { statSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pullCommand } from '../../src/cli/pull.ts';
import type { AnyAuditLog } from '../../src/index.ts';
import { toOcsf } from '../../src/ocsf.ts';
import { makeLogs, startAuditLogServer, type AuditLogServer, type ServedLog } from '../../harness/audit-log-server.ts';
import { runCases } from '../support/cases.ts';
import { idsOfLines, KEY, usePullWorkspace } from './run-pull.ts';

const workspace = usePullWorkspace();
const FAST = ['--retry-delay', '1ms', '--max-retries', '3', '--timeout', '2s'];
const servers: AuditLogServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
async function serve(logs: readonly ServedLog[], key = KEY) {
  const server = await startAuditLogServer(key, logs);
  servers.push(server);
  return server;
}
const sorted = (ids: string[]) => [...ids].sort();
const idsOf = (logs: readonly ServedLog[]) => logs.map((log) => log.id);
let files = 0;
const fresh = (name: string) => `${++files}-${name}`;
const mode = (name: string) => (statSync(workspace.path(name)).mode & 0o777).toString(8);

describe('usage errors: exit code 2, before any request', () => {
  runCases(
    [
      ['no key', { given: { args: [], env: { OPENAI_ADMIN_KEY: undefined }, says: /no admin key/ }, want: [2, true] }],
      [
        'plain http to another host',
        {
          given: { args: ['--base-url', 'http://example.com/v1'], says: /refusing http:\/\/example\.com/ },
          want: [2, true],
        },
      ],
      [
        '--to without --quarantine',
        { given: { args: ['--to', 'ocsf'], says: /--to needs --quarantine FILE/ }, want: [2, true] },
      ],
      [
        'a --since that is no time',
        { given: { args: ['--since', 'yesterday'], says: /--since must be a duration/ }, want: [2, true] },
      ],
      [
        'an unknown option',
        { given: { args: ['--frobnicate'], says: /unknown option "--frobnicate"/ }, want: [2, true] },
      ],
      [
        '--tenant-only with --scope org',
        { given: { args: ['--tenant-only', '--scope', 'org'], says: /contradicts/ }, want: [2, true] },
      ],
      [
        'a missing key file',
        { given: { args: ['--key-file', 'nowhere.txt'], says: /--key-file nowhere\.txt: ENOENT/ }, want: [2, true] },
      ],
    ] satisfies [
      string,
      { given: { args: string[]; env?: Record<string, undefined>; says: RegExp }; want: [number, boolean] },
    ][],
    async ({ args, env, says }) => {
      const run = await workspace.run(args, env);
      return [run.code, says.test(run.stderr)];
    },
  );
});

describe('a run', () => {
  it('writes every log to --out once, with the state, both mode 0600; the summary to standard error', async () => {
    const logs = makeLogs(700, { perSecond: 30 });
    const server = await serve(logs);
    const [out, state] = [fresh('out.jsonl'), fresh('state.json')];
    const run = await workspace.run(['--base-url', server.baseUrl, '--out', out, '--state', state, ...FAST]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(sorted(idsOfLines(workspace.read(out)))).toEqual(sorted(idsOf(logs)));
    expect([mode(out), mode(state)]).toEqual(['600', '600']);
    expect(run.stderr).toMatch(/total: 700 records: 700 valid/);
    expect(run.stderr).toMatch(/700 records written to /);
    expect(run.stderr).not.toContain('\r'); // not a terminal: no progress line
    const saved = JSON.parse(workspace.read(state)) as {
      streams: Record<string, { through: number }>;
      output: { bytes: number };
    };
    expect(Object.keys(saved.streams).sort()).toEqual(['org', 'tenant']);
    expect(saved.output.bytes).toBe(Buffer.byteLength(workspace.read(out)));
  });

  it('writes to standard output without --out; -q prints nothing else', async () => {
    const logs = makeLogs(150);
    const server = await serve(logs);
    const run = await workspace.run(['--base-url', server.baseUrl, '-q', ...FAST]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(sorted(idsOfLines(run.stdout))).toEqual(sorted(idsOf(logs)));
  });

  it('a later run with the same state writes only what is new, late arrivals within the look-back included', async () => {
    const now = Math.floor(Date.now() / 1000);
    const logs = makeLogs(300, { start: now - 400 });
    const server = await serve(logs);
    const [out, state] = [fresh('out.jsonl'), fresh('state.json')];
    const args = ['--base-url', server.baseUrl, '--out', out, '--state', state, '--look-back', '10m', ...FAST];
    expect((await workspace.run(args)).code).toBe(0);
    // Late: stamped before the first run's end (two minutes, and a second), listed only now.
    const late = makeLogs(40, { start: now - 120, prefix: 'late' });
    const later = makeLogs(40, { start: now - 1, perSecond: 40, prefix: 'later' });
    server.add([...late, ...later]);
    const second = await workspace.run(args, undefined);
    expect(second.code).toBe(0);
    const ids = idsOfLines(workspace.read(out));
    expect(ids.length).toBe(new Set(ids).size);
    expect(sorted(ids)).toEqual(sorted(idsOf(server.logs())));
  });

  it('exit code 1 when records are invalid; --quarantine takes them, the output keeps the rest', async () => {
    const logs = makeLogs(50);
    const broken = { ...logs[0]!, id: 'broken', effective_at: logs[0]!.effective_at, actor: 'nobody' } as ServedLog;
    const newer = { ...logs[1]!, id: 'newer', type: 'widget.created' } as ServedLog;
    const server = await serve([...logs.slice(2), broken, newer]);
    const [out, quarantine] = [fresh('out.jsonl'), fresh('bad.jsonl')];
    const run = await workspace.run(['--base-url', server.baseUrl, '--out', out, '--quarantine', quarantine, ...FAST]);
    expect(run.code).toBe(1);
    expect(idsOfLines(workspace.read(quarantine))).toEqual(['broken']);
    expect(idsOfLines(workspace.read(out))).toContain('newer');
    expect(run.stderr).toMatch(/api:org:1 data\[\d+\]: id "broken"/);
    expect(run.stderr).toMatch(/1 invalid record quarantined/);
  });

  it('--to ocsf: each valid log written as its OCSF event, the invalid one quarantined as sent', async () => {
    const logs = makeLogs(120);
    const broken = { ...logs[0]!, id: 'broken', actor: 'nobody' } as ServedLog;
    const newer = { ...logs[1]!, id: 'newer', type: 'widget.created' } as ServedLog;
    const served = [...logs.slice(2), broken, newer];
    const server = await serve(served);
    const [out, quarantine] = [fresh('out.jsonl'), fresh('bad.jsonl')];
    const args = ['--base-url', server.baseUrl, '--out', out, '--quarantine', quarantine, '--to', 'ocsf', ...FAST];
    const run = await workspace.run(args);
    expect(run.code).toBe(1);
    expect(idsOfLines(workspace.read(quarantine))).toEqual(['broken']);
    const events = (text: string) =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .sort();
    const want = served.filter((log) => log.id !== 'broken').map((log) => JSON.stringify(toOcsf(log as AnyAuditLog)));
    expect(events(workspace.read(out))).toEqual(want.sort());
  });

  it('exit code 4 when retries run out, the state at the last page written; a rerun completes it exactly', async () => {
    const logs = makeLogs(600);
    const server = await serve(logs);
    server.faultPlan = (n) => (n > 3 ? { kind: 'status', status: 503 } : undefined);
    const [out, state] = [fresh('out.jsonl'), fresh('state.json')];
    const args = ['--base-url', server.baseUrl, '--out', out, '--state', state, '--limit', '50', ...FAST];
    const failed = await workspace.run(args);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toMatch(/gave up after 4 attempts.*HTTP 503; the state stays at the last page written/);
    expect(idsOfLines(workspace.read(out))).toHaveLength(150);
    server.faultPlan = undefined;
    expect((await workspace.run(args)).code).toBe(0);
    const ids = idsOfLines(workspace.read(out));
    expect(ids.length).toBe(600);
    expect(sorted(ids)).toEqual(sorted(idsOf(logs)));
  });

  it('SIGINT mid-run without --follow: exit code 130 at the last page written; a rerun completes it exactly', async () => {
    const logs = makeLogs(500);
    const server = await serve(logs);
    server.delayMs = 40;
    const [out, state] = [fresh('out.jsonl'), fresh('state.json')];
    const args = ['--base-url', server.baseUrl, '--out', out, '--state', state, '--limit', '20', ...FAST];
    const { child, done } = workspace.start(args);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    for (let i = 0; i < 400 && server.requests.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    const run = await done;
    clearTimeout(timer);
    expect(run.code).toBe(130);
    const partial = idsOfLines(workspace.read(out)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(500);
    server.delayMs = 0;
    expect((await workspace.run(args)).code).toBe(0);
    const ids = idsOfLines(workspace.read(out));
    expect([ids.length, sorted(ids)]).toEqual([500, sorted(idsOf(logs))]);
  });

  it('--follow polls at --interval until SIGTERM, then exits 0', async () => {
    const now = Math.floor(Date.now() / 1000);
    const server = await serve(makeLogs(30, { start: now - 60 }));
    const out = fresh('out.jsonl');
    const { child, done } = workspace.start([
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--follow',
      '--interval',
      '50ms',
      ...FAST,
    ]);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const polls = () => server.requests.filter((r) => r.query.get('tenant_only') === null).length;
    for (let i = 0; i < 400 && polls() < 2; i++) await new Promise((r) => setTimeout(r, 25));
    server.add(makeLogs(10, { start: now - 5, perSecond: 10, prefix: 'later' }));
    const seen = polls();
    for (let i = 0; i < 400 && polls() < seen + 2; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGTERM');
    const run = await done;
    clearTimeout(timer);
    expect(run.code).toBe(0);
    expect(sorted(idsOfLines(workspace.read(out)))).toEqual(sorted(idsOf(server.logs())));
  });
});

describe('the key', () => {
  it('401: exit code 3, and the key (from --key-file too) in no output, message, file or state', async () => {
    const server = await serve(makeLogs(20), 'sk-admin-the-right-one');
    const [out, state, keyFile] = [fresh('out.jsonl'), fresh('state.json'), fresh('key.txt')];
    writeFileSync(workspace.path(keyFile), `${KEY}\n`);
    for (const keyArgs of [[], ['--key-file', keyFile]]) {
      const run = await workspace.run(
        ['--base-url', server.baseUrl, '--out', out, '--state', state, ...keyArgs, ...FAST],
        keyArgs.length > 0 ? { OPENAI_ADMIN_KEY: undefined } : {},
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/the API refused the admin key \(HTTP 401\)/);
      for (const text of [run.stdout, run.stderr, workspace.read(out), workspace.read(state)]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(KEY.slice(-10));
      }
    }
  });

  it('the progress line, on a terminal, says how far it got and never the key', async () => {
    const logs = makeLogs(300);
    const server = await serve(logs);
    let err = '';
    let out = '';
    const sink = (write: (text: string) => void) =>
      new Writable({ write: (chunk: Buffer, _encoding, done) => (write(chunk.toString()), done()) });
    const stderr = Object.assign(
      sink((text) => (err += text)),
      { isTTY: true },
    );
    let clock = 0;
    const code = await pullCommand(['--base-url', server.baseUrl, '--limit', '20', ...FAST], {
      stdout: sink((text) => (out += text)),
      stderr,
      env: { OPENAI_ADMIN_KEY: KEY },
      now: () => (clock += 300),
    });
    expect(code).toBe(0);
    expect(err).toMatch(/\r(org|tenant): \d+ pages, [\d,]+ records, reached 2025-\d\d-\d\dT[\d:]+Z, [\d,]+ records\/s/);
    expect(err + out).not.toContain(KEY);
    expect(sorted(idsOfLines(out))).toEqual(sorted(idsOf(logs)));
  });
});

/**
 * `npm run bench -- --pull`: records per second of the collector against the local server
 * (harness/audit-log-server.ts, on 127.0.0.1), next to the least a user would write with the
 * official SDK: `for await (const log of client.admin.organization.auditLogs.list({ limit: 100 }))`.
 * The same logs (the plain stream: the SDK loop does not ask for tenant_only), pages of 100, in
 * interleaved rounds whose order alternates; medians reported with their ratio to the SDK loop.
 *
 * - `pullAuditLogs`: the library in process, every log validated.
 * - `pull --out --state`: the command as a process, every page synced to disk with its state
 *   (Node's start included, as a user waits for it).
 *
 *     npx tsx bench/pull-speed.ts [LOGS] [--rounds N]      (default 20,000 logs, 5 rounds)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { buildCli } from '../harness/cli.ts';
import { makeLogs, startAuditLogServer } from '../harness/audit-log-server.ts';
import { isTenantEventType } from '../src/pull/loop.ts';
import { pullAuditLogs } from '../src/pull.ts';

const KEY = 'sk-admin-bench';

export interface PullSpeedResult {
  logs: number;
  rounds: number;
  /** Median records per second of each contender. */
  recordsPerSecond: Record<string, number>;
  /** Each contender's median records/s over the SDK loop's. */
  ratioToSdk: Record<string, number>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runPullSpeed({ logs = 20_000, rounds = 5, log = console.error } = {}): Promise<PullSpeedResult> {
  const dir = mkdtempSync(join(tmpdir(), 'oal-pull-bench-'));
  const server = await startAuditLogServer(KEY, makeLogs(logs, { perSecond: 10 }));
  try {
    const cli = await buildCli(dir);
    const plain = server.logs().filter((entry) => !isTenantEventType(entry.type)).length;
    const until = 1_900_000_000;
    let runs = 0;
    const contenders: [string, () => Promise<number>][] = [
      [
        'SDK list() loop',
        async () => {
          const client = new OpenAI({ apiKey: 'unused', adminAPIKey: KEY, baseURL: server.baseUrl, maxRetries: 0 });
          let n = 0;
          for await (const _ of client.admin.organization.auditLogs.list({ limit: 100 })) n++;
          return n;
        },
      ],
      [
        'pullAuditLogs (validating)',
        async () => {
          let n = 0;
          for await (const _ of pullAuditLogs({ adminKey: KEY, baseUrl: server.baseUrl, scope: 'org', until })) n++;
          return n;
        },
      ],
      [
        'pull --out --state (process, durable)',
        async () => {
          const n = ++runs;
          const args = ['pull', '--base-url', server.baseUrl, '--scope', 'org', '--until', String(until), '-q'];
          const child = spawn(
            process.execPath,
            [cli, ...args, '--out', join(dir, `out-${n}.jsonl`), '--state', join(dir, `state-${n}.json`)],
            { env: { ...process.env, OPENAI_ADMIN_KEY: KEY }, stdio: 'inherit' },
          );
          const [code] = (await once(child, 'close')) as [number | null];
          if (code !== 0) throw new Error(`pull exited with ${code}`);
          return plain;
        },
      ],
    ];
    const rates = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const [name, run] of order) {
        const started = performance.now();
        const n = await run();
        const seconds = (performance.now() - started) / 1000;
        if (n !== plain) throw new Error(`${name} got ${n} records, not the ${plain} the server holds`);
        rates.get(name)!.push(n / seconds);
      }
      log(`round ${round + 1}/${rounds} done`);
    }
    const recordsPerSecond = Object.fromEntries([...rates].map(([name, values]) => [name, Math.round(median(values))]));
    const sdk = recordsPerSecond['SDK list() loop']!;
    const ratioToSdk = Object.fromEntries(
      Object.entries(recordsPerSecond).map(([name, rate]) => [name, Number((rate / sdk).toFixed(2))]),
    );
    return { logs: plain, rounds, recordsPerSecond, ratioToSdk };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatPullSpeed(result: PullSpeedResult): string {
  const lines = [`${result.logs} logs from the local server, pages of 100, median of ${result.rounds} rounds:`];
  for (const [name, rate] of Object.entries(result.recordsPerSecond))
    lines.push(
      `  ${name.padEnd(40)} ${String(rate).padStart(8)} records/s   ${result.ratioToSdk[name]!.toFixed(2)}x the SDK loop`,
    );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--rounds');
  const rounds = at === -1 ? 5 : Number(args[at + 1]);
  const logs = Number(args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== '--rounds') ?? 20_000);
  console.log(formatPullSpeed(await runPullSpeed({ logs, rounds })));
}

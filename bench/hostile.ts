/**
 * `npm run bench -- --hostile`: time and peak memory of each hostile case (harness/hostile.ts,
 * harness/hostile-files.ts) beside a valid twin of the same size, each in a child process of its
 * own, printed as ratios against the targets: within 10x the time and 4x the memory of the twin,
 * and no process above 1 GB. Library cases time each entry point on the value (built once, before
 * the clock starts); their memory is the child's peak resident set above what it held before
 * building the value (1 MiB added to both sides, so that two tiny values compare as equals).
 * Command-line cases run `openai-audit-logs validate FILE` (text report, drained) and compare
 * wall times and peak resident sets. Exits 1 when a target is missed.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, writePeakRssPreload } from '../harness/cli.ts';
import { BENCH_FILES, hostileFiles, validTwin } from '../harness/hostile-files.ts';
import {
  ARRAY_FIELDS,
  controlString,
  HOST_EVENT,
  logWith,
  manyOf,
  nested,
  revokedProxy,
  sparseArray,
  throwingOnRead,
  valueAt,
  wrongItemFor,
} from '../harness/hostile.ts';
import { validPayload } from '../harness/payloads.ts';

export const TARGETS = { time: 10, memory: 4, peakBytes: 2 ** 30 };
const MIB = 2 ** 20;
const SELF = fileURLToPath(import.meta.url);

/** A library case: how to build the hostile value and its valid twin, and whether they are logs or pages. */
interface LibraryCase {
  name: string;
  kind: 'log' | 'page';
  hostile: () => unknown;
  twin: () => unknown;
}

const [array] = ARRAY_FIELDS.filter(({ path, event }) => path[0] === event.type);
const validItem = () => (valueAt(validPayload(array!.event), array!.path) as unknown[])[0];
const host = () => validPayload(HOST_EVENT);
/**
 * A string made flat, as a parser makes it: `repeat` makes a rope, flattened (copied whole) by
 * whoever reads its characters first, and the twin's string must not be spared that copy.
 */
const flat = (text: string): string => (text.charCodeAt(0), text);
const pageOf = (data: unknown) => ({ object: 'list', data, first_id: null, last_id: null, has_more: false });

const LIBRARY: LibraryCase[] = [
  {
    name: `3,000,000 wrong items in ${array!.path.join('.')}`,
    kind: 'log',
    hostile: () => logWith(array!.event, array!.path, manyOf(3_000_000, wrongItemFor(array!))),
    twin: () => logWith(array!.event, array!.path, manyOf(3_000_000, validItem())),
  },
  {
    name: `a sparse array of length 2**32-1 in ${array!.path.join('.')}`,
    kind: 'log',
    hostile: () => logWith(array!.event, array!.path, sparseArray()),
    twin: () => validPayload(array!.event),
  },
  {
    name: 'a type of 20,000,000 U+0080 characters',
    kind: 'log',
    hostile: () => logWith(HOST_EVENT, ['type'], flat('\u0080'.repeat(20_000_000))),
    twin: () => ({ ...host(), note: flat('\u0080'.repeat(20_000_000)) }),
  },
  {
    name: 'an id of 100,000,000 control characters, effective_at wrong',
    kind: 'log',
    hostile: () => ({ ...host(), id: flat(controlString(100_000_000)), effective_at: 'soon' }),
    twin: () => ({ ...host(), id: flat('x'.repeat(100_000_000)) }),
  },
  {
    name: 'a getter on id that throws after its first read (the value is judged again and again)',
    kind: 'log',
    hostile: () => throwingOnRead(HOST_EVENT, ['id'], 2),
    twin: host,
  },
  {
    name: 'a revoked Proxy as the actor',
    kind: 'log',
    hostile: () => logWith(HOST_EVENT, ['actor'], revokedProxy()),
    twin: host,
  },
  {
    name: '5,000 levels of nesting in an undocumented field',
    kind: 'log',
    hostile: () => ({ ...host(), deep: nested(5_000) }),
    twin: () => ({ ...host(), flat: manyOf(5_000, { a: 1 }) }),
  },
  {
    name: 'a page whose data is a sparse array of length 2**32-1',
    kind: 'page',
    hostile: () => pageOf(sparseArray()),
    twin: () => pageOf([host(), host()]),
  },
];

/** What a child measured: per entry point, ns per call; the peak resident set, and above the base. */
interface Measured {
  ns: Record<string, number>;
  peakBytes: number;
  grownBytes: number;
}

/** Runs in the child: builds the value, times every entry point of its kind, reports on standard output. */
async function child(caseName: string, side: 'hostile' | 'twin'): Promise<void> {
  const api = await import('../src/index.ts');
  const schemas = await import('../src/standard-schema.ts');
  // Called through a plain function type: an assertion function cannot be called inside an arrow otherwise.
  const assertAuditLog: (value: unknown) => void = api.assertAuditLog;
  const found = LIBRARY.find(({ name }) => name === caseName)!;
  const calls: [string, (value: unknown) => unknown][] =
    found.kind === 'page'
      ? [
          ['validateListAuditLogsResponse', (value) => api.validateListAuditLogsResponse(value)],
          ['parseListAuditLogsResponse', (value) => api.parseListAuditLogsResponse(value)],
          ['isListAuditLogsResponse', (value) => api.isListAuditLogsResponse(value)],
          ['listAuditLogsResponseSchema', (value) => schemas.listAuditLogsResponseSchema['~standard'].validate(value)],
        ]
      : [
          ['isAuditLog', (value) => api.isAuditLog(value)],
          ['validateAuditLog', (value) => api.validateAuditLog(value)],
          ['parseAuditLog', (value) => api.parseAuditLog(value)],
          [
            'assertAuditLog',
            (value) => {
              try {
                assertAuditLog(value);
              } catch (error) {
                if (!(error instanceof api.AuditLogValidationError)) throw error;
              }
            },
          ],
          ['auditLogSchema', (value) => schemas.auditLogSchema['~standard'].validate(value)],
          ['findUndocumentedFields', (value) => api.findUndocumentedFields(value)],
          [
            'formatValidationErrors',
            (value) => {
              const result = api.parseAuditLog(value);
              return api.formatValidationErrors(result.success ? [] : result.errors);
            },
          ],
        ];
  const base = process.memoryUsage().rss;
  const value = (side === 'hostile' ? found.hostile : found.twin)();
  const ns: Record<string, number> = {};
  for (const [name, call] of calls) {
    call(value);
    let runs = 0;
    const started = process.hrtime.bigint();
    let elapsed = 0;
    // At least 3 calls and 100 ms, at most 1,000 calls.
    while (runs < 3 || (elapsed < 100e6 && runs < 1_000)) {
      call(value);
      runs++;
      elapsed = Number(process.hrtime.bigint() - started);
    }
    ns[name] = elapsed / runs;
  }
  const peakBytes = process.resourceUsage().maxRSS * 1024;
  const measured: Measured = { ns, peakBytes, grownBytes: Math.max(0, peakBytes - base) };
  process.stdout.write(JSON.stringify(measured));
}

/** Spawns `node args` and waits; the peak resident set through the preload, what it printed, its time. */
async function spawnMeasured(
  args: string[],
  preloadDir?: string,
): Promise<{ code: number | null; stdout: string; seconds: number; peakBytes: number }> {
  const rssFile = preloadDir === undefined ? undefined : join(preloadDir, `rss-${Math.random()}.txt`);
  const preload = preloadDir === undefined ? [] : ['--require', writePeakRssPreload(preloadDir)];
  const started = performance.now();
  const proc = spawn(process.execPath, [...preload, ...args], {
    env: { ...process.env, ...(rssFile === undefined ? {} : { PEAK_RSS_FILE: rssFile }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let kept = true;
  proc.stdout.setEncoding('utf8').on('data', (text: string) => {
    // A child's report is short; a command line's is drained, only its start kept.
    if (kept) stdout += text;
    if (stdout.length > MIB) kept = false;
  });
  proc.stderr.resume();
  const [code] = (await once(proc, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  let peakBytes = 0;
  try {
    peakBytes = rssFile === undefined ? 0 : Number(readFileSync(rssFile, 'utf8'));
  } catch {
    // The process died before its exit handler ran: no figure.
  }
  return { code, stdout, seconds, peakBytes };
}

/** One row of the report. */
interface HostileRow {
  case: string;
  measured: string;
  'time ×twin': number;
  'memory ×twin': number;
  'peak MiB': number;
  '': 'met' | 'missed';
}

const fixed = (n: number) => Number(n.toFixed(2));
const verdict = (time: number, memory: number, peak: number): 'met' | 'missed' =>
  time <= TARGETS.time && memory <= TARGETS.memory && peak <= TARGETS.peakBytes ? 'met' : 'missed';

async function libraryRows(log: (line: string) => void): Promise<HostileRow[]> {
  const rows: HostileRow[] = [];
  for (const found of LIBRARY) {
    const [hostile, twin] = await Promise.all(
      (['hostile', 'twin'] as const).map(async (side) => {
        const run = await spawnMeasured(['--import', 'tsx', SELF, '--hostile-child', found.name, side]);
        if (run.code !== 0) return undefined;
        return JSON.parse(run.stdout) as Measured;
      }),
    );
    log(`library: ${found.name}`);
    if (hostile === undefined || twin === undefined) {
      rows.push({
        case: found.name,
        measured: 'a child failed',
        'time ×twin': NaN,
        'memory ×twin': NaN,
        'peak MiB': NaN,
        '': 'missed',
      });
      continue;
    }
    const memory = (hostile.grownBytes + MIB) / (twin.grownBytes + MIB);
    for (const [entry, ns] of Object.entries(hostile.ns)) {
      const time = ns / twin.ns[entry]!;
      rows.push({
        case: found.name,
        measured: `${entry}: ${fixed(ns / 1000)} µs`,
        'time ×twin': fixed(time),
        'memory ×twin': fixed(memory),
        'peak MiB': fixed(hostile.peakBytes / MIB),
        '': verdict(time, memory, hostile.peakBytes),
      });
    }
  }
  return rows;
}

async function cliRows(log: (line: string) => void): Promise<HostileRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'oal-hostile-bench-'));
  try {
    const cli = await buildCli(dir);
    const rows: HostileRow[] = [];
    for (const file of hostileFiles(BENCH_FILES)) {
      const path = join(dir, file.name);
      writeFileSync(path, file.content());
      const bytes = statSync(path).size;
      const twinPath = join(dir, `twin-${file.name}.jsonl`);
      writeFileSync(twinPath, validTwin(bytes));
      // One after the other: two cores, and the two runs should not share them.
      const hostile = await spawnMeasured([cli, 'validate', path], dir);
      const twin = await spawnMeasured([cli, 'validate', twinPath], dir);
      rmSync(path);
      rmSync(twinPath);
      const time = hostile.seconds / twin.seconds;
      const memory = hostile.peakBytes / twin.peakBytes;
      const failed = hostile.code !== file.want.code;
      log(`command line: ${file.name} (${fixed(bytes / MIB)} MiB)`);
      rows.push({
        case: `validate ${file.name}: ${file.about}`,
        measured: `${fixed(bytes / MIB)} MiB, ${fixed(hostile.seconds)} s, exit ${hostile.code}${failed ? ` (want ${file.want.code})` : ''}`,
        'time ×twin': fixed(time),
        'memory ×twin': fixed(memory),
        'peak MiB': fixed(hostile.peakBytes / MIB),
        '': failed || hostile.peakBytes === 0 ? 'missed' : verdict(time, memory, hostile.peakBytes),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every case and prints the table; the rows, and whether every target was met. */
export async function runHostile(log: (line: string) => void = (line) => console.error(line)): Promise<boolean> {
  const rows = [...(await libraryRows(log)), ...(await cliRows(log))];
  console.log(
    `targets: within ${TARGETS.time}x the time and ${TARGETS.memory}x the memory of the valid twin, peak under ${TARGETS.peakBytes / MIB} MiB`,
  );
  console.table(rows);
  const missed = rows.filter((row) => row[''] === 'missed').length;
  console.log(`${rows.length - missed} met, ${missed} missed`);
  return missed === 0;
}

const at = process.argv.indexOf('--hostile-child');
if (at !== -1) await child(process.argv[at + 1]!, process.argv[at + 2] as 'hostile' | 'twin');

/**
 * `npm run bench -- --normalize`: what normalizing costs. First the mappers, `toOcsf` and `toEcs`,
 * in ns per valid event beside `isAuditLog` on the same seeded corpus, all three from bundles
 * as a consumer ships them and timed in interleaved rounds in this process (target: each at
 * most 2x isAuditLog). Then the command line on the 300,000-line file: `validate --emit valid
 * --to ocsf` against `validate --emit valid`, both writing to a file, in alternating turns
 * (target: at most 1.5x the wall time). Exits 1 when a target is missed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Ecs from '../src/ecs.ts';
import type * as Ocsf from '../src/ocsf.ts';
import type { AnyAuditLog } from '../src/index.ts';
import { importBundle } from '../harness/bundle.ts';
import { buildCli, writeLargeJsonLines } from '../harness/cli.ts';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpora, type SchemaDocument } from '../harness/corpus.ts';
import { timed, timings, type Timings } from './cli-speed.ts';
import { loadRuntime, measure, ROOT, target } from './harness.ts';

const MAPPER_TARGET = '<= 2';
const CLI_TARGET = '<= 1.5';
const LINES = 300_000;
const ROUNDS = 5;

async function mapperTargets() {
  const schema = JSON.parse(readFileSync(`${ROOT}schema/audit-log.schema.json`, 'utf8')) as SchemaDocument;
  const { valid } = generateCorpora(schema, CORPUS_SEED, CORPUS_SIZE);
  const { module: runtime } = await loadRuntime();
  const { module: ocsf } = await importBundle<typeof Ocsf>("export * from './src/ocsf.ts';", ROOT);
  const { module: ecs } = await importBundle<typeof Ecs>("export * from './src/ecs.ts';", ROOT);
  const rows = await measure(
    [
      { name: 'isAuditLog', fn: runtime.isAuditLog, corpora: ['valid'] },
      { name: 'toOcsf', fn: (log) => ocsf.toOcsf(log as AnyAuditLog) !== undefined, corpora: ['valid'] },
      { name: 'toEcs', fn: (log) => ecs.toEcs(log as AnyAuditLog) !== undefined, corpora: ['valid'] },
    ],
    { valid, invalid: [] },
  );
  const ns = (name: string) => rows.find((row) => row.name === name)!.nsPerEvent;
  for (const row of rows)
    console.log(`${row.name.padEnd(10)} ${row.nsPerEvent.toFixed(0).padStart(6)} ns per valid event`);
  return [
    target('toOcsf ÷ isAuditLog, ns per valid event', ns('toOcsf') / ns('isAuditLog'), MAPPER_TARGET),
    target('toEcs ÷ isAuditLog, ns per valid event', ns('toEcs') / ns('isAuditLog'), MAPPER_TARGET),
  ];
}

async function cliTarget() {
  const dir = mkdtempSync(join(tmpdir(), 'oal-normalize-speed-'));
  try {
    const cli = await buildCli(dir);
    const input = join(dir, 'logs.jsonl');
    await writeLargeJsonLines(input, LINES, { malformed: false });
    const out = join(dir, 'out.jsonl');
    const plain = ['validate', '--emit', 'valid', '--quiet', '--out', out, input];
    const normalizing = ['validate', '--emit', 'valid', '--to', 'ocsf', '--quiet', '--out', out, input];
    const run = (args: string[]) => timed([cli, ...args], { code: 0, stdout: '' });
    await run(plain);
    await run(normalizing);
    const runs = { plain: [] as number[], normalizing: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['plain', 'normalizing'] as const) : (['normalizing', 'plain'] as const);
      for (const which of order) runs[which].push(await run(which === 'plain' ? plain : normalizing));
    }
    const show = (name: string, t: Timings) =>
      console.log(`${name.padEnd(36)} median ${t.median.toFixed(2)} s (${t.runs.map((s) => s.toFixed(2)).join(' ')})`);
    const [plainTimes, normalizingTimes] = [timings(runs.plain), timings(runs.normalizing)];
    show('validate --emit valid', plainTimes);
    show('validate --emit valid --to ocsf', normalizingTimes);
    const ratio = normalizingTimes.median / plainTimes.median;
    return target(
      `validate --emit valid --to ocsf ÷ --emit valid, ${LINES.toLocaleString('en-US')} lines`,
      ratio,
      CLI_TARGET,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs both parts and prints each target beside its figure; false when one is missed. */
export async function runNormalizeSpeed(): Promise<boolean> {
  const targets = [...(await mapperTargets()), await cliTarget()];
  for (const t of targets) console.log(`${t.target}: ${t.value} (target ${t.want}: ${t.met ? 'met' : 'NOT met'})`);
  return targets.every((t) => t.met !== false);
}

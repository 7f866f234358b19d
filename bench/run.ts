/**
 * `npm run bench`: ns per event of the package's validators against its peers (AJV,
 * @exodus/schemasafe, TypeBox, zod) and a hand-written floor, all in this process with
 * interleaved rounds, on seeded corpora of valid and invalid audit logs. Prints how far each
 * peer agrees with our verdicts, the table (every figure's ratio to validateAuditLog on the same
 * corpus), the targets with met/missed, and the bundle sizes against their budgets; writes
 * every figure with the machine and the date to bench/results.json, or to FILE with
 * `--json FILE` (bench/readme-table.ts renders such a file for the README).
 * `npm run bench -- --scale` runs the 10x-catalog scaling run instead (bench/scale.ts), and
 * `npm run bench -- --cli` the command line's speed (bench/cli-speed.ts), and `npm run bench -- --pull`
 * the collector's records per second next to the SDK's list() loop (bench/pull-speed.ts);
 * `npm run bench -- --hostile` hostile cases beside valid twins (bench/hostile.ts), and
 * `npm run bench -- --normalize` the mappers and `validate --to ocsf` (bench/normalize-speed.ts).
 *
 * "Ours" is the minified esbuild bundle of src/index.ts: the code a consumer's bundler ships.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { peers, type Validator } from './baselines.ts';
import type { BenchResults, Mode, TargetResult, ValidatorResult } from '../harness/bench-results.ts';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpora, type SchemaDocument } from '../harness/corpus.ts';
import { canonicalFloor, describeCoverage, floorByName, floorValidate } from '../harness/floor.ts';
import { canonicalCatalogSize, measureSizes } from '../harness/size-budget.ts';
import { countDisagreements, jsonFile, loadRuntime, machine, measure, ROOT, ROUNDS, target } from './harness.ts';

interface Entry {
  name: string;
  kind: ValidatorResult['kind'];
  peer?: string;
  mode: Mode;
  fn: Validator;
  /** Its own corpora: the floor is timed on the payloads it judges only. */
  data?: Record<'valid' | 'invalid', unknown[]>;
}

const fixed = (n: number, digits = 1) => Number(n.toFixed(digits));
const FLOOR = 'hand-written floor (`harness/floor.ts`)';
/** Our validators on the floor's corpora, timed only when the floor does not cover every shape. */
const ON_COVERED = ', on the events the floor covers';

async function main(argv: readonly string[]): Promise<void> {
  const out = jsonFile(argv) ?? `${ROOT}bench/results.json`;
  const schema = JSON.parse(readFileSync(`${ROOT}schema/audit-log.schema.json`, 'utf8')) as SchemaDocument;
  const corpora = generateCorpora(schema, CORPUS_SEED, CORPUS_SIZE);
  const { module: runtime } = await loadRuntime();
  const { validateAuditLog, isAuditLog, parseAuditLog } = runtime;
  if (!corpora.valid.every((log) => validateAuditLog(log)) || corpora.invalid.some((log) => validateAuditLog(log))) {
    throw new Error(
      'the corpora are not what they claim: validateAuditLog rejects a valid payload or accepts an invalid one',
    );
  }

  // A details shape without its hand-written check is reported, not fatal: the floor's figures
  // are then over the payloads it judges, and ours are timed on those too for its ratios.
  console.log(describeCoverage(canonicalFloor));
  const partial = canonicalFloor.missingShapes.length > 0;
  const covered = {
    valid: corpora.valid.filter(canonicalFloor.judges),
    invalid: corpora.invalid.filter(canonicalFloor.judges),
  };
  const entries: Entry[] = [
    { name: 'validateAuditLog', kind: 'ours', mode: 'errors', fn: validateAuditLog },
    { name: 'isAuditLog', kind: 'ours', mode: 'verdict', fn: isAuditLog },
    { name: 'parseAuditLog', kind: 'ours', mode: 'readable', fn: (v) => parseAuditLog(v).success },
    ...(partial
      ? [
          {
            name: `validateAuditLog${ON_COVERED}`,
            kind: 'ours',
            mode: 'errors',
            fn: validateAuditLog,
            data: covered,
          } as const,
          { name: `isAuditLog${ON_COVERED}`, kind: 'ours', mode: 'verdict', fn: isAuditLog, data: covered } as const,
        ]
      : []),
    ...peers(schema).map((p): Entry => ({ ...p, kind: 'peer' })),
    { name: FLOOR, kind: 'floor', mode: 'verdict', fn: floorValidate, data: covered },
    // Control: the same floor reading the envelope by name, as most validators do.
    {
      name: 'hand-written floor, envelope read by name (control)',
      kind: 'floor',
      mode: 'verdict',
      fn: floorByName,
      data: covered,
    },
  ];
  const disagreements = new Map(
    entries.map((e) => [
      e.name,
      countDisagreements(e.fn, validateAuditLog, (e.data ?? corpora).valid) +
        countDisagreements(e.fn, validateAuditLog, (e.data ?? corpora).invalid),
    ]),
  );
  console.log(`agreement with validateAuditLog on all ${2 * CORPUS_SIZE} payloads (valid and invalid):`);
  console.table(
    entries
      .filter((e) => e.kind !== 'ours')
      .map((e) => ({
        validator: e.name,
        disagreements: disagreements.get(e.name)!,
        ranked: disagreements.get(e.name) === 0 ? 'yes' : 'no',
      })),
  );

  console.log(
    `timing ${2 * CORPUS_SIZE} payloads (${CORPUS_SIZE} valid, ${CORPUS_SIZE} invalid, seed ${CORPUS_SEED}), ${ROUNDS} interleaved rounds...`,
  );
  const rows = await measure(entries, corpora);
  const timing = (name: string, corpus: 'valid' | 'invalid') => {
    const row = rows.find((r) => r.name === name && r.corpus === corpus)!;
    return { nsPerEvent: fixed(row.nsPerEvent), rme: fixed(row.rme), rounds: row.rounds.map((n) => fixed(n)) };
  };
  const validators: ValidatorResult[] = entries.map((e) => ({
    name: e.name,
    kind: e.kind,
    ...(e.peer === undefined ? {} : { peer: e.peer }),
    mode: e.mode,
    disagreements: disagreements.get(e.name)!,
    valid: timing(e.name, 'valid'),
    invalid: timing(e.name, 'invalid'),
  }));
  const ns = (name: string, corpus: 'valid' | 'invalid') => validators.find((v) => v.name === name)![corpus].nsPerEvent;
  const ours = { valid: ns('validateAuditLog', 'valid'), invalid: ns('validateAuditLog', 'invalid') };
  console.table(
    validators.flatMap((v) =>
      (['valid', 'invalid'] as const).map((corpus) => ({
        validator: v.name,
        mode: v.mode,
        corpus,
        'ns/event': v[corpus].nsPerEvent,
        '±%': v[corpus].rme,
        'x validateAuditLog': fixed(v[corpus].nsPerEvent / ours[corpus], 2),
        rounds: v[corpus].rounds.join(' '),
      })),
    ),
  );

  const floor = validators.find((v) => v.name === FLOOR)!;
  const floorAgrees = floor.disagreements === 0;
  // Our figure over the same payloads as the floor's.
  const onFloorCorpus = (name: string) => ns(partial ? `${name}${ON_COVERED}` : name, 'valid');
  // Only peers that agree are ranked; "verdict" peers race isAuditLog, every-error peers validateAuditLog.
  const fastest = (modes: Mode[]) =>
    validators
      .filter((v) => v.kind === 'peer' && v.disagreements === 0 && modes.includes(v.mode))
      .sort((a, b) => a.valid.nsPerEvent - b.valid.nsPerEvent)[0];
  const fastestAny = fastest(['verdict', 'errors']);
  const fastestErrors = fastest(['errors']);
  const targets: TargetResult[] = [
    target(
      'isAuditLog ÷ floor, valid',
      floorAgrees ? onFloorCorpus('isAuditLog') / floor.valid.nsPerEvent : null,
      '<= 1.2',
    ),
    target(
      'validateAuditLog ÷ floor, valid',
      floorAgrees ? onFloorCorpus('validateAuditLog') / floor.valid.nsPerEvent : null,
      '<= 1.2',
    ),
    target('validateAuditLog rejecting ÷ accepting (every error collected)', ours.invalid / ours.valid, '<= 1.5'),
    target(
      'fastest agreeing stock peer ÷ isAuditLog, valid',
      fastestAny === undefined ? null : fastestAny.valid.nsPerEvent / ns('isAuditLog', 'valid'),
      '>= 15',
      fastestAny?.name,
    ),
    target(
      'fastest agreeing peer collecting every error ÷ validateAuditLog, valid',
      fastestErrors === undefined ? null : fastestErrors.valid.nsPerEvent / ours.valid,
      '>= 15',
      fastestErrors?.name,
    ),
  ];
  console.table(
    targets.map((t) => ({
      target: t.target,
      against: t.note ?? '',
      measured: t.value ?? 'not computed',
      want: t.want,
      '': t.met === null ? 'not computed' : t.met ? 'met' : 'missed',
    })),
  );

  const size = canonicalCatalogSize();
  const sizes = await measureSizes(size);
  console.table(
    sizes.map((s) => ({
      bundle: s.name,
      'bytes gzipped': s.bytes,
      budget: s.budget,
      formula: s.formula,
      '': s.bytes <= s.budget ? 'within' : 'over',
      target: s.target,
      'target met': s.target === undefined ? '' : s.bytes <= s.target ? 'met' : 'missed',
    })),
  );

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: machine(),
    seed: CORPUS_SEED,
    corpusSize: CORPUS_SIZE,
    catalog: size,
    ours: 'the minified esbuild bundle of `src/index.ts`',
    rounds: ROUNDS,
    validators,
    targets,
    sizes,
  };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `machine: ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}; wrote ${out}`,
  );
}

if (process.argv.includes('--scale')) {
  const { runScale } = await import('./scale.ts');
  await runScale(jsonFile(process.argv));
} else if (process.argv.includes('--pull')) {
  // The collector's records per second next to the SDK's list() loop (bench/pull-speed.ts).
  const { formatPullSpeed, runPullSpeed } = await import('./pull-speed.ts');
  console.log(formatPullSpeed(await runPullSpeed()));
} else if (process.argv.includes('--hostile')) {
  // Hostile cases beside valid twins of the same size (bench/hostile.ts).
  const { runHostile } = await import('./hostile.ts');
  process.exitCode = (await runHostile()) ? 0 : 1;
} else if (process.argv.includes('--normalize')) {
  // toOcsf and toEcs beside isAuditLog, and validate --to ocsf beside --emit valid (bench/normalize-speed.ts).
  const { runNormalizeSpeed } = await import('./normalize-speed.ts');
  process.exitCode = (await runNormalizeSpeed()) ? 0 : 1;
} else if (process.argv.includes('--cli')) {
  // The command line's speed (bench/cli-speed.ts, which also runs on its own with options).
  const { formatCliSpeed, runCliSpeed } = await import('./cli-speed.ts');
  const result = await runCliSpeed({ log: (line) => console.error(line) });
  console.log(formatCliSpeed(result));
  process.exitCode = result.met ? 0 : 1;
} else {
  await main(process.argv);
}

/**
 * `npm run bench`: ns per event of the package's validators against AJV, zod and a hand-written
 * floor, all in this process, on seeded corpora of valid and invalid audit logs; prints one table
 * (every figure's ratio to validateAuditLog on the same corpus) and writes bench/results.json.
 * `npm run bench -- --scale` runs the 10x-catalog scaling run instead (bench/scale.ts).
 *
 * "Ours" is the minified esbuild bundle of src/index.ts: the code a consumer's bundler ships.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ajvDiscriminator, ajvFlat, ajvOneOf, zodDiscriminatedUnion, type Validator } from './baselines.ts';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpora, type SchemaDocument } from '../harness/corpus.ts';
import { floorValidate } from '../harness/floor.ts';
import { assertAgreement, loadRuntime, machine, measure, ROOT } from './harness.ts';

async function main(): Promise<void> {
  const schema = JSON.parse(readFileSync(`${ROOT}schema/audit-log.schema.json`, 'utf8')) as SchemaDocument;
  const corpora = generateCorpora(schema, CORPUS_SEED, CORPUS_SIZE);
  const { module: runtime } = await loadRuntime();
  const { validateAuditLog, isAuditLog, parseAuditLog } = runtime;
  if (!corpora.valid.every((log) => validateAuditLog(log)) || corpora.invalid.some((log) => validateAuditLog(log))) {
    throw new Error(
      'the corpora are not what they claim: validateAuditLog rejects a valid payload or accepts an invalid one',
    );
  }

  const discriminator = ajvDiscriminator(schema);
  const zod = zodDiscriminatedUnion(schema);
  const baselines: { name: string; fn: Validator }[] = [
    { name: 'AJV discriminator', fn: (v) => discriminator(v) },
    { name: 'AJV discriminator, first error only', fn: ajvDiscriminator(schema, { allErrors: false }) },
    { name: 'AJV flat (upstream shape)', fn: ajvFlat(schema) },
    { name: 'AJV oneOf', fn: ajvOneOf(schema) },
    { name: 'zod 4 discriminatedUnion', fn: (v) => zod.safeParse(v).success },
    { name: 'hand-written floor', fn: floorValidate },
  ];
  for (const { name, fn } of baselines) {
    for (const payloads of [corpora.valid, corpora.invalid]) assertAgreement(name, fn, validateAuditLog, payloads);
  }

  console.log(
    `timing ${2 * CORPUS_SIZE} payloads (${CORPUS_SIZE} valid, ${CORPUS_SIZE} invalid, seed ${CORPUS_SEED})...`,
  );
  const rows = await measure(
    [
      { name: 'validateAuditLog', fn: validateAuditLog },
      { name: 'isAuditLog', fn: isAuditLog },
      { name: 'parseAuditLog', fn: (v) => parseAuditLog(v).success },
      ...baselines,
    ],
    corpora,
  );
  const ns = (name: string, corpus: 'valid' | 'invalid') =>
    rows.find((r) => r.name === name && r.corpus === corpus)!.nsPerEvent;
  const ours = { valid: ns('validateAuditLog', 'valid'), invalid: ns('validateAuditLog', 'invalid') };

  const table = rows.map((row) => ({
    validator: row.name,
    corpus: row.corpus,
    'ns/event': Number(row.nsPerEvent.toFixed(1)),
    '±%': Number(row.rme.toFixed(1)),
    'x validateAuditLog': Number((row.nsPerEvent / ours[row.corpus]).toFixed(2)),
  }));
  console.table(table);

  const fastestAjv = Math.min(ns('AJV discriminator', 'valid'), ns('AJV flat (upstream shape)', 'valid'));
  const targets = [
    {
      target: 'fastest stock AJV (discriminator or flat) / validateAuditLog, valid',
      want: '>= 15',
      value: fastestAjv / ours.valid,
      met: fastestAjv / ours.valid >= 15,
    },
    {
      target: 'zod / validateAuditLog, valid',
      want: '>= 20',
      value: ns('zod 4 discriminatedUnion', 'valid') / ours.valid,
      met: ns('zod 4 discriminatedUnion', 'valid') / ours.valid >= 20,
    },
    {
      target: 'validateAuditLog / floor, valid',
      want: '<= 1.5',
      value: ours.valid / ns('hand-written floor', 'valid'),
      met: ours.valid / ns('hand-written floor', 'valid') <= 1.5,
    },
    {
      target: 'validateAuditLog invalid (all errors) / valid',
      want: '<= 1',
      value: ours.invalid / ours.valid,
      met: ours.invalid <= ours.valid,
    },
    {
      target: 'isAuditLog invalid / valid',
      want: '<= 1',
      value: ns('isAuditLog', 'invalid') / ns('isAuditLog', 'valid'),
      met: ns('isAuditLog', 'invalid') <= ns('isAuditLog', 'valid'),
    },
    {
      target: 'parseAuditLog / validateAuditLog, valid',
      want: '<= 1.2',
      value: ns('parseAuditLog', 'valid') / ours.valid,
      met: ns('parseAuditLog', 'valid') / ours.valid <= 1.2,
    },
  ].map((t) => ({ ...t, value: Number(t.value.toFixed(2)) }));
  console.table(targets);

  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    seed: CORPUS_SEED,
    corpusSize: CORPUS_SIZE,
    ours: 'esbuild minified bundle of src/index.ts',
    rows,
    targets,
  };
  writeFileSync(`${ROOT}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `machine: ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}; wrote bench/results.json`,
  );
}

if (process.argv.includes('--scale')) {
  const { runScale } = await import('./scale.ts');
  await runScale();
} else {
  await main();
}

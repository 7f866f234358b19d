/**
 * `npm run bench -- --scale`: the catalog at 10x. Clones every event of the canonical schema
 * nine times under renamed resources (`api_key.created` -> `api_key_v1.created`, ...); runs the
 * generator on it into a temporary directory beside a copy of src/; builds the hand-written
 * floor for the scaled catalog too (the clones share their originals' details shapes, so the
 * floor needs no new check); then times, in one process with interleaved rounds,
 * validateAuditLog and the floor at both sizes, with two controls. Also compares generation time
 * and bundle size (at most linear) and `tsc --noEmit --extendedDiagnostics` of a consumer that
 * switches over every type. `--json FILE` keeps the figures as the `scale` entry of FILE.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as Runtime from '../src/index.ts';
import { generateAll } from '../scripts/generate/generate-all.ts';
import { pascalCase } from '../src/internal.ts';
import { bundle, gzippedBytes, importBundle } from '../harness/bundle.ts';
import {
  CORPUS_SEED,
  CORPUS_SIZE,
  eventsOf,
  generateCorpora,
  type JsonSchema,
  type SchemaDocument,
} from '../harness/corpus.ts';
import type { ScaleResults, TargetResult } from '../harness/bench-results.ts';
import { describeCoverage, floorOfSchema } from '../harness/floor.ts';
import { machine, measure, ROOT, target } from './harness.ts';

const FACTOR = 10;

/**
 * The reads any validator of the contract makes, and nothing else: the envelope fields and every
 * key (to find the details keys). Timed on both catalogs, it shows what 10x as many object
 * shapes cost V8 before any validation happens.
 */
function readEnvelopeAndKeys(value: unknown): boolean {
  const log = value as Record<string, unknown>;
  let present = 0;
  if (typeof log.id === 'string') present++;
  if (typeof log.type === 'string') present++;
  if (typeof log.effective_at === 'number') present++;
  if (log.actor !== undefined) present++;
  if (log.project !== undefined) present++;
  for (const key in log) if (log[key] !== undefined) present++;
  return present > 0;
}

/** The schema with every event cloned `factor - 1` times under the resources `<resource>_v<k>`. */
export function scaledSchema(schema: SchemaDocument, factor: number): SchemaDocument {
  const out = structuredClone(schema);
  const defs = out.$defs;
  const types: string[] = [];
  const oneOf: { $ref: string }[] = [];
  const details = (defs.AuditLogDetails!.properties ?? {}) as Record<string, JsonSchema>;
  for (const { $ref } of schema.oneOf) {
    const variant = schema.$defs[$ref.slice('#/$defs/'.length)]!;
    const type = ((variant.properties as JsonSchema).type as { const: string }).const;
    for (let k = 0; k < factor; k++) {
      const resource = k === 0 ? (variant['x-resource'] as string) : `${String(variant['x-resource'])}_v${k}`;
      const clone = `${resource}.${String(variant['x-action'])}`;
      types.push(clone);
      oneOf.push({ $ref: `#/$defs/${pascalCase(clone)}AuditLog` });
      if (k === 0) continue;
      const copy = structuredClone(variant);
      const properties = copy.properties as Record<string, JsonSchema>;
      copy['x-resource'] = resource;
      properties.type = { ...properties.type, const: clone };
      if (properties[type]) {
        const ref = `#/$defs/${pascalCase(clone)}Details`;
        defs[`${pascalCase(clone)}Details`] = structuredClone(
          schema.$defs[(properties[type].$ref as string).slice('#/$defs/'.length)]!,
        );
        properties[clone] = { ...properties[type], $ref: ref };
        delete properties[type];
        details[clone] = { ...details[type], $ref: ref };
      }
      defs[`${pascalCase(clone)}AuditLog`] = copy;
    }
  }
  defs.AuditLogEventType = { ...defs.AuditLogEventType, enum: types };
  out.oneOf = oneOf;
  return out;
}

interface Prepared {
  dir: string;
  types: number;
  generateSeconds: number;
  runtimeBytes: number;
  typesBytes: number;
}

/** Generates `schema` into a fresh directory beside a copy of src/, as the repository would hold it. */
async function prepare(schema: SchemaDocument, label: string): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), `audit-logs-scale-${label}-`));
  const schemaFile = join(dir, 'schema/audit-log.schema.json');
  mkdirSync(dirname(schemaFile), { recursive: true });
  writeFileSync(schemaFile, JSON.stringify(schema, null, 2));
  const started = performance.now();
  const files = await generateAll(schemaFile);
  const generateSeconds = (performance.now() - started) / 1000;
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.contents);
  }
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  const runtimeBytes = gzippedBytes(await bundle("export * from './src/index.ts';", dir));
  const typesBytes = readFileSync(join(dir, 'generated/types.ts')).length;
  return { dir, types: eventsOf(schema).length, generateSeconds, runtimeBytes, typesBytes };
}

/** `tsc --noEmit --extendedDiagnostics` of a consumer with an exhaustive switch over every type. */
function typecheckConsumer(prepared: Prepared, schema: SchemaDocument): Record<string, string> {
  const cases = eventsOf(schema)
    .map(
      ({ type, details }) =>
        `    case ${JSON.stringify(type)}:\n      return ${details ? `log[${JSON.stringify(type)}] === undefined ? 0 : 1` : '2'};`,
    )
    .join('\n');
  writeFileSync(
    join(prepared.dir, 'consumer.ts'),
    `import type { AuditLog } from './generated/types.js';\n\nexport function handle(log: AuditLog): number {\n  switch (log.type) {\n${cases}\n    default: {\n      const unreachable: never = log;\n      return unreachable;\n    }\n  }\n}\n`,
  );
  writeFileSync(
    join(prepared.dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['consumer.ts'],
    }),
  );
  const output = execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', prepared.dir, '--extendedDiagnostics'],
    { encoding: 'utf8' },
  );
  const pick = (label: string) => new RegExp(`^${label}:\\s+(.+)$`, 'm').exec(output)?.[1]?.trim() ?? '?';
  return {
    'Check time': pick('Check time'),
    'Total time': pick('Total time'),
    'Memory used': pick('Memory used'),
    Types: pick('Types'),
  };
}

/**
 * The floor of a schema document's catalog, and the corpora of that catalog cut to the payloads
 * it judges: a shape without its check is reported, and the figures are over the events it covers.
 */
function floorOf(schema: SchemaDocument) {
  const floor = floorOfSchema(schema);
  console.log(describeCoverage(floor));
  const corpora = generateCorpora(schema, CORPUS_SEED, CORPUS_SIZE);
  return {
    floor: floor.validate,
    corpora: { valid: corpora.valid.filter(floor.judges), invalid: corpora.invalid.filter(floor.judges) },
  };
}

export async function runScale(jsonFile?: string): Promise<void> {
  const canonical = JSON.parse(readFileSync(join(ROOT, 'schema/audit-log.schema.json'), 'utf8')) as SchemaDocument;
  const scaled = scaledSchema(canonical, FACTOR);
  const base = await prepare(canonical, 'base');
  const big = await prepare(scaled, `x${FACTOR}`);
  console.log(`generated ${base.types} and ${big.types} types into ${base.dir} and ${big.dir}`);

  const small = {
    ...floorOf(canonical),
    runtime: (await importBundle<typeof Runtime>("export * from './src/index.ts';", base.dir)).module,
  };
  const large = {
    ...floorOf(scaled),
    runtime: (await importBundle<typeof Runtime>("export * from './src/index.ts';", big.dir)).module,
  };
  for (const { corpora, runtime, floor } of [small, large]) {
    for (const [corpus, want] of [
      ['valid', true],
      ['invalid', false],
    ] as const) {
      if (corpora[corpus].some((log) => runtime.validateAuditLog(log) !== want || floor(log) !== want)) {
        throw new Error(`a scale corpus is not what it claims, or the floor disagrees on it (${corpus})`);
      }
    }
  }
  const n = { base: base.types, big: big.types };
  const names = {
    ours: (types: number) => `validateAuditLog, ${types} types`,
    floor: (types: number) => `hand-written floor, ${types} types`,
    control: `validateAuditLog, ${n.big}-type runtime on ${n.base}-type logs`,
    reads: (types: number) => `property reads alone, ${types} types`,
  };
  // One run, every task interleaved: each task on the logs of its own catalog.
  const rows = await measure(
    [
      { name: names.ours(n.base), fn: small.runtime.validateAuditLog, data: small.corpora },
      { name: names.floor(n.base), fn: small.floor, data: small.corpora },
      { name: names.ours(n.big), fn: large.runtime.validateAuditLog, data: large.corpora },
      { name: names.floor(n.big), fn: large.floor, data: large.corpora },
      // Control: the big runtime on the small catalog's logs. Same dispatch, as many object shapes
      // as at the small size: it tells the cost of the lookups apart from the cost of V8 meeting
      // ten times as many object shapes.
      { name: names.control, fn: large.runtime.validateAuditLog, data: small.corpora },
      // Second control: only the property reads any validator of this contract makes, no validation.
      { name: names.reads(n.base), fn: readEnvelopeAndKeys, corpora: ['valid'], data: small.corpora },
      { name: names.reads(n.big), fn: readEnvelopeAndKeys, corpora: ['valid'], data: large.corpora },
    ],
    small.corpora,
  );
  const ns = (name: string, corpus: 'valid' | 'invalid' = 'valid') =>
    rows.find((r) => r.name === name && r.corpus === corpus)!.nsPerEvent;
  console.table(
    rows.map((r) => ({
      validator: r.name,
      corpus: r.corpus,
      'ns/event': Number(r.nsPerEvent.toFixed(1)),
      rounds: r.rounds.map((x) => x.toFixed(0)).join(' '),
    })),
  );

  const targets: TargetResult[] = [
    target(
      `validateAuditLog ÷ floor, valid, at ${FACTOR}x the catalog`,
      ns(names.ours(n.big)) / ns(names.floor(n.big)),
      '<= 1.3',
    ),
  ];
  console.table(
    targets.map((t) => ({ target: t.target, measured: t.value, want: t.want, '': t.met ? 'met' : 'missed' })),
  );

  const tscBase = typecheckConsumer(base, canonical);
  const tscBig = typecheckConsumer(big, scaled);
  const growth = (a: number, b: number) => (b / a / (n.big / n.base)).toFixed(2);
  const twice = (measure: string, a: number, b: number, note: string, digits = 1) => ({
    measure,
    base: a.toFixed(digits),
    scaled: b.toFixed(digits),
    ratio: (b / a).toFixed(2),
    note,
  });
  const summary: ScaleResults['summary'] = [
    twice('`validateAuditLog`, ns per valid event', ns(names.ours(n.base)), ns(names.ours(n.big)), 'the package'),
    twice(
      'hand-written floor, ns per valid event',
      ns(names.floor(n.base)),
      ns(names.floor(n.big)),
      'built for each catalog',
    ),
    twice(
      '`validateAuditLog` ÷ floor',
      ns(names.ours(n.base)) / ns(names.floor(n.base)),
      ns(names.ours(n.big)) / ns(names.floor(n.big)),
      'target at scale: <= 1.3',
      2,
    ),
    twice(
      `control: the ${n.big}-type runtime on ${n.base}-type logs, ns`,
      ns(names.ours(n.base)),
      ns(names.control),
      'about 1: the lookups themselves are constant-time',
    ),
    twice(
      'control: property reads alone (envelope fields and every key), ns',
      ns(names.reads(n.base)),
      ns(names.reads(n.big)),
      `the cost of meeting ${FACTOR}x as many object shapes, without any validator`,
    ),
    twice(
      '`generateAll`, seconds',
      base.generateSeconds,
      big.generateSeconds,
      `per type: ${growth(base.generateSeconds, big.generateSeconds)} (<= 1 is at most linear)`,
      2,
    ),
    twice(
      'runtime entry, bytes gzipped',
      base.runtimeBytes,
      big.runtimeBytes,
      `per type: ${growth(base.runtimeBytes, big.runtimeBytes)}`,
      0,
    ),
    twice(
      '`generated/types.ts`, bytes',
      base.typesBytes,
      big.typesBytes,
      `per type: ${growth(base.typesBytes, big.typesBytes)}`,
      0,
    ),
    ...Object.keys(tscBase).map((key) => ({
      measure: `tsc, a consumer switching over every type: ${key}`,
      base: tscBase[key]!,
      scaled: tscBig[key]!,
      ratio: '',
      note: 'completes; reported',
    })),
  ];
  console.table(summary);

  // Kept beside the main run's figures, in the file the main run writes (bench/results.json by default).
  const file = jsonFile ?? join(ROOT, 'bench/results.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
  const scale: ScaleResults = {
    date: new Date().toISOString(),
    machine: machine(),
    factor: FACTOR,
    types: { base: n.base, scaled: n.big },
    rows: rows.map((r) => ({
      name: r.name,
      corpus: r.corpus,
      nsPerEvent: Number(r.nsPerEvent.toFixed(1)),
      rme: Number(r.rme.toFixed(1)),
      rounds: r.rounds.map((x) => Number(x.toFixed(1))),
    })),
    targets,
    summary,
  };
  writeFileSync(file, `${JSON.stringify({ ...previous, scale }, null, 2)}\n`);
  console.log(`wrote the "scale" entry of ${file}`);
}

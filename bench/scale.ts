/**
 * `npm run bench -- --scale`: the catalog at 10x. Clones every event of the canonical schema
 * nine times under renamed resources (`api_key.created` -> `api_key_v1.created`, ...), giving 510
 * types; runs the generator on it into a temporary directory beside a copy of src/; then compares
 * with the canonical 51 types: validateAuditLog ns per event (constant-time dispatch), generation
 * time and bundle size (at most linear), and `tsc --noEmit --extendedDiagnostics` of a consumer
 * that switches over every type.
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
import { machine, measure, ROOT } from './harness.ts';

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

export async function runScale(): Promise<void> {
  const canonical = JSON.parse(readFileSync(join(ROOT, 'schema/audit-log.schema.json'), 'utf8')) as SchemaDocument;
  const scaled = scaledSchema(canonical, FACTOR);
  const base = await prepare(canonical, '51');
  const big = await prepare(scaled, `${FACTOR * 51}`);
  console.log(`generated ${base.types} and ${big.types} types into ${base.dir} and ${big.dir}`);

  const small = {
    corpora: generateCorpora(canonical, CORPUS_SEED, CORPUS_SIZE),
    runtime: (await importBundle<typeof Runtime>("export * from './src/index.ts';", base.dir)).module,
  };
  const large = {
    corpora: generateCorpora(scaled, CORPUS_SEED, CORPUS_SIZE),
    runtime: (await importBundle<typeof Runtime>("export * from './src/index.ts';", big.dir)).module,
  };
  for (const { corpora, runtime } of [small, large]) {
    if (
      !corpora.valid.every((log) => runtime.validateAuditLog(log)) ||
      corpora.invalid.some((log) => runtime.validateAuditLog(log))
    ) {
      throw new Error('a scale corpus is not what it claims');
    }
  }
  // One corpus per task: the 51-type runtime on 51-type logs, the 510-type runtime on 510-type logs.
  const rows = [
    ...(await measure(
      [{ name: `validateAuditLog, ${base.types} types`, fn: small.runtime.validateAuditLog }],
      small.corpora,
    )),
    ...(await measure(
      [{ name: `validateAuditLog, ${big.types} types`, fn: large.runtime.validateAuditLog }],
      large.corpora,
    )),
    // Control: the 510-type runtime on the 51-type logs. Same dispatch, 51 object shapes: it tells
    // the cost of the lookups apart from the cost of V8 meeting ten times as many object shapes.
    ...(await measure(
      [
        {
          name: `validateAuditLog, ${big.types}-type runtime on ${base.types}-type logs`,
          fn: large.runtime.validateAuditLog,
        },
      ],
      small.corpora,
    )),
    // Second control: only the property reads any validator of this contract makes, no validation.
    ...(await measure(
      [{ name: `property reads alone, ${base.types} types`, fn: readEnvelopeAndKeys, corpora: ['valid'] }],
      small.corpora,
    )),
    ...(await measure(
      [{ name: `property reads alone, ${big.types} types`, fn: readEnvelopeAndKeys, corpora: ['valid'] }],
      large.corpora,
    )),
  ];
  const nsOf = (types: number, corpus: string) =>
    rows.find((r) => r.name.endsWith(`${types} types`) && r.corpus === corpus)!.nsPerEvent;
  console.table(
    rows.map((r) => ({
      validator: r.name,
      corpus: r.corpus,
      'ns/event': Number(r.nsPerEvent.toFixed(1)),
      'x 51 types': Number((r.nsPerEvent / nsOf(base.types, r.corpus)).toFixed(2)),
    })),
  );

  const tscBase = typecheckConsumer(base, canonical);
  const tscBig = typecheckConsumer(big, scaled);
  const growth = (a: number, b: number) => Number((b / a / (big.types / base.types)).toFixed(2));
  const summary = [
    {
      measure: 'validateAuditLog ns/event, valid',
      [`${base.types}`]: nsOf(base.types, 'valid').toFixed(1),
      [`${big.types}`]: nsOf(big.types, 'valid').toFixed(1),
      ratio: (nsOf(big.types, 'valid') / nsOf(base.types, 'valid')).toFixed(2),
      target: '<= 1.3',
    },
    {
      measure: `validateAuditLog ns/event, valid, ${big.types}-type runtime on ${base.types}-type logs (control)`,
      [`${base.types}`]: nsOf(base.types, 'valid').toFixed(1),
      [`${big.types}`]: rows
        .find((r) => r.name.endsWith(`${base.types}-type logs`) && r.corpus === 'valid')!
        .nsPerEvent.toFixed(1),
      ratio: (
        rows.find((r) => r.name.endsWith(`${base.types}-type logs`) && r.corpus === 'valid')!.nsPerEvent /
        nsOf(base.types, 'valid')
      ).toFixed(2),
      target: 'about 1: the lookups themselves are constant-time',
    },
    {
      measure: 'property reads alone (envelope fields and every key), valid (control)',
      [`${base.types}`]: rows
        .find((r) => r.name === `property reads alone, ${base.types} types`)!
        .nsPerEvent.toFixed(1),
      [`${big.types}`]: rows.find((r) => r.name === `property reads alone, ${big.types} types`)!.nsPerEvent.toFixed(1),
      ratio: (
        rows.find((r) => r.name === `property reads alone, ${big.types} types`)!.nsPerEvent /
        rows.find((r) => r.name === `property reads alone, ${base.types} types`)!.nsPerEvent
      ).toFixed(2),
      target: 'the cost of meeting 10x as many object shapes, without any validator',
    },
    {
      measure: 'generateAll seconds',
      [`${base.types}`]: base.generateSeconds.toFixed(2),
      [`${big.types}`]: big.generateSeconds.toFixed(2),
      ratio: (big.generateSeconds / base.generateSeconds).toFixed(2),
      target: `per type: ${growth(base.generateSeconds, big.generateSeconds)} (<= 1 is at most linear)`,
    },
    {
      measure: 'runtime entry, bytes gzipped',
      [`${base.types}`]: base.runtimeBytes,
      [`${big.types}`]: big.runtimeBytes,
      ratio: (big.runtimeBytes / base.runtimeBytes).toFixed(2),
      target: `per type: ${growth(base.runtimeBytes, big.runtimeBytes)}`,
    },
    {
      measure: 'generated/types.ts bytes',
      [`${base.types}`]: base.typesBytes,
      [`${big.types}`]: big.typesBytes,
      ratio: (big.typesBytes / base.typesBytes).toFixed(2),
      target: `per type: ${growth(base.typesBytes, big.typesBytes)}`,
    },
    ...Object.keys(tscBase).map((key) => ({
      measure: `tsc consumer switch: ${key}`,
      [`${base.types}`]: tscBase[key],
      [`${big.types}`]: tscBig[key],
      ratio: '',
      target: 'completes; reported',
    })),
  ];
  console.table(summary);
  // Kept beside the main run's figures, in the one git-ignored results file.
  const file = join(ROOT, 'bench/results.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
  const scale = { date: new Date().toISOString(), machine: machine(), rows, summary };
  writeFileSync(file, `${JSON.stringify({ ...previous, scale }, null, 2)}\n`);
  console.log('wrote the "scale" entry of bench/results.json');
}

/**
 * `npm run generate`: checks schema/audit-log.schema.json, then runs every generator in order and
 * writes generated/ (and docs/events.md, and the catalog's size where README.md states it). `npm run generate -- --check` writes nothing and exits 1,
 * naming each stale file, when anything on disk differs from what would be written.
 * `--schema <file>` reads another schema (the generated paths stay the same).
 * Exit codes: 0 done (or fresh), 1 stale (`--check`), 2 the schema breaks a rule or the arguments
 * are wrong.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMain } from '../shared/is-main.ts';
import { UsageError } from '../shared/usage-error.ts';
import type { GeneratedFile } from './generated-file.ts';
import { generateCatalog } from './generate-catalog.ts';
import { generateDetailsValidators } from './generate-details-validators.ts';
import { generateDocs } from './generate-docs.ts';
import { generateDocumentedFields } from './generate-documented-fields.ts';
import { generateEnvelopeFields } from './generate-envelope-fields.ts';
import { generateEventTypes } from './generate-event-types.ts';
import { generateGuards } from './generate-guards.ts';
import { generateJsonSchemas } from './generate-json-schemas.ts';
import { generateMeanings } from './generate-meanings.ts';
import { generateOcsf, OCSF_SCHEMA } from './generate-ocsf.ts';
import { generateOpenApi } from './generate-openapi.ts';
import { generateReadme } from './generate-readme.ts';
import { generateReadmeCounts } from './generate-readme-counts.ts';
import { generateStandardSchemas } from './generate-standard-schemas.ts';
import { generateTypes } from './generate-types.ts';
import { generateValidators } from './validators/layout.ts';
import { loadSchema, SchemaError, type SchemaModel } from './model/index.ts';

/** Folders whose every file is generated: a file here that no generator produced is stale. */
const OWNED_DIRS = ['generated'];

/** Every file the generators write, for the schema in `schema` (a file, or an already loaded model). */
export async function generateAll(schema?: string | SchemaModel): Promise<GeneratedFile[]> {
  const model = typeof schema === 'object' ? schema : loadSchema(schema);
  const files = [
    await generateTypes(model),
    generateEventTypes(model),
    generateEnvelopeFields(model),
    generateDetailsValidators(model),
    ...generateValidators(model),
    generateGuards(model),
    generateStandardSchemas(model),
    generateJsonSchemas(model),
    generateDocumentedFields(model),
    generateCatalog(model),
    generateMeanings(model),
    await generateOcsf(JSON.parse(readFileSync(OCSF_SCHEMA, 'utf8')) as Record<string, unknown>),
    generateOpenApi(model),
    generateDocs(model),
  ];
  return [...files, generateReadme(model, files), ...generateReadmeCounts(model)];
}

export interface GenerateOptions {
  check: boolean;
  schema?: string;
}

/** `--check` and `--schema <file>`; anything else is a usage error rather than silently ignored. */
export function parseGenerateArgs(argv: readonly string[]): GenerateOptions {
  const options: GenerateOptions = { check: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--check') options.check = true;
    else if (arg === '--schema') {
      const file = argv[++index];
      if (file === undefined || file.startsWith('--'))
        throw new UsageError('--schema needs a file: --schema <schema.json>');
      options.schema = file;
    } else
      throw new UsageError(
        `unknown argument ${JSON.stringify(arg)}; usage: npm run generate -- [--check] [--schema <file>]`,
      );
  }
  return options;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The files on disk that differ from `wanted`, written unless checking. */
function reconcile(wanted: ReadonlyMap<string, string>, check: boolean): string[] {
  const stale: string[] = [];
  for (const [path, contents] of wanted) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === contents) continue;
    stale.push(`${path} (${current === undefined ? 'missing' : 'differs'})`);
    if (!check) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, contents);
    }
  }
  for (const path of OWNED_DIRS.flatMap(listFiles)) {
    if (wanted.has(path)) continue;
    stale.push(`${path} (not generated any more)`);
    if (!check) rmSync(path);
  }
  return stale;
}

/** Where `generate` reports: the console when run as a command, a collector in tests. */
export interface Output {
  log(text: string): void;
  error(text: string): void;
}

/** Runs `npm run generate` with `argv` and returns its exit code (it never exits the process itself). */
export async function generate(argv: readonly string[], output: Output = console): Promise<number> {
  try {
    const options = parseGenerateArgs(argv);
    const started = performance.now();
    const model = loadSchema(options.schema);
    const files = await generateAll(model);
    const stale = reconcile(new Map(files.map((file) => [file.path, file.contents])), options.check);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (options.check && stale.length > 0) {
      output.error(`generated files are stale; run \`npm run generate\`:\n  ${stale.join('\n  ')}`);
      return 1;
    }
    output.log(
      options.check
        ? `generated files are fresh (${files.length} files, ${seconds} s)`
        : `generated ${files.length} files (${stale.length} changed) in ${seconds} s`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SchemaError) output.error(`schema error: ${error.message}`);
    else if (error instanceof UsageError) output.error(`npm run generate: ${error.message}`);
    else throw error;
    return 2;
  }
}

if (isMain(import.meta.url)) {
  generate(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

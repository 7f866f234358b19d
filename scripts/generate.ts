/**
 * `npm run generate`: checks schema/audit-log.schema.json, then runs every generator in order and
 * writes generated/ (and docs/). `npm run generate -- --check` writes nothing and exits 1,
 * naming each stale file, when anything on disk differs from what would be written.
 * `--schema <file>` reads another schema (the generated paths stay the same).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCatalog } from './generate-catalog.ts';
import { buildDocs } from './generate-docs.ts';
import { buildDocumentedFields } from './generate-documented-fields.ts';
import { buildEventTypes } from './generate-event-types.ts';
import { buildGuards } from './generate-guards.ts';
import { buildOpenApi } from './generate-openapi.ts';
import { buildTypes } from './generate-types.ts';
import { buildValidators } from './generate-validators.ts';
import type { GeneratedFile } from './lib/generated-file.ts';
import { loadSchema, SchemaError } from './lib/schema-model.ts';

/** Folders whose every file is generated: a file here that no generator produced is stale. */
const OWNED_DIRS = ['generated'];

export async function generateAll(schemaFile?: string): Promise<GeneratedFile[]> {
  const model = loadSchema(schemaFile);
  return [
    await buildTypes(model),
    ...buildEventTypes(model),
    ...buildValidators(model),
    buildGuards(model),
    buildDocumentedFields(model),
    buildCatalog(model),
    buildOpenApi(model),
    buildDocs(model),
  ];
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const schemaAt = argv.indexOf('--schema');
  const started = performance.now();
  const files = await generateAll(schemaAt >= 0 ? argv[schemaAt + 1] : undefined);
  const wanted = new Map(files.map((file) => [file.path, file.contents]));
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
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (check) {
    if (stale.length > 0) {
      console.error(`generated files are stale; run \`npm run generate\`:\n  ${stale.join('\n  ')}`);
      return 1;
    }
    console.log(`generated files are fresh (${files.length} files, ${seconds} s)`);
    return 0;
  }
  console.log(`generated ${files.length} files (${stale.length} changed) in ${seconds} s`);
  return 0;
}

// Run only as a command, not when a test or the benchmark imports generateAll.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof SchemaError ? `schema error: ${error.message}` : error);
      process.exit(2);
    },
  );
}

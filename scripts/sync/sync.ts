/**
 * `npm run sync`: compares the catalog in schema/audit-log.schema.json with what OpenAI publishes.
 *
 *   npm run sync -- <openapi document> [--write [--prune]] [--changelog] [--conformance] [--schema <file>] [--changelog-file <file>]
 *   npm run sync -- --sdk [openai package directory] [--changelog] [--schema <file>]
 *
 * The first form reads an OpenAPI document (YAML or JSON); the second the audit-log declarations
 * of an installed `openai` package (default: node_modules/openai). Both print the same report.
 * Exit codes: 0 in sync (items only the catalog has are reported, not counted), 1 different,
 * 2 the document, package or schema cannot be used, or the arguments are wrong.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_SCHEMA_FILE, loadSchema, SchemaError, type SchemaModel } from '../generate/model/index.ts';
import { isMain } from '../shared/is-main.ts';
import type { Shape } from '../shared/schema-shape.ts';
import { UsageError } from '../shared/usage-error.ts';
import {
  compareSpecs,
  isInformational,
  specOfDocument,
  specOfSchema,
  type AuditLogSpec,
  type Change,
} from './compare.ts';
import { checkConformance, formatConformance } from './conformance.ts';
import { DocumentError, readOpenApiDocument } from './openapi-document.ts';
import { formatChangelog, formatReport } from './report.ts';
import { readSdkDeclarations, SdkError } from './sdk-declarations.ts';
import { formatSchema, writeSchema } from './write-schema.ts';

const USAGE = [
  'usage: npm run sync -- <openapi.yaml|openapi.json> [--write [--prune]] [--changelog] [--conformance] [--schema <file>] [--changelog-file <file>]',
  '       npm run sync -- --sdk [openai package directory] [--changelog] [--schema <file>]',
].join('\n');
const DEFAULT_SDK = 'node_modules/openai';
const FLAGS = ['--write', '--prune', '--changelog', '--conformance'];

interface SyncOptions {
  /** An OpenAPI document, or an `openai` package directory with `--sdk`. */
  source: { document: string } | { sdk: string };
  flags: Set<string>;
  schemaFile: string;
  /** Where `--write` records the CHANGELOG entry. */
  changelogFile: string;
}

function parseSyncArgs(argv: readonly string[]): SyncOptions {
  const flags = new Set<string>();
  const positional: string[] = [];
  const values = { schemaFile: DEFAULT_SCHEMA_FILE, changelogFile: 'CHANGELOG.md' };
  let sdk: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a file`);
      return next;
    };
    if (arg === '--schema') values.schemaFile = value();
    else if (arg === '--changelog-file') values.changelogFile = value();
    else if (arg === '--sdk')
      sdk = argv[index + 1] !== undefined && !argv[index + 1]!.startsWith('--') ? argv[++index]! : DEFAULT_SDK;
    else if (FLAGS.includes(arg)) flags.add(arg);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (sdk !== undefined) {
    if (positional.length > 0) throw new UsageError('give either an OpenAPI document or --sdk, not both');
    const unsupported = [...flags].filter((flag) => flag !== '--changelog');
    if (unsupported.length > 0)
      throw new UsageError(`${unsupported.join(', ')} works with an OpenAPI document, not with --sdk`);
    return { source: { sdk }, flags, ...values };
  }
  if (positional.length !== 1) throw new UsageError('give one OpenAPI document');
  if (flags.has('--prune') && !flags.has('--write')) throw new UsageError('--prune goes with --write');
  return { source: { document: positional[0]! }, flags, ...values };
}

/** The schema as the SDK can express it: TypeScript has no integer, so integers compare as numbers. */
function asSdkSees(spec: AuditLogSpec): AuditLogSpec {
  const numbers = (shape: Shape): Shape => ({
    ...shape,
    types: [...new Set(shape.types.map((type) => (type === 'integer' ? 'number' : type)))].sort(),
    ...(shape.items ? { items: numbers(shape.items) } : {}),
    ...(shape.properties
      ? { properties: Object.fromEntries(Object.entries(shape.properties).map(([name, sub]) => [name, numbers(sub)])) }
      : {}),
  });
  return {
    ...spec,
    details: Object.fromEntries(Object.entries(spec.details).map(([type, shape]) => [type, numbers(shape)])),
  };
}

/** Inserts `entry` above the first release heading of the CHANGELOG (or at its end). */
function recordChangelog(file: string, entry: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Changelog\n';
  const at = text.search(/^## /m);
  writeFileSync(
    file,
    at === -1 ? `${text.trimEnd()}\n\n${entry}\n` : `${text.slice(0, at)}${entry}\n\n${text.slice(at)}`,
  );
}

function report(
  changes: Change[],
  source: string,
  model: SchemaModel,
  options: SyncOptions,
  log: (line: string) => void,
): void {
  log(options.flags.has('--changelog') ? formatChangelog(changes, source) : formatReport(changes, source, model.file));
}

const exitCode = (changes: Change[]) => (changes.some((change) => !isInformational(change)) ? 1 : 0);

async function syncWithDocument(file: string, options: SyncOptions, log: (line: string) => void): Promise<number> {
  const document = readOpenApiDocument(file);
  const source = basename(file);
  if (options.flags.has('--conformance')) {
    const result = await checkConformance(document, { model: loadSchema(options.schemaFile) });
    log(formatConformance(result, source));
    return result.ok ? 0 : 1;
  }
  const model = loadSchema(options.schemaFile, undefined, { allowPlaceholders: true });
  const prune = options.flags.has('--prune');
  const changes = compareSpecs(specOfSchema(model), specOfDocument(document), { prune });
  report(changes, source, model, options, log);
  if (!options.flags.has('--write') || exitCode(changes) === 0) return exitCode(changes);
  const { schema, placeholders } = writeSchema(model.schema, document, { prune });
  writeFileSync(options.schemaFile, formatSchema(schema));
  recordChangelog(options.changelogFile, formatChangelog(changes, source));
  log(`\nwrote ${model.file} and the entry above into ${options.changelogFile}.`);
  if (placeholders.length > 0) {
    log(
      `Write these ${placeholders.length} description(s) in the project's own words (generation refuses the TODO placeholders):\n  ` +
        placeholders.map((pointer) => `${model.file}#${pointer}`).join('\n  '),
    );
  }
  log('Then run `npm run generate`.');
  return 0;
}

function syncWithSdk(directory: string, options: SyncOptions, log: (line: string) => void): number {
  const sdk = readSdkDeclarations(directory);
  const model = loadSchema(options.schemaFile, undefined, { allowPlaceholders: true });
  const changes = compareSpecs(asSdkSees(specOfSchema(model)), sdk, { fieldsMayBeAbsent: true, parts: [] });
  report(changes, `openai ${sdk.version} (${directory})`, model, options, log);
  return exitCode(changes);
}

/** Runs `npm run sync` with `argv` and returns its exit code. */
export async function sync(argv: readonly string[], log: (line: string) => void = console.log): Promise<number> {
  try {
    const options = parseSyncArgs(argv);
    return 'sdk' in options.source
      ? syncWithSdk(options.source.sdk, options, log)
      : await syncWithDocument(options.source.document, options, log);
  } catch (error) {
    if (error instanceof UsageError) log(`${error.message}\n${USAGE}`);
    else if (error instanceof DocumentError) log(`cannot use the document: ${error.message}`);
    else if (error instanceof SdkError) log(`cannot use the package: ${error.message}`);
    else if (error instanceof SchemaError) log(`schema error: ${error.message}`);
    else throw error;
    return 2;
  }
}

if (isMain(import.meta.url)) {
  sync(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

/**
 * `npm run sync`: compares the catalog in schema/audit-log.schema.json with what OpenAI publishes.
 *
 *   npm run sync -- <openapi document or https:// URL> [--write] [--changelog] [--conformance] [--schema <file>] [--changelog-file <file>]
 *   npm run sync -- --latest [the same options]
 *   npm run sync -- --sdk [openai package directory] [--changelog] [--schema <file>]
 *
 * The first form reads an OpenAPI document (YAML or JSON, a file or an address); `--latest`
 * reads OpenAI's published one (LATEST_OPENAPI_URL); `--sdk` the audit-log declarations of an
 * installed `openai` package (default: node_modules/openai). All print the same report.
 * Exit codes: 0 in sync (items the catalog has beyond the source are reported, not counted),
 * 1 different, 2 the document, package or schema cannot be used, or the arguments are wrong.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_SCHEMA_FILE, loadSchema, SchemaError, type SchemaModel } from '../generate/model/index.ts';
import { LATEST_OPENAPI_URL } from '../shared/audit-log-api.ts';
import { isMain } from '../shared/is-main.ts';
import { UsageError } from '../shared/usage-error.ts';
import { compareSpecs, isInformational, specOfDocument, specOfSchema, type Change } from './compare.ts';
import { checkConformance, formatConformance } from './conformance.ts';
import { fetchDocumentText, isUrl } from './fetch-document.ts';
import { DocumentError, parseOpenApiDocument, readOpenApiDocument, type AuditLogDocument } from './openapi-document.ts';
import { formatChangelog, formatReport } from './report.ts';
import { readSdkDeclarations, SdkError } from './sdk-declarations.ts';
import { asSdkSees, specOfSdk } from './sdk-spec.ts';
import { formatSchema, writeSchema } from './write-schema.ts';

export const USAGE = [
  'usage: npm run sync -- <openapi.yaml|openapi.json|https://...> [--write] [--changelog] [--conformance] [--schema <file>] [--changelog-file <file>]',
  "       npm run sync -- --latest [...]   (OpenAI's published openapi.yaml, read over HTTPS)",
  '       npm run sync -- --sdk [openai package directory] [--changelog] [--schema <file>]',
  '       npm run sync -- --help',
  'exit codes: 0 in sync, 1 different, 2 cannot read the source or the schema, or wrong arguments',
].join('\n');
const DEFAULT_SDK = 'node_modules/openai';
const FLAGS = ['--write', '--changelog', '--conformance'];

export interface SyncOptions {
  /** An OpenAPI document (a file or a URL), or an `openai` package directory with `--sdk`. */
  source: { document: string } | { sdk: string };
  flags: Set<string>;
  schemaFile: string;
  /** Where `--write` records the CHANGELOG entry. */
  changelogFile: string;
}

/** What a test may change: where `--latest` reads from. */
export interface SyncSettings {
  latestUrl?: string;
}

export function parseSyncArgs(argv: readonly string[], latestUrl: string): SyncOptions | 'help' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  const flags = new Set<string>();
  const positional: string[] = [];
  const values = { schemaFile: DEFAULT_SCHEMA_FILE, changelogFile: 'CHANGELOG.md' };
  let sdk: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('-')) throw new UsageError(`${arg} needs a file`);
      return next;
    };
    if (arg === '--schema') values.schemaFile = value();
    else if (arg === '--changelog-file') values.changelogFile = value();
    else if (arg === '--latest') positional.push(latestUrl);
    else if (arg === '--sdk')
      sdk = argv[index + 1] !== undefined && !argv[index + 1]!.startsWith('-') ? argv[++index]! : DEFAULT_SDK;
    else if (FLAGS.includes(arg)) flags.add(arg);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (sdk !== undefined) {
    if (positional.length > 0) throw new UsageError('give either an OpenAPI document or --sdk, not both');
    const unsupported = [...flags].filter((flag) => flag !== '--changelog');
    if (unsupported.length > 0)
      throw new UsageError(`${unsupported.join(', ')} works with an OpenAPI document, not with --sdk`);
    return { source: { sdk }, flags, ...values };
  }
  if (positional.length !== 1) throw new UsageError('give one OpenAPI document (a file, a URL, or --latest)');
  return { source: { document: positional[0]! }, flags, ...values };
}

/** A file or an address (`https://`, or `http://` on loopback): the document and the name the report gives it. */
async function loadDocument(source: string): Promise<{ document: AuditLogDocument; label: string }> {
  if (isUrl(source)) return { document: parseOpenApiDocument(await fetchDocumentText(source), source), label: source };
  return { document: readOpenApiDocument(source), label: basename(source) };
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
  log(
    options.flags.has('--changelog')
      ? formatChangelog(changes, source, model.file)
      : formatReport(changes, source, model.file),
  );
}

const exitCode = (changes: Change[]) => (changes.some((change) => !isInformational(change)) ? 1 : 0);

async function syncWithDocument(file: string, options: SyncOptions, log: (line: string) => void): Promise<number> {
  const { document, label: source } = await loadDocument(file);
  if (options.flags.has('--conformance')) {
    const model = loadSchema(options.schemaFile);
    const result = await checkConformance(document, { model });
    log(formatConformance(result, source, model.file));
    return result.ok ? 0 : 1;
  }
  const model = loadSchema(options.schemaFile, undefined, { allowPlaceholders: true });
  const changes = compareSpecs(specOfSchema(model), specOfDocument(document));
  report(changes, source, model, options, log);
  if (!options.flags.has('--write') || exitCode(changes) === 0) return exitCode(changes);
  const { schema, placeholders } = writeSchema(model.schema, document);
  writeFileSync(options.schemaFile, formatSchema(schema));
  recordChangelog(options.changelogFile, formatChangelog(changes, source, model.file));
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
  const ours = asSdkSees(specOfSchema(model));
  const changes = compareSpecs(ours, specOfSdk(sdk, ours), {
    fieldsMayBeAbsent: true,
    parts: ['actors', 'page', 'parameters'],
  });
  report(changes, `openai ${sdk.version} (${directory})`, model, options, log);
  return exitCode(changes);
}

/** Runs `npm run sync` with `argv` and returns its exit code. */
export async function sync(
  argv: readonly string[],
  log: (line: string) => void = console.log,
  { latestUrl = LATEST_OPENAPI_URL }: SyncSettings = {},
): Promise<number> {
  try {
    const options = parseSyncArgs(argv, latestUrl);
    if (options === 'help') {
      log(USAGE);
      return 0;
    }
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

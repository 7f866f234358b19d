/**
 * `npm run sync -- <openapi document> [--write] [--changelog] [--conformance]`: compares the
 * audit-log parts of an OpenAPI document (YAML or JSON) with schema/audit-log.schema.json.
 * Exit codes: 0 in sync (or conformant), 1 different, 2 the document or schema cannot be used.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMain } from '../shared/is-main.ts';
import { DEFAULT_SCHEMA_FILE, loadSchema, SchemaError } from '../generate/schema-model.ts';
import { compareSpecs, specOfDocument, specOfSchema } from './compare.ts';
import { checkConformance, formatConformance } from './conformance.ts';
import { DocumentError, readOpenApiDocument } from './openapi-document.ts';
import { formatChangelog, formatReport } from './report.ts';
import { formatSchema, writeSchema } from './write-schema.ts';

const USAGE =
  'usage: npm run sync -- <openapi.yaml|openapi.json> [--write] [--changelog] [--conformance] [--schema <file>]';

export async function sync(argv: string[], log = console.log): Promise<number> {
  const flags = new Set<string>();
  const positional: string[] = [];
  let schemaFile = DEFAULT_SCHEMA_FILE;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--schema') schemaFile = argv[++index] ?? '';
    else if (arg.startsWith('--')) flags.add(arg);
    else positional.push(arg);
  }
  const unknown = [...flags].filter((flag) => !['--write', '--changelog', '--conformance'].includes(flag));
  if (positional.length !== 1 || unknown.length > 0 || !schemaFile) {
    log(USAGE);
    return 2;
  }
  const documentFile = positional[0]!;
  const document = readOpenApiDocument(documentFile);
  const source = basename(documentFile);

  if (flags.has('--conformance')) {
    const result = await checkConformance(document);
    log(formatConformance(result, source));
    return result.ok ? 0 : 1;
  }

  const model = loadSchema(schemaFile);
  const changes = compareSpecs(specOfSchema(model), specOfDocument(document));
  log(flags.has('--changelog') ? formatChangelog(changes, source) : formatReport(changes, source, model.file));
  if (flags.has('--write') && changes.length > 0) {
    const { schema, placeholders } = writeSchema(model.schema, document);
    writeFileSync(schemaFile, formatSchema(schema));
    log(`\nwrote ${model.file}; now run \`npm run generate\`.`);
    if (placeholders.length > 0) {
      log(
        `The document describes these not; placeholder descriptions were written, replace them:\n  ${placeholders.map((pointer) => `${model.file}#${pointer}`).join('\n  ')}`,
      );
    }
    return 0;
  }
  return changes.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) {
  sync(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof DocumentError) console.error(`cannot use the document: ${error.message}`);
      else if (error instanceof SchemaError) console.error(`schema error: ${error.message}`);
      else console.error(error);
      process.exit(2);
    },
  );
}

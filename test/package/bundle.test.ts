/**
 * The built runtime as bundlers see it: it imports nothing outside itself, and a bundle that
 * uses one per-event guard or one per-event Standard Schema carries that event's details
 * validator and no other event's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe } from 'vitest';
import { runCases } from '../support/cases.ts';
import { guardName, kebabCase, schemaName } from '../../scripts/generate/naming.ts';
import { catalog } from '../../harness/schema.ts';

const ROOT = join(import.meta.dirname, '../..');
import { exportTargets, packedPackage, PACKAGE_NAME, type PackedPackage } from './packed.ts';

let packed: PackedPackage;
beforeAll(async () => {
  packed = await packedPackage();
});

/** The JavaScript files `exports` points at (the platform-neutral runtime, not the command line). */
const runtimeFiles = (manifest: PackedPackage['manifest']) =>
  [...new Set(Object.values(manifest.exports).flatMap(exportTargets))].filter((file) => /\.[cm]?js$/.test(file)).sort();

/** The modules a file imports from outside itself: bare specifiers and `node:` built-ins, which bundling leaves external. */
async function externalImports(file: string): Promise<string[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    packages: 'external',
    external: ['node:*'],
    logLevel: 'silent',
  });
  const external = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
  return [...new Set(external)].sort();
}

describe('the runtime imports nothing outside itself', () => {
  runCases(
    [
      [
        'every JavaScript file in exports',
        { given: () => runtimeFiles(packed.manifest).map((file) => join(packed.root, file)), want: [] },
      ],
      [
        'control: a module importing a dependency and a built-in',
        {
          given: () => {
            const file = join(packed.project, 'imports-outside.cjs');
            writeFileSync(file, "require('node:fs'); require('ajv/dist/runtime/equal');\n");
            return [file];
          },
          want: ['ajv/dist/runtime/equal', 'node:fs'],
        },
      ],
    ],
    async (files) => (await Promise.all(files().map(externalImports))).flat(),
  );
});

const withDetails = catalog.filter((event) => event.detailsDef !== undefined);
/**
 * The compiled module behind an event's details validator: events whose details compile to the
 * same checks share one, named after the first of them (`generated/validators/shapes/<event>.ts`,
 * exporting `validate<Event>Shape`), re-exported under each event's name.
 */
const shapeOf = (type: string) =>
  /export \{ (\w+) as /.exec(
    readFileSync(join(ROOT, 'generated/validators/details', `${kebabCase(type)}.ts`), 'utf8'),
  )![1]!;
/** A details validator's name in the (unminified) bundle, maybe suffixed by esbuild. */
const validatorName = (type: string) => new RegExp(`\\b${shapeOf(type)}\\d*\\b`);
/** The events whose details validator is the one of `types` (the same compiled shape). */
const sharingShape = (...types: string[]) =>
  withDetails.filter((event) => types.some((type) => shapeOf(type) === shapeOf(event.type))).map((event) => event.type);

/** The event types whose details validator a bundle of `import { <names> } from '<the package or a subpath>'` contains. */
async function validatorsInBundle(names: string[]): Promise<string[]> {
  const entry = join(packed.project, `uses-${names.join('-')}.js`);
  // Standard Schema objects come from their own entry point.
  const from = names.some((name) => name.endsWith('Schema') || name === 'auditLogSchemaFor')
    ? `${PACKAGE_NAME}/standard-schema`
    : PACKAGE_NAME;
  writeFileSync(entry, `import { ${names.join(', ')} } from '${from}';\nglobalThis.used = [${names.join(', ')}];\n`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return withDetails.filter((event) => validatorName(event.type).test(code)).map((event) => event.type);
}

const [first, last] = [withDetails[0]!, withDetails[withDetails.length - 1]!];

describe('tree-shaking keeps only the validators in use', () => {
  runCases(
    [
      ['only isApiKeyCreated', { given: ['isApiKeyCreated'], want: sharingShape('api_key.created') }],
      [
        `only ${guardName(last.type)} (the catalog's last event with details)`,
        { given: [guardName(last.type)], want: sharingShape(last.type) },
      ],
      [
        `${guardName(first.type)} and ${guardName(last.type)}`,
        { given: [guardName(first.type), guardName(last.type)], want: sharingShape(first.type, last.type) },
      ],
      // The control: the full validator needs them all, so the search can find every one.
      ['isAuditLog', { given: ['isAuditLog'], want: withDetails.map((event) => event.type) }],
      ['only apiKeyCreatedSchema', { given: ['apiKeyCreatedSchema'], want: sharingShape('api_key.created') }],
      [
        `only ${schemaName(last.type)} (the catalog's last event with details)`,
        { given: [schemaName(last.type)], want: sharingShape(last.type) },
      ],
      // auditLogSchemaFor picks the event at run time, so it carries them all (documented).
      ['auditLogSchemaFor', { given: ['auditLogSchemaFor'], want: withDetails.map((event) => event.type) }],
    ],
    validatorsInBundle,
  );
});

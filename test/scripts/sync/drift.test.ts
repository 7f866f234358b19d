/**
 * The drift check misses nothing: every difference between the catalog and a source is reported,
 * classed (actionable, exit 1; or expected, marked `?`), and worded the same in every mode. The
 * documents are the package's own OpenAPI fragment with one thing changed; the SDK packages are
 * copies of the installed `openai` declarations with one thing added.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pascalCase } from '../../../src/internal.ts';
import { DECLARATIONS_FILE } from '../../../scripts/sync/sdk-declarations.ts';
import { sync, USAGE } from '../../../scripts/sync/sync.ts';
import { runCases } from '../../support/cases.ts';
import { readJson } from '../../support/json.ts';
import { temporaryDirectories } from '../../support/temporary.ts';
import { ROOT } from './support.ts';

const temporaryDirectory = temporaryDirectories();
const scratch = temporaryDirectory('audit-log-drift-');
const SCHEMA = `${ROOT}schema/audit-log.schema.json`;

type Document = {
  components: {
    schemas: Record<string, { enum?: string[]; properties?: Record<string, unknown> }>;
    parameters: Record<string, { schema: Record<string, unknown>; required?: boolean }>;
  };
  paths: Record<string, { get: { parameters: unknown[] } }>;
};

/** Runs `npm run sync -- ...argv` in-process: its exit code and what it printed. */
async function run(argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await sync(argv, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

/** The package's own fragment (in sync with the schema) after `edit`, written to a scratch file. */
function documentWith(name: string, edit: (document: Document) => void): string {
  const document = readJson<Document>(`${ROOT}generated/openapi.json`);
  edit(document);
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(document));
  return file;
}
const withoutTypes =
  (...types: string[]) =>
  (document: Document) => {
    const catalog = document.components.schemas.AuditLogEventType!;
    catalog.enum = catalog.enum!.filter((type) => !types.includes(type));
    // Its details key goes too, or it would read as a new envelope field.
    for (const type of types) delete document.components.schemas.AuditLog!.properties![type];
  };

const schema = readJson<{ $defs: Record<string, Record<string, unknown>>; oneOf: unknown[] }>(SCHEMA);
const catalog = schema.$defs.AuditLogEventType!.enum as string[];
const isSdkOnly = (type: string) => schema.$defs[`${pascalCase(type)}AuditLog`]?.['x-sdk'] === true;
const sdkOnly = catalog.filter(isSdkOnly);
const documented = catalog.find((type) => !isSdkOnly(type))!;

describe('event types the document lacks', () => {
  it('the schema marks the SDK-only ones with x-sdk', () => {
    expect(sdkOnly.length).toBeGreaterThan(0);
  });

  runCases(
    [
      [
        'a type marked x-sdk: expected, reported with ?, exit 0',
        {
          given: [sdkOnly[0]!],
          want: {
            code: 0,
            lines: [
              `? \`${sdkOnly[0]}\``,
              '0 change(s), 0 of them breaking: no release. 1 item(s) the catalog has or accepts beyond it (marked ?), kept.',
            ],
          },
        },
      ],
      [
        'a type not marked: removed, exit 1',
        {
          given: [documented],
          want: {
            code: 1,
            lines: [
              'Event types removed (1):',
              `- \`${documented}\``,
              '1 change(s), 1 of them breaking: a major release.',
            ],
          },
        },
      ],
    ],
    async (types) => {
      const { code, output } = await run([documentWith(`without-${types[0]}`, withoutTypes(...types))]);
      return {
        code,
        lines: output
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => /^([?-] |Event types removed|\d+ change)/.test(line)),
      };
    },
  );

  it('--write removes the removed type and keeps the x-sdk one; the result is in sync', async () => {
    const document = documentWith('without-both', withoutTypes(sdkOnly[0]!, documented));
    const file = join(scratch, 'written.json');
    copyFileSync(SCHEMA, file);
    const written = await run([document, '--write', '--schema', file, '--changelog-file', `${file}.md`]);
    expect(written.code).toBe(0);
    const after = readJson<{ $defs: { AuditLogEventType: { enum: string[] } } }>(file).$defs.AuditLogEventType.enum;
    expect([after.includes(sdkOnly[0]!), after.includes(documented)]).toEqual([true, false]);
    expect(readFileSync(`${file}.md`, 'utf8')).toMatch(new RegExp(`### Removed\\n- Event type \`${documented}\``));
    expect((await run([document, '--schema', file])).code).toBe(0);
  });
});

describe('bounds, enums and the required flag are compared and shown', () => {
  const limit = (bounds: { minimum?: number; maximum?: number }) => (document: Document) => {
    Object.assign(document.components.parameters.limit!.schema, bounds);
  };
  runCases(
    [
      [
        'a wider maximum: minor',
        { given: { maximum: 1000 }, want: { code: 1, line: '~ `limit` bounds: 1 to 100 -> 1 to 1000', bump: 'minor' } },
      ],
      [
        'a narrower minimum: major',
        { given: { minimum: 5 }, want: { code: 1, line: '~ `limit` bounds: 1 to 100 -> 5 to 100', bump: 'major' } },
      ],
    ],
    async (bounds) => {
      const document = documentWith(`limit-${JSON.stringify(bounds).replace(/\W/g, '')}`, limit(bounds));
      const { code, output } = await run([document]);
      const changelog = (await run([document, '--changelog'])).output;
      return {
        code,
        line: output
          .split('\n')
          .find((line) => line.includes('`limit` bounds'))
          ?.trim(),
        bump: /\((major|minor):/.exec(changelog)?.[1],
      };
    },
  );

  it('a new field is shown with its type, values, bounds and whether it is required', async () => {
    const document = documentWith('new-parameter', (document) => {
      document.components.parameters.page_size = {
        name: 'page_size',
        in: 'query',
        required: true,
        schema: { type: 'integer', enum: [10, 20], minimum: 10, maximum: 20 },
      } as never;
      document.paths['/organization/audit_logs']!.get.parameters.push({ $ref: '#/components/parameters/page_size' });
    });
    const { code, output } = await run([document]);
    expect(code).toBe(1);
    expect(output).toContain('query parameters:\n  + `page_size`: integer, one of 10, 20, 10 to 20, required');
  });
});

describe('the words are the same in every mode', () => {
  it('the default report and --changelog say the same of a document in sync', async () => {
    const document = `${ROOT}generated/openapi.json`;
    const report = (await run([document])).output;
    const changelog = (await run([document, '--changelog'])).output;
    expect(changelog).toBe(`No changes: ${report}`);
  });

  it('so do --sdk and --sdk --changelog, what the catalog has beyond the SDK (marked ?) making no entry', async () => {
    const report = (await run(['--sdk'])).output;
    expect(report).toMatch(/^ {2}\? /m);
    expect((await run(['--sdk', '--changelog'])).output).toBe(`No changes: ${report.split(':\n')[0]}.`);
  });

  it('-h and --help print the usage and nothing else', async () => {
    expect(await run(['-h'])).toEqual({ code: 0, output: USAGE });
    expect(await run(['--sdk', '--help'])).toEqual({ code: 0, output: USAGE });
  });

  it('--sdk suggests no flag it refuses', async () => {
    const { output } = await run(['--sdk', 'node_modules/openai-v6']);
    expect(output).toMatch(/\?/);
    expect(output).not.toMatch(/--write|--prune/);
  });
});

/** A copy of the installed openai package's audit-log declarations (all the sync reads), with `edit` applied. */
function sdkWith(name: string, edit: (text: string) => string): string {
  const from = join(ROOT, 'node_modules/openai');
  const to = join(scratch, name);
  for (const file of ['package.json', 'core/pagination.d.ts', 'resources/admin/organization/external-storage.d.ts']) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(from, file), join(to, file));
  }
  const text = readFileSync(join(from, DECLARATIONS_FILE), 'utf8');
  const edited = edit(text);
  if (edited === text) throw new Error(`${name}: the edit changed nothing (the declarations moved?)`);
  writeFileSync(join(to, DECLARATIONS_FILE), edited);
  return to;
}
/** Adds `field` as the first member of the interface declared by `header` (the first one). */
const addField = (header: RegExp, field: string) => (text: string) =>
  text.replace(header, (match) => `${match}\n${' '.repeat(8)}${field}`);

describe('--sdk compares the actor, the page and the query parameters', () => {
  runCases(
    [
      [
        'the copy as installed: in sync (control)',
        { given: { edit: (text: string) => `${text}\n`, scope: '' }, want: { code: 0, named: true } },
      ],
      [
        'an actor field only the SDK declares',
        {
          given: {
            edit: addField(/^ {8}interface Session \{/m, 'device_id?: string;'),
            scope: 'actor (AuditLogActorSession):\n  + `device_id`: string',
          },
          want: { code: 1, named: true },
        },
      ],
      [
        'a query parameter only the SDK declares',
        {
          given: {
            edit: addField(/^export interface AuditLogListParams extends \w+ \{/m, 'resource_types?: Array<string>;'),
            scope: 'query parameters:\n  + `resource_types`: array of string',
          },
          want: { code: 1, named: true },
        },
      ],
      [
        'an actor field the SDK types differently',
        {
          given: {
            edit: (text: string) =>
              text.replace(/^( {8}interface Session \{[\s\S]*?ip_address\?: )string;/m, '$1number;'),
            scope: 'actor (AuditLogActorSession):\n  ~ `ip_address` type: string -> number',
          },
          want: { code: 1, named: true },
        },
      ],
    ],
    async ({ edit, scope }) => {
      const name = `sdk-${scope.replace(/\W+/g, '-').slice(0, 40) || 'control'}`;
      const { code, output } = await run(['--sdk', sdkWith(name, edit)]);
      return { code, named: output.includes(scope) };
    },
  );
});

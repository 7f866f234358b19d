import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pascalCase } from '../../../src/internal.ts';
import { isBreaking, isInformational, scopeLabel } from '../../../scripts/sync/compare.ts';
import { PLACEHOLDER_PREFIX } from '../../../scripts/generate/model/index.ts';
import type { JsonSchema } from '../../../scripts/shared/schema-shape.ts';
import { sync } from '../../../scripts/sync/sync.ts';
import { runCases } from '../../support/cases.ts';
import { readJson } from '../../support/json.ts';
import { temporaryDirectories } from '../../support/temporary.ts';
import { CHANGED, changesAgainst, fixture, ROOT } from './support.ts';

const temporaryDirectory = temporaryDirectories();

const OWN_FRAGMENT = `${ROOT}generated/openapi.json`;
const SCHEMA = `${ROOT}schema/audit-log.schema.json`;

/** Runs `npm run sync -- ...argv` in-process: its exit code and what it printed. */
async function run(argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await sync(argv, (line: string) => lines.push(line)).catch((error: Error) => {
    lines.push(error.message);
    return 2;
  });
  return { code, output: lines.join('\n') };
}

const scratch = temporaryDirectory('audit-log-sync-');
const notOpenApi = join(scratch, 'broken.yaml');
writeFileSync(notOpenApi, 'openapi: [unclosed\n');

describe('exit codes', () => {
  runCases(
    [
      ["in sync: the package's own OpenAPI fragment", { given: [OWN_FRAGMENT], want: 0 }],
      ['different: a document that changes event types', { given: [CHANGED], want: 1 }],
      ['unusable: a document without audit-log components', { given: [fixture('no-audit-logs.yaml')], want: 2 }],
      ['unusable: a file that is neither JSON nor YAML', { given: [notOpenApi], want: 2 }],
      ['unusable: a file that does not exist', { given: [join(scratch, 'missing.json')], want: 2 }],
      ['usage: no document', { given: [], want: 2 }],
      ['usage: an unknown flag', { given: [CHANGED, '--force'], want: 2 }],
      [
        'usage: --prune, which --write no longer needs (it removes what the document removed)',
        { given: [CHANGED, '--write', '--prune'], want: 2 },
      ],
      ['help: -h', { given: ['-h'], want: 0 }],
      ['help: --help, whatever else is given', { given: [CHANGED, '--help'], want: 0 }],
      ['usage: --schema without a file', { given: [CHANGED, '--schema'], want: 2 }],
      ['usage: a document and --sdk', { given: [CHANGED, '--sdk'], want: 2 }],
    ],
    async (argv) => (await run(argv)).code,
  );

  it('says why a document cannot be used', async () => {
    expect((await run([fixture('no-audit-logs.yaml')])).output).toMatch(
      /no-audit-logs\.yaml: has no audit-log components/,
    );
  });
});

describe('the report of the fixture document', () => {
  const changes = changesAgainst(CHANGED);

  it('covers every kind of change the workflow needs', () => {
    const kinds = new Set(
      changes.map((change) => (change.kind === 'field-changed' ? `${change.kind}:${change.aspect}` : change.kind)),
    );
    // It leaves out the x-sdk types, as OpenAI's document does: expected (event-absent), unlike a removal.
    expect([...kinds].sort()).toEqual([
      'event-absent',
      'event-added',
      'event-removed',
      'field-added',
      'field-changed:type',
    ]);
    expect(changes.some((change) => change.kind === 'event-added' && change.details)).toBe(true);
    expect(changes.some((change) => change.kind === 'event-added' && !change.details)).toBe(true);
  });

  it('names every change under its event', async () => {
    const { output } = await run([CHANGED]);
    for (const change of changes) {
      if ('type' in change) expect(output).toContain(`\`${change.type}\``);
      else
        expect(output).toMatch(
          new RegExp(`${scopeLabel(change.scope)}:\\n(  .*\\n)*  [+~-] \`${change.path.replace(/[.[\]]/g, '\\$&')}\``),
        );
    }
  });

  it('reads the same in words as it did (a reviewer sees format changes)', async () => {
    await expect((await run([CHANGED])).output).toMatchFileSnapshot('__snapshots__/changed-event-types.report.txt');
  });

  it('prints a CHANGELOG entry whose bump follows the breaking changes', async () => {
    const { output, code } = await run([CHANGED, '--changelog']);
    expect(code).toBe(1);
    expect(output.split('\n')[0]).toContain(changes.some(isBreaking) ? '(major:' : '(minor:');
    // Every change --write makes is recorded; what only the catalog has is not a change.
    for (const change of changes.filter((change) => !isInformational(change)))
      expect(output).toContain('type' in change ? change.type : change.path);
    await expect(output).toMatchFileSnapshot('__snapshots__/changed-event-types.changelog.md');
  });
});

describe('--write', () => {
  const copy = (name: string) => {
    const file = join(scratch, name);
    copyFileSync(SCHEMA, file);
    return file;
  };
  const write = (file: string, ...flags: string[]) =>
    run([CHANGED, '--write', '--schema', file, '--changelog-file', `${file}.changelog.md`, ...flags]);
  const actionable = (file: string) => changesAgainst(CHANGED, file).filter((change) => !isInformational(change));

  it('leaves the schema byte-identical when the document agrees', async () => {
    const file = copy('agree.json');
    expect((await run([OWN_FRAGMENT, '--write', '--schema', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(SCHEMA, 'utf8'));
  });

  it('brings the schema in sync, the removed type gone and the x-sdk ones kept, and a second write changes nothing', async () => {
    const file = copy('changed.json');
    expect((await write(file)).code).toBe(0);
    expect(actionable(file)).toEqual([]);
    const absent = changesAgainst(CHANGED).filter((change) => change.kind === 'event-absent');
    expect(absent.length).toBeGreaterThan(0);
    expect(changesAgainst(CHANGED, file)).toEqual(absent);
    expect((await run([CHANGED, '--schema', file])).code).toBe(0);
    const once = readFileSync(file, 'utf8');
    expect((await write(file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(once);
  });

  it('records the CHANGELOG entry above the last release', async () => {
    const file = copy('changelog.json');
    writeFileSync(`${file}.changelog.md`, '# Changelog\n\nIntro.\n\n## 0.1.0\n\n- First.\n');
    await write(file);
    const changelog = readFileSync(`${file}.changelog.md`, 'utf8');
    expect(changelog.indexOf('## Unreleased (')).toBeGreaterThan(changelog.indexOf('Intro.'));
    expect(changelog.indexOf('## Unreleased')).toBeLessThan(changelog.indexOf('## 0.1.0'));
  });

  it('keeps existing descriptions, copies none from the document, and lists a placeholder for every new one', async () => {
    const file = copy('descriptions.json');
    const { output } = await write(file);
    const before = readJson<{ $defs: Record<string, JsonSchema> }>(SCHEMA);
    const after = readJson<{ $defs: Record<string, JsonSchema> }>(file);
    const described = (schema: { $defs: Record<string, JsonSchema> }, event: string, path: string) =>
      path
        .split('.')
        .reduce(
          (node: JsonSchema | undefined, key) => (node?.properties as Record<string, JsonSchema> | undefined)?.[key],
          schema.$defs[`${pascalCase(event)}Details`],
        )?.description as string | undefined;
    const placeholders = [...output.matchAll(/#(\/\S+)/g)].map((match) => match[1]!);
    let checked = 0;
    for (const change of changesAgainst(CHANGED)) {
      if (change.kind === 'event-added') {
        expect(placeholders).toContain(`/$defs/${pascalCase(change.type)}AuditLog/description`);
        checked++;
      }
      if (!('scope' in change) || !('event' in change.scope)) continue;
      const { event } = change.scope;
      if (change.kind === 'field-changed')
        expect(described(after, event, change.path)).toBe(described(before, event, change.path));
      if (change.kind === 'field-added')
        expect(described(after, event, change.path)?.startsWith(PLACEHOLDER_PREFIX)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    // Every placeholder listed is one in the file, and the file has no other.
    const inFile = [...readFileSync(file, 'utf8').matchAll(new RegExp(`"description": "${PLACEHOLDER_PREFIX}`, 'g'))]
      .length;
    expect(placeholders.length).toBe(inFile);
    // Definitions the document does not change are untouched.
    expect(after.$defs.AuditLogEnvelope).toEqual(before.$defs.AuditLogEnvelope);
  });
});

describe('--sdk: the openai SDK as a second source', () => {
  // Raising `openai` in package.json makes this fail, printing what the new SDK declares that the
  // catalog lacks; `npm run sync -- --sdk` prints the same report.
  it('finds every event type and details field the installed openai SDK declares in the catalog', async () => {
    const { code, output } = await run(['--sdk']);
    expect({ code, output: code === 0 ? 'in sync' : output }).toEqual({ code: 0, output: 'in sync' });
  });

  /** The canonical schema without `type` (its variant, details and catalog entries). */
  const withoutEventType = (type: string) => {
    const copy = readJson<JsonSchema & { $defs: Record<string, JsonSchema>; oneOf: { $ref: string }[] }>(SCHEMA);
    const name = pascalCase(type);
    copy.$defs.AuditLogEventType!.enum = (copy.$defs.AuditLogEventType!.enum as string[]).filter((t) => t !== type);
    copy.oneOf = copy.oneOf.filter(({ $ref }) => $ref !== `#/$defs/${name}AuditLog`);
    delete copy.$defs[`${name}AuditLog`];
    delete copy.$defs[`${name}Details`];
    delete (copy.$defs.AuditLogDetails!.properties as Record<string, unknown>)[type];
    const file = join(scratch, `without-${type}.json`);
    writeFileSync(file, JSON.stringify(copy));
    return file;
  };
  /** The canonical schema with one more, documented, field in `api_key.created`'s details. */
  const withExtraField = () => {
    const copy = readJson<{ $defs: Record<string, { properties: Record<string, unknown> }> }>(SCHEMA);
    copy.$defs.ApiKeyCreatedDetails!.properties.rotated_from = {
      description: 'A field only the catalog has.',
      type: 'string',
    };
    const file = join(scratch, 'extra-field.json');
    writeFileSync(file, JSON.stringify(copy));
    return file;
  };

  runCases(
    [
      [
        'an event type the SDK declares and the catalog lacks fails, and is named',
        {
          given: { schema: () => withoutEventType('role.bound_to_resource'), named: 'role.bound_to_resource' },
          want: { code: 1, named: true },
        },
      ],
      [
        'a field only the catalog has is reported, and does not fail',
        { given: { schema: withExtraField, named: 'rotated_from' }, want: { code: 0, named: true } },
      ],
    ],
    async ({ schema, named }) => {
      const { code, output } = await run(['--sdk', '--schema', schema()]);
      return { code, named: output.includes(named) };
    },
  );

  it('reads another installed version (openai 6.x), whose event types the catalog all has', async () => {
    const { code, output } = await run(['--sdk', 'node_modules/openai-v6']);
    expect([code, output]).toEqual([0, expect.stringContaining('openai 6.')]);
  });

  it('exits 2 for a directory that is not an openai package', async () => {
    expect((await run(['--sdk', scratch])).code).toBe(2);
  });
});

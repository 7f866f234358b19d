import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pascalCase } from '../../../src/internal.ts';
import { isBreaking, scopeLabel } from '../../../scripts/sync/compare.ts';
import type { JsonSchema } from '../../../scripts/shared/schema-shape.ts';
import { sync } from '../../../scripts/sync/sync.ts';
import { runCases } from '../../support/cases.ts';
import { readJson } from '../../support/json.ts';
import { CHANGED, changesAgainst, fixture, ROOT } from './support.ts';

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

const scratch = mkdtempSync(join(tmpdir(), 'audit-log-sync-'));
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
    expect([...kinds].sort()).toEqual(['event-added', 'event-removed', 'field-added', 'field-changed:type']);
    expect(changes.some((change) => change.kind === 'event-added' && change.details)).toBe(true);
  });

  it('names every change under its event', async () => {
    const { output } = await run([CHANGED]);
    for (const change of changes) {
      if (change.kind === 'event-added' || change.kind === 'event-removed')
        expect(output).toContain(`\`${change.type}\``);
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
    for (const change of changes)
      expect(output).toContain(
        change.kind.startsWith('event') ? (change as { type: string }).type : (change as { path: string }).path,
      );
    await expect(output).toMatchFileSnapshot('__snapshots__/changed-event-types.changelog.md');
  });
});

describe('--write', () => {
  const copy = (name: string) => {
    const file = join(scratch, name);
    copyFileSync(SCHEMA, file);
    return file;
  };

  it('leaves the schema byte-identical when the document agrees', async () => {
    const file = copy('agree.json');
    expect((await run([OWN_FRAGMENT, '--write', '--schema', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(SCHEMA, 'utf8'));
  });

  it('brings the schema in sync, and a second write changes nothing', async () => {
    const file = copy('changed.json');
    expect((await run([CHANGED, '--write', '--schema', file])).code).toBe(0);
    expect(changesAgainst(CHANGED, file)).toEqual([]);
    const once = readFileSync(file, 'utf8');
    expect((await run([CHANGED, '--write', '--schema', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(once);
  });

  it('keeps existing descriptions and takes new ones from the document', async () => {
    const file = copy('descriptions.json');
    const { output } = await run([CHANGED, '--write', '--schema', file]);
    const before = readJson<{ $defs: Record<string, JsonSchema> }>(SCHEMA);
    const after = readJson<{ $defs: Record<string, JsonSchema> }>(file);
    const described = (schema: { $defs: Record<string, JsonSchema> }, event: string, path: string) =>
      path
        .split('.')
        .reduce(
          (node: JsonSchema | undefined, key) => (node?.properties as Record<string, JsonSchema> | undefined)?.[key],
          schema.$defs[`${pascalCase(event)}Details`],
        )?.description;
    let checked = 0;
    for (const change of changesAgainst(CHANGED)) {
      if (!('scope' in change) || !('event' in change.scope)) continue;
      const { event } = change.scope;
      if (change.kind === 'field-changed')
        expect(described(after, event, change.path)).toBe(described(before, event, change.path));
      if (change.kind === 'field-added') expect(described(after, event, change.path)).toBe(change.shape.description);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    // Definitions the document does not change are untouched.
    expect(after.$defs.AuditLogEnvelope).toEqual(before.$defs.AuditLogEnvelope);
    // The fixture leaves one new field undescribed: the report lists the placeholder.
    expect(output).toMatch(/placeholder descriptions were written[\s\S]*secret_last_four/);
  });
});

/**
 * The catch-up workflow of CONTRIBUTING.md ("When OpenAI changes the event types"), followed exactly
 * as written in a temporary copy of the project: its command lines are read from it and run
 * against a fixture document that adds event types (one with a details object of a new shape, one
 * without), leaves out two the schema marks `x-sdk`, and changes and adds fields. The only edit
 * made by hand is the schema's new descriptions (step 3). Then the regenerated package is used as
 * a consumer would use it, and the whole `npm test` of the copy, none of its tests edited, must
 * pass: the benchmark floor reports the new shape rather than failing, the SDK interop holds for
 * what the SDK declares. Every expectation is derived from the fixture.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_PREFIX } from '../../scripts/generate/model/index.ts';
import { kebabCase } from '../../scripts/generate/naming.ts';
import { readOpenApiDocument } from '../../scripts/sync/openapi-document.ts';
import { isInformational, specOfDocument, type Change } from '../../scripts/sync/compare.ts';
import { pascalCase } from '../../src/internal.ts';
import { readJson } from '../support/json.ts';
import { CATCH_UP, changesAgainst, ROOT, setPath, valueOf, wrongValueOf } from '../scripts/sync/support.ts';

/** What a contributor's checkout holds: everything but what is installed, built or version control's. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', '.scratch', 'coverage']);
/** This file: `npm test` in the copy runs every other test (running this one there would recurse). */
const THIS_TEST = 'test/package/workflow.test.ts';
/** The steps, then the whole suite of the copy: minutes of CPU, more under a loaded CI. */
const WORKFLOW_TIMEOUT = 1_500_000;

const changes = changesAgainst(CATCH_UP);
const spec = specOfDocument(readOpenApiDocument(CATCH_UP));

/** The command lines of CONTRIBUTING.md's catch-up steps, in order (comments and blank lines dropped). */
function catchUpSteps(contributing: string): string[] {
  const block = /<!-- catch-up steps[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(contributing)?.[1];
  if (block === undefined) throw new Error('CONTRIBUTING.md has no catch-up steps block');
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

let dir: string;
let before: Map<string, string>;
let after: Map<string, string>;
let pkg: { isAuditLog(value: unknown): boolean; isAuditLogEventType(value: unknown): boolean };
const outcomes = new Map<string, { status: number | null; output: string }>();
let refusedWithPlaceholders: { status: number | null; output: string };
let placeholders: string[];
/** The copy's `npm test`: its vitest JSON report. */
let suite: {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};

const readTree = (root: string): Map<string, string> =>
  new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(root, path), readFileSync(path, 'utf8')] as const;
      }),
  );
const suiteReport = () => join(dir, '.scratch-workflow-suite.json');
/**
 * A command line of the catch-up steps, run in the copy with the fixture document in place of
 * `openapi.yaml`. `npm test` runs as written, with two arguments: this file left out, and a JSON
 * report of every test kept.
 */
const shell = (line: string) => {
  const extra =
    line === 'npm test' ? ['--', '--exclude', THIS_TEST, '--reporter=json', `--outputFile.json=${suiteReport()}`] : [];
  const [command, ...args] = [...line.replace(/\bopenapi\.yaml\b/g, CATCH_UP).split(/\s+/), ...extra];
  const run = spawnSync(command!, args, {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};
const tsx = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: dir, encoding: 'utf8' });

/** Step 3, as a contributor would do it: a sentence of one's own for every placeholder. */
function describePlaceholders(): void {
  const file = join(dir, 'schema/audit-log.schema.json');
  let count = 0;
  const written = JSON.parse(readFileSync(file, 'utf8'), (key, value: unknown) =>
    key === 'description' && typeof value === 'string' && value.startsWith(PLACEHOLDER_PREFIX)
      ? `A description written for the workflow test, number ${++count}.`
      : value,
  ) as unknown;
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-log-workflow-'));
  for (const entry of readdirSync(ROOT))
    if (!NOT_COPIED.has(entry) && !entry.startsWith('.scratch'))
      cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  before = readTree(join(dir, 'generated'));
  for (const line of catchUpSteps(readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8'))) {
    if (line === 'npm run generate' && placeholders === undefined) {
      placeholders = [
        ...readFileSync(join(dir, 'schema/audit-log.schema.json'), 'utf8').matchAll(/"description": "TODO:/g),
      ].map(String);
      refusedWithPlaceholders = shell(line);
      describePlaceholders();
    }
    outcomes.set(line, shell(line));
    if (line === 'npm test') suite = readJson(suiteReport());
  }
  after = readTree(join(dir, 'generated'));
}, WORKFLOW_TIMEOUT);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Events whose details shape is new or changed: what the floor's hand-written checks lack. */
const reshaped = [
  ...new Set(
    changes.flatMap((change) =>
      change.kind === 'event-added' && change.details
        ? [change.type]
        : 'scope' in change && 'event' in change.scope && !isInformational(change)
          ? [change.scope.event]
          : [],
    ),
  ),
].sort();
const only = <K extends Change['kind']>(kind: K) =>
  changes.filter((change): change is Extract<Change, { kind: K }> => change.kind === kind);

describe("CONTRIBUTING.md's catch-up steps", () => {
  it('are the steps this test runs', () => {
    expect([...outcomes.keys()]).toEqual([
      'npm run sync -- openapi.yaml',
      'npm run sync -- openapi.yaml --write',
      'npm run generate',
      'npm run build',
      'npm test',
      'npm run sync -- --sdk',
    ]);
  });

  it('report the difference, then write it, and the rest succeed', () => {
    expect([...outcomes].map(([line, { status }]) => [line, status])).toEqual([
      ['npm run sync -- openapi.yaml', changes.some((change) => !isInformational(change)) ? 1 : 0],
      ['npm run sync -- openapi.yaml --write', 0],
      ['npm run generate', 0],
      ['npm run build', 0],
      ['npm test', 0],
      // The fixture contradicts nothing the SDK declares: the catalog covers it, and has more.
      ['npm run sync -- --sdk', 0],
    ]);
    const sdk = outcomes.get('npm run sync -- --sdk')!.output;
    for (const { type } of only('event-added')) expect(sdk).toContain(`? \`${type}\``);
  });

  it('refuse to generate while a placeholder description remains, naming each JSON path', () => {
    expect(placeholders.length).toBeGreaterThan(0);
    expect(refusedWithPlaceholders.status).toBe(2);
    const named = [...refusedWithPlaceholders.output.matchAll(/#(\/\$defs\/\S+\/description)/g)].map(
      (match) => match[1],
    );
    expect(named).toHaveLength(placeholders.length);
  });

  it('record the release in CHANGELOG.md', () => {
    const changelog = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    for (const { type } of only('event-added')) expect(changelog).toContain(`Event type \`${type}\``);
  });

  it('rewrite the API report with the new guards', () => {
    const report = readFileSync(join(dir, 'api/openai-audit-logs.api.md'), 'utf8');
    for (const { type } of only('event-added')) expect(report).toContain(`### \`is${pascalCase(type)}\` (function)`);
  });
});

describe('the whole test suite of the copy, unedited', () => {
  it('passes, every test of every project, with none skipped', () => {
    const failed = suite.testResults.flatMap((file) =>
      file.assertionResults
        .filter((test) => test.status !== 'passed')
        .map(
          (test) =>
            `${relative(dir, file.name)}: ${test.fullName} (${test.status}: ${(test.failureMessages ?? []).join(' ').slice(0, 300)})`,
        ),
    );
    expect(failed).toEqual([]);
    expect([suite.numFailedTests, suite.numPendingTests]).toEqual([0, 0]);
    // Every project ran: a file of each.
    const files = suite.testResults.map((file) => relative(dir, file.name));
    for (const folder of [
      'test/src/',
      'test/scripts/',
      'test/harness/',
      'test/types/',
      'test/generated/',
      'test/package/',
      'test/fuzz/',
    ])
      expect([folder, files.some((file) => file.startsWith(folder))]).toEqual([folder, true]);
    expect(files).not.toContain(THIS_TEST);
  });

  it('the floor reports the new and changed details shapes as the ones it does not cover', () => {
    const script =
      "import('./harness/floor.ts').then((f) => console.log(JSON.stringify({ text: f.describeCoverage(f.canonicalFloor), missing: f.canonicalFloor.missingShapes })))";
    const { text, missing } = JSON.parse(tsx('-e', script).stdout) as { text: string; missing: string[] };
    expect(missing.map((entry) => /^(\S+) \(shape \w+\)$/.exec(entry)![1]).sort()).toEqual(reshaped);
    const [, covered, total] = /^floor covers (\d+) of (\d+) shapes/.exec(text)!;
    expect(Number(total) - Number(covered)).toBe(reshaped.length);
  });
});

const envelope = (type: string) => ({ id: `audit_log-${type}`, type, effective_at: 1720804090 });
/** `{ event, path }` of every field change of an event's details. */
const fieldChanges = (kind: 'field-added' | 'field-changed') =>
  only(kind).flatMap((change) =>
    'event' in change.scope && change.path !== '' ? [{ event: change.scope.event, path: change.path }] : [],
  );
const shapeAt = (event: string, path: string) =>
  path.split('.').reduce((shape, key) => shape.properties![key]!, spec.details[event]!);

describe('the package after the steps', () => {
  beforeAll(async () => {
    pkg = (await import(pathToFileURL(join(dir, 'dist/index.js')).href)) as typeof pkg;
  });

  it('validates the new event types', () => {
    for (const { type, details } of only('event-added')) {
      const log = { ...envelope(type), ...(details ? { [type]: valueOf(details) } : {}) };
      expect([type, pkg.isAuditLogEventType(type), pkg.isAuditLog(log)]).toEqual([type, true, true]);
      if (details) {
        const [field, shape] = Object.entries(details.properties!)[0]!;
        expect([type, pkg.isAuditLog({ ...log, [type]: { [field]: wrongValueOf(shape) } })]).toEqual([type, false]);
      }
    }
  });

  it('keeps the x-sdk event types the document leaves out, and drops those it removed', () => {
    const absent = only('event-absent');
    expect(absent.length).toBeGreaterThan(0);
    for (const { type } of absent)
      expect([type, pkg.isAuditLogEventType(type), pkg.isAuditLog(envelope(type))]).toEqual([type, true, true]);
    for (const { type } of only('event-removed')) expect([type, pkg.isAuditLogEventType(type)]).toEqual([type, false]);
  });

  it('checks changed and added fields against their new types', () => {
    const cases = [...fieldChanges('field-changed'), ...fieldChanges('field-added')];
    expect(cases.length).toBeGreaterThan(0);
    for (const { event, path } of cases) {
      const shape = shapeAt(event, path);
      const log = (value: unknown) => ({ ...envelope(event), [event]: setPath({}, path, value) });
      expect([event, path, pkg.isAuditLog(log(valueOf(shape))), pkg.isAuditLog(log(wrongValueOf(shape)))]).toEqual([
        event,
        path,
        true,
        false,
      ]);
    }
  });

  it('changes generated/ only where the change is concerned (minimal diff)', () => {
    const concerned = new Set(
      changes.flatMap((change) => {
        const event = 'type' in change ? change.type : 'event' in change.scope ? change.scope.event : undefined;
        const field = 'path' in change ? change.path.split(/[.[\]]+/).filter(Boolean) : [];
        // A new event's resource is concerned too: the resource map (`hasResource`) names it.
        const resource = event?.slice(0, event.lastIndexOf('.'));
        return [...(event ? [event, pascalCase(event), kebabCase(event), `"${resource}"`] : []), ...field];
      }),
    );
    // The catalog's size, where a generated file states it, changes with the event types added or removed.
    const size = (before.get('catalog.ts') ?? '').match(/Every event type \((\d+)\)/)?.[1];
    const delta = only('event-added').length - only('event-removed').length;
    if (size !== undefined && delta !== 0) concerned.add(`(${Number(size) + delta})`);
    const perEvent = (path: string) => /^validators\/(details|shapes)\//.test(path);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (path) => before.get(path) !== after.get(path),
    );
    expect(changed.length).toBeGreaterThan(0);
    // Per-event files change only for the events concerned, or because the shared shape they
    // re-export is named after a concerned event (shapes are named after their first event).
    const namesConcerned = (text: string) => [...concerned].some((name) => text.includes(`/${name}.`));
    // A shape that moves to a new module (its first event changed) keeps its compiled checks.
    const checks = (text: string) =>
      text.replace(/\/\*\*[\s\S]*?\*\/|\/\/.*/g, '').replace(/validate\w+Shape/g, 'shape');
    const movedFromConcerned = (path: string) =>
      !before.has(path) &&
      [...before].some(([old, text]) => namesConcerned(old) && checks(text) === checks(after.get(path) ?? ''));
    for (const path of changed.filter(perEvent)) {
      const explained =
        namesConcerned(path) ||
        namesConcerned(before.get(path) ?? '') ||
        namesConcerned(after.get(path) ?? '') ||
        movedFromConcerned(path);
      expect([path, explained]).toEqual([path, true]);
    }
    // In shared files, every changed block of lines names an event or field concerned.
    for (const path of changed.filter((p) => !perEvent(p) && before.has(p) && after.has(p))) {
      for (const hunk of hunks(before.get(path)!, after.get(path)!)) {
        expect([path, hunk.slice(0, 200), [...concerned].some((name) => hunk.includes(name))]).toEqual([
          path,
          hunk.slice(0, 200),
          true,
        ]);
      }
    }
  });
});

/** Blocks of changed lines with three lines of context around them (a line diff without dependencies). */
function hunks(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  // Longest common subsequence over the differing middle, to split it into separate blocks.
  const mx = x.slice(start, endX);
  const my = y.slice(start, endY);
  const table = Array.from({ length: mx.length + 1 }, () => new Uint32Array(my.length + 1));
  for (let i = mx.length - 1; i >= 0; i--)
    for (let j = my.length - 1; j >= 0; j--)
      table[i]![j] = mx[i] === my[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const blocks: string[] = [];
  let current: string[] = [];
  let i = 0;
  let j = 0;
  const context = (index: number) => mx.slice(Math.max(0, index - 3), index + 3).join('\n');
  while (i < mx.length || j < my.length) {
    if (i < mx.length && j < my.length && mx[i] === my[j]) {
      if (current.length > 0) blocks.push(`${context(i)}\n${current.join('\n')}`);
      current = [];
      i++;
      j++;
    } else if (j < my.length && (i === mx.length || table[i]![j + 1]! >= table[i + 1]![j]!))
      current.push(`+${my[j++]}`);
    else current.push(`-${mx[i++]}`);
  }
  if (current.length > 0) blocks.push(`${context(i)}\n${current.join('\n')}`);
  return blocks;
}

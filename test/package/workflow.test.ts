/**
 * The catch-up workflow of the README ("When OpenAI changes the event types"), followed exactly as
 * written in a temporary copy of the project: its command lines are read from the README and run
 * against a fixture document that adds event types with and without details, leaves one out
 * (which the catalog keeps: sync prunes only with --prune) and changes fields. Then the regenerated package is used as a consumer would use it, and the
 * catalog-driven tests run inside the copy, none of them edited: they pass, except the one that
 * names the new details shape the benchmark floor must learn (the only thing that cannot be derived).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_PREFIX } from '../../scripts/generate/model/index.ts';
import { kebabCase } from '../../scripts/generate/naming.ts';
import { readOpenApiDocument } from '../../scripts/sync/openapi-document.ts';
import { specOfDocument, type Change } from '../../scripts/sync/compare.ts';
import type { Shape } from '../../scripts/shared/schema-shape.ts';
import { pascalCase } from '../../src/internal.ts';
import { readJson } from '../support/json.ts';
import { CHANGED, changesAgainst, ROOT, setPath, valueOf, wrongValueOf } from '../scripts/sync/support.ts';

/** What a contributor's checkout holds that the workflow reads, writes or tests. */
const COPIED = [
  'schema',
  'scripts',
  'src',
  'generated',
  'docs',
  'api',
  'harness',
  'test',
  'bench',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'vitest.config.ts',
  'eslint.config.js',
  'CHANGELOG.md',
  'README.md',
];
const changes = changesAgainst(CHANGED);
const spec = specOfDocument(readOpenApiDocument(CHANGED));

/** The command lines of the README's catch-up steps, in order (comments and blank lines dropped). */
function catchUpSteps(readme: string): string[] {
  const block = /<!-- catch-up steps[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no catch-up steps block');
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

const readTree = (root: string): Map<string, string> =>
  new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(root, path), readFileSync(path, 'utf8')] as const;
      }),
  );
/** A command line of the README, run in the copy with the fixture document in place of `openapi.yaml`. */
const shell = (line: string) => {
  const [command, ...args] = line.replace(/\bopenapi\.yaml\b/g, CHANGED).split(/\s+/);
  const run = spawnSync(command!, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};
const run = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });

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
  for (const path of COPIED)
    if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  before = readTree(join(dir, 'generated'));
  for (const line of catchUpSteps(readFileSync(join(ROOT, 'README.md'), 'utf8'))) {
    if (line === 'npm test') continue; // run below, project by project, with the results kept
    if (line === 'npm run generate' && placeholders === undefined) {
      placeholders = [
        ...readFileSync(join(dir, 'schema/audit-log.schema.json'), 'utf8').matchAll(/"description": "TODO:/g),
      ].map(String);
      refusedWithPlaceholders = shell(line);
      describePlaceholders();
    }
    outcomes.set(line, shell(line));
  }
  after = readTree(join(dir, 'generated'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the README's catch-up steps", () => {
  it('are the steps this test runs', () => {
    expect([...outcomes.keys()]).toEqual([
      'npm run sync -- openapi.yaml',
      'npm run sync -- openapi.yaml --write',
      'npm run generate',
      'npm run build',
      'npm run sync -- --sdk',
    ]);
  });

  it('report the difference, then write it, and the rest succeed', () => {
    expect([...outcomes].map(([line, { status }]) => [line, status])).toEqual([
      ['npm run sync -- openapi.yaml', 1],
      ['npm run sync -- openapi.yaml --write', 0],
      ['npm run generate', 0],
      ['npm run build', 0],
      // The fixture makes login.failed's error_code an integer; the SDK declares a string, and says so.
      ['npm run sync -- --sdk', 1],
    ]);
    expect(outcomes.get('npm run sync -- --sdk')!.output).toMatch(
      /login\.failed:\n\s+~ `error_code` type: number -> string/,
    );
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
    for (const { type } of changes.filter((change) => change.kind === 'event-added') as { type: string }[]) {
      expect(changelog).toContain(`Event type \`${type}\``);
    }
  });

  it('rewrite the API report with the new guards', () => {
    const report = readFileSync(join(dir, 'api/openai-audit-logs.api.md'), 'utf8');
    for (const { type } of changes.filter((change) => change.kind === 'event-added') as { type: string }[]) {
      expect(report).toContain(`### \`is${pascalCase(type)}\` (function)`);
    }
  });
});

describe('the catalog-driven tests, unedited, in the copy', () => {
  /** `npx vitest run` of a project (or files) in the copy: the names of the failed tests. */
  const vitest = (...args: string[]) => {
    const report = join(dir, `vitest-${args.join('-').replace(/\W+/g, '_')}.json`);
    spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...args, '--reporter=json', `--outputFile.json=${report}`],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    const result = readJson<{
      numPassedTests: number;
      testResults: { assertionResults: { fullName: string; status: string }[] }[];
    }>(report);
    return {
      passed: result.numPassedTests,
      failed: result.testResults.flatMap((file) =>
        file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
      ),
    };
  };

  /** Events whose details shape is new or changed: what the floor's hand-written checks must learn. */
  const reshaped = [
    ...new Set(
      changes.flatMap((change) =>
        change.kind === 'event-added' && change.details
          ? [change.type]
          : 'scope' in change && 'event' in change.scope
            ? [change.scope.event]
            : [],
      ),
    ),
  ];
  /** What `canonicalFloor.missingShapes` says in the copy: `<event> (shape <fingerprint>)`. */
  const missingShapes = () => {
    const script =
      "import('./harness/floor.ts').then((f) => console.log(JSON.stringify(f.canonicalFloor.missingShapes)))";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: dir, encoding: 'utf8' });
    return (JSON.parse(run.stdout) as string[]).map(
      (entry) => /^(\S+) \(shape (\w+)\)$/.exec(entry)!.slice(1) as [string, string],
    );
  };

  it('pass, but for the floor, which names exactly the new and changed details shapes it must learn, and the SDK interop', () => {
    const unit = vitest('--project', 'unit', 'test/src', 'test/harness', 'test/types');
    expect(unit.passed).toBeGreaterThan(0);
    expect(unit.failed).toEqual([
      'the hand-written floor has a check for every details shape of the catalog',
      // The fixture makes login.failed's error_code an integer, which both SDKs declare a string:
      // the interop type tests name that contradiction, as they should (once the types disagree,
      // isAuditLog can only narrow an SDK item to an intersection, not to AuditLog itself).
      'test/types/openai-interop.test-d.ts the SDK item is our union once validated isAuditLog narrows an SDK item to AuditLog, and switch (log.type) narrows further',
      'test/types/openai-interop.test-d.ts our types never contradict the SDK every member of AuditLog whose type it declares is assignable to AuditLogListResponse',
      'test/types/openai-interop.test-d.ts the newest openai 6.x (6.49) every member of AuditLog whose type it declares is assignable to its AuditLogListResponse',
    ]);
    expect(
      missingShapes()
        .map(([event]) => event)
        .sort(),
    ).toEqual([...reshaped].sort());
  });

  it('pass once the floor has those checks; the size budgets hold without an edit', () => {
    // What a contributor writes: a check of each shape's fields, by their JSON types, as the document gives them.
    const check = (shape: Shape, value: string): string => {
      const optional = (inner: string) => `(${value} === undefined || (${inner}))`;
      const type = shape.types.filter((t) => t !== 'null')[0];
      const nullable = shape.types.includes('null') ? `${value} === null || ` : '';
      if (type === 'string') return optional(`${nullable}typeof ${value} === 'string'`);
      if (type === 'integer') return optional(`${nullable}Number.isInteger(${value})`);
      if (type === 'array')
        return optional(
          `${nullable}Array.isArray(${value}) && ${value}.every((item: unknown) => ${check(shape.items!, 'item')})`,
        );
      const fields = Object.entries(shape.properties ?? {}).map(([name, field]) =>
        check(field, `(${value} as Obj).${name}`),
      );
      return optional(`${nullable}obj(${value})${fields.map((field) => ` && ${field}`).join('')}`);
    };
    const floor = join(dir, 'harness/floor.ts');
    let text = readFileSync(floor, 'utf8');
    for (const [event, fingerprint] of missingShapes()) {
      const name = JSON.stringify(`${event}@${fingerprint}`);
      text = text
        .replace(
          'export const SHAPE_CHECKS: Readonly<Record<string, Check>> = {',
          `$&\n  ${name}: (d) => ${check(spec.details[event]!, 'd')},`,
        )
        .replace(
          'export const SHAPE_FINGERPRINTS: Readonly<Record<string, string>> = {',
          `$&\n  ${name}: '${fingerprint}',`,
        );
    }
    writeFileSync(floor, text);
    // test/harness holds the floor's test and the size budgets.
    expect(vitest('--project', 'unit', 'test/harness').failed).toEqual([]);
  });
});

const envelope = (type: string) => ({ id: `audit_log-${type}`, type, effective_at: 1720804090 });
const only = <K extends Change['kind']>(kind: K) =>
  changes.filter((change): change is Extract<Change, { kind: K }> => change.kind === kind);
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

  it('regenerating changes nothing (deterministic)', () => {
    expect(run('scripts/generate/generate-all.ts', '--check')).toMatch(/fresh/);
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

  it('keeps the event types the document leaves out (sync prunes only with --prune)', () => {
    const absent = only('event-absent');
    expect(absent.length).toBeGreaterThan(0);
    for (const { type } of absent)
      expect([type, pkg.isAuditLogEventType(type), pkg.isAuditLog(envelope(type))]).toEqual([type, true, true]);
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
        return [...(event ? [event, pascalCase(event), kebabCase(event)] : []), ...field];
      }),
    );
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

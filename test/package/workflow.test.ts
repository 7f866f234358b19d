/**
 * The whole "OpenAI changed the event types" workflow, in a temporary copy of the project:
 * sync --write against the fixture document, generate, build; then the regenerated package is
 * used as a consumer would use it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOpenApiDocument } from '../../scripts/sync/openapi-document.ts';
import { kebabCase } from '../../scripts/generate/naming.ts';
import { pascalCase } from '../../src/internal.ts';
import { specOfDocument, type Change } from '../../scripts/sync/compare.ts';
import { CHANGED, changesAgainst, ROOT, setPath, valueOf, wrongValueOf } from '../scripts/sync/support.ts';

const COPIED = [
  'schema',
  'scripts',
  'src',
  'generated',
  'docs',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
];
const changes = changesAgainst(CHANGED);
const spec = specOfDocument(readOpenApiDocument(CHANGED));

let dir: string;
let before: Map<string, string>;
let after: Map<string, string>;
let pkg: { isAuditLog(value: unknown): boolean; isAuditLogEventType(value: unknown): boolean };

const readTree = (root: string): Map<string, string> =>
  new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(root, path), readFileSync(path, 'utf8')] as const;
      }),
  );
const run = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-log-workflow-'));
  for (const path of COPIED)
    if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  before = readTree(join(dir, 'generated'));
  run('scripts/sync/sync.ts', CHANGED, '--write');
  run('scripts/generate/generate-all.ts');
  run('scripts/build/build.ts');
  after = readTree(join(dir, 'generated'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
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

describe('after sync --write, generate and build', () => {
  beforeAll(async () => {
    pkg = (await import(pathToFileURL(join(dir, 'dist/index.js')).href)) as typeof pkg;
  });

  it('type-checks, and regenerating changes nothing (deterministic)', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'],
        { cwd: dir, stdio: 'pipe' },
      ),
    ).not.toThrow();
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

  it('rejects the removed event types as unknown', () => {
    for (const { type } of only('event-removed'))
      expect([type, pkg.isAuditLogEventType(type), pkg.isAuditLog(envelope(type))]).toEqual([type, false, false]);
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

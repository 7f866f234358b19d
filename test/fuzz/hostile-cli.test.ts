/**
 * The built command line on the hostile files (harness/hostile-files.ts) and on seeded mixtures
 * of broken and valid records: records = valid + invalid + unparseable, every valid record after
 * a broken one written by `--emit valid` (by id, in order), the exit code, the input left as it
 * was, and, for a mixture, every line of it in what `--emit valid` and `--emit invalid` write. A mixture holds FC_RUNS records, so FC_RUNS sets its depth without starting more
 * processes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileFiles, TEST_FILES, validLine, validLog, type FileWant } from '../../harness/hostile-files.ts';
import { HIDDEN_CHARACTERS, INVISIBLE } from '../../harness/hostile.ts';
import { catalog } from '../../harness/payloads.ts';
import { runCases } from '../support/cases.ts';
import { FC_RUNS, runParameters } from '../support/runs.ts';
import { useCliWorkspace } from '../package/cli/run-cli.ts';

const workspace = useCliWorkspace();
const files = hostileFiles(TEST_FILES);
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

interface Summary {
  kind: string;
  records: number;
  valid: number;
  invalid: number;
  unparseable: number;
  failedInputs: number;
}

/** What one run with `--emit valid --format jsonl` (and one with `--format json`) found, and whether the input survived. */
interface Seen {
  counts: FileWant;
  /** Whether the JSON report and the JSON Lines summary agree, and records = valid + invalid + unparseable. */
  accounted: boolean;
  emitted: string[];
  intact: boolean;
}

async function look(name: string, content: Buffer): Promise<Seen> {
  const path = workspace.write(name, content);
  const before = digest(path);
  const report = await workspace.run(['validate', '--format', 'json', name]);
  const json = JSON.parse(report.stdout) as Summary;
  const emit = await workspace.run(['validate', '--emit', 'valid', '--format', 'jsonl', name]);
  const lines = emit.stderr.split('\n').filter((line) => line !== '');
  const summary = JSON.parse(lines.at(-1)!) as Summary;
  const emitted = emit.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: string }).id);
  const keys = ['records', 'valid', 'invalid', 'unparseable', 'failedInputs'] as const;
  return {
    counts: { ...Object.fromEntries(keys.map((key) => [key, json[key]])), code: report.code } as FileWant,
    accounted:
      summary.kind === 'summary' &&
      keys.every((key) => summary[key] === json[key]) &&
      json.records === json.valid + json.invalid + json.unparseable &&
      emit.code === report.code,
    emitted,
    intact: digest(path) === before,
  };
}

describe('hostile files: every record counted, the valid ones after a broken one written, the input intact', () => {
  runCases(
    files.map((file) => [
      `${file.name}: ${file.about}`,
      { given: file, want: { counts: file.want, accounted: true, emitted: file.validIds, intact: true } },
    ]),
    (file) => look(file.name, file.content()),
  );

  it.each(files.filter((file) => file.says !== undefined))('$name: the report says "$says"', async (file) => {
    workspace.write(file.name, file.content());
    const run = await workspace.run(['validate', file.name]);
    expect(run.stdout + run.stderr).toContain(file.says);
  });

  it('bidi controls and invisible characters never reach the text report raw', async () => {
    const file = files.find(({ name }) => name === 'invisible.jsonl')!;
    workspace.write(file.name, file.content());
    const run = await workspace.run(['validate', file.name]);
    expect((run.stdout + run.stderr).match(HIDDEN_CHARACTERS)).toBeNull();
    // They are shown escaped instead.
    expect(run.stdout + run.stderr).toMatch(/\\u202e/i);
  });
});

describe('a failed output invents no record', () => {
  const lines = Array.from({ length: 30_000 }, (_, n) => validLine(n));
  beforeAll(() => workspace.write('many.jsonl', `${lines.join('\n')}\n`));

  it('--emit valid to a full device: exit 5, no unparseable record, the input intact', async () => {
    const before = digest(`${workspace.dir}/many.jsonl`);
    const run = await workspace.run([
      'validate',
      '--emit',
      'valid',
      '--out',
      '/dev/full',
      '--format',
      'jsonl',
      'many.jsonl',
    ]);
    const kinds = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect({ code: run.code, unparseable: kinds.filter((kind) => kind === 'unparseable').length }).toEqual({
      code: 5,
      unparseable: 0,
    });
    expect(digest(`${workspace.dir}/many.jsonl`)).toBe(before);
  });
});

/** One piece of a mixture: what it is, and its line (`n` makes the id of a valid one unique). */
type Piece =
  | { kind: 'valid' | 'invalid' | 'unknown type' | 'duplicate keys' | 'invisible id' | 'blank' }
  | { kind: 'cut'; at: number }
  | { kind: 'brackets'; count: number };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'valid' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .double({ min: 0, max: 1, noNaN: true, maxExcluded: true })
      .map((at) => ({ kind: 'cut' as const, at })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 64 }).map((count) => ({ kind: 'brackets' as const, count })) },
  fc.constantFrom<Piece>(
    { kind: 'invalid' },
    { kind: 'unknown type' },
    { kind: 'duplicate keys' },
    { kind: 'invisible id' },
    { kind: 'blank' },
  ),
);

/** The line of a piece, and what it counts as. */
function lineOf(
  p: Piece,
  n: number,
): { line: string; counts: 'valid' | 'invalid' | 'unparseable' | 'blank'; id?: string } {
  const log = validLog(n);
  switch (p.kind) {
    case 'valid':
      return { line: JSON.stringify(log), counts: 'valid', id: `log-${n}` };
    case 'invisible id':
      return {
        line: JSON.stringify({ ...log, id: `log-${n}${INVISIBLE}` }),
        counts: 'valid',
        id: `log-${n}${INVISIBLE}`,
      };
    case 'invalid':
      return { line: JSON.stringify({ ...log, effective_at: String(log.effective_at) }), counts: 'invalid' };
    case 'unknown type':
      return {
        line: JSON.stringify({ ...log, type: `${catalog[n % catalog.length]!.type}.v${n}` }),
        counts: 'invalid',
      };
    case 'duplicate keys': {
      const { type, ...rest } = log;
      return {
        line: `{"type":"not.a.type",${JSON.stringify(rest).slice(1, -1)},"type":${JSON.stringify(type)}}`,
        counts: 'invalid',
      };
    }
    case 'blank':
      return { line: '', counts: 'blank' };
    case 'brackets':
      return { line: '['.repeat(p.count), counts: 'unparseable' };
    case 'cut': {
      // A proper prefix of a compact object is never a whole JSON value.
      const line = JSON.stringify(log);
      return { line: line.slice(0, 1 + Math.floor(p.at * (line.length - 1))), counts: 'unparseable' };
    }
  }
}

describe('seeded mixtures of broken and valid records', () => {
  it(`${FC_RUNS} pieces in one file: every record counted, every valid one written, in order`, async () => {
    const pieces = fc.sample(piece, { numRuns: FC_RUNS, seed: runParameters().seed });
    const made = pieces.map(lineOf);
    const count = (kind: string) => made.filter((line) => line.counts === kind).length;
    const want: FileWant = {
      records: made.length - count('blank'),
      valid: count('valid'),
      invalid: count('invalid'),
      unparseable: count('unparseable'),
      failedInputs: 0,
      code: count('valid') === made.length - count('blank') ? 0 : 1,
    };
    const seen = await look('mixture.jsonl', Buffer.from(`${made.map(({ line }) => line).join('\n')}\n`));
    expect(seen).toEqual({
      counts: want,
      accounted: true,
      emitted: made.flatMap(({ id }) => (id === undefined ? [] : [id])),
      intact: true,
    });
  });

  it(`${FC_RUNS} pieces in one file: --emit valid and --emit invalid together write every line of it as it was`, async () => {
    const pieces = fc.sample(piece, { numRuns: FC_RUNS, seed: runParameters().seed });
    const lines = pieces.map((p, n) => lineOf(p, n).line);
    workspace.write('split.jsonl', `${lines.join('\n')}\n`);
    for (const emit of ['valid', 'invalid'])
      await workspace.run(['validate', '-q', '--emit', emit, '--out', `split-${emit}.jsonl`, 'split.jsonl']);
    const written = ['valid', 'invalid'].flatMap((emit) =>
      readFileSync(`${workspace.dir}/split-${emit}.jsonl`, 'utf8').split('\n'),
    );
    const sorted = (all: string[]) => all.filter((line) => line !== '').sort();
    expect(sorted(written)).toEqual(sorted(lines));
  });
});

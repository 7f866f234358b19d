/**
 * The command line under hostile input: binary garbage, a 100 MB line, input cut off
 * in the middle of a record, invalid UTF-8, control characters, deep nesting, a directory.
 * No crash, a clear message, every line counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCases, type Case } from '../../support/cases.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';
import { useCliWorkspace, validLines } from './run-cli.ts';

const workspace = useCliWorkspace();
const [first, second] = validLines() as [string, string];

/** Deterministic bytes (a linear congruential generator), with a newline now and then. */
function garbage(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let state = 12345;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  bytes[0] = 0x78; // "x": a start no JSON document has
  return bytes;
}

const lineCount = (bytes: Buffer) => {
  let count = 0;
  for (const byte of bytes) if (byte === 10) count++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? count + 1 : count;
};

const MIB = 1024 * 1024;
// Raw bytes go inside the id's string, where they are not JSON escapes: at this 0-based offset.
const AT = first.indexOf('audit_log-') + 'audit_log-'.length;
const withByte = (line: string, bytes: number[]) => {
  const at = line.indexOf('audit_log-') + 'audit_log-'.length;
  return Buffer.concat([Buffer.from(line.slice(0, at)), Buffer.from(bytes), Buffer.from(line.slice(at))]);
};
const join = (...parts: (string | Buffer)[]) =>
  Buffer.concat(parts.flatMap((part) => [Buffer.from(part), Buffer.from('\n')]));

/** The pretty-printed catalog cut at this many characters. */
const CUT_AT = 5000;
const everyLog = catalog.map((event) => validPayload(event));
/** Its items that end before the cut: a pretty array of k items ends in `\n]`, 2 characters after its last item. */
const COMPLETE_ITEMS = everyLog.filter(
  (_, k) => JSON.stringify(everyLog.slice(0, k + 1), null, 2).length - 2 <= CUT_AT,
).length;

const CUT = JSON.stringify(everyLog, null, 2).slice(0, CUT_AT);
/** The line where the item the cut breaks starts: the last item opening on a line of its own. */
const CUT_ITEM_LINE = CUT.slice(0, CUT.lastIndexOf('\n  {') + 1).split('\n').length;

const INPUTS: Record<string, Buffer> = {
  'garbage.bin': garbage(256 * 1024),
  'cut-short.jsonl': Buffer.from(`${first}\n${second}\n${first.slice(0, first.length / 2)}`),
  'cut-short.json': Buffer.from(CUT),
  'utf8-invalid-byte.jsonl': join(first, withByte(second, [0xff]), first),
  'utf8-overlong.jsonl': join(withByte(first, [0xc0, 0xaf]), second),
  'utf8-surrogate.jsonl': join(withByte(first, [0xed, 0xa0, 0x80]), second),
  'utf8-cut-character.jsonl': join(first, Buffer.from([0x7b, 0xe2, 0x82])),
  'nul-bytes.jsonl': join(first, Buffer.from([0, 0, 0, 0]), second),
  'escape-sequences.jsonl': join('\u001b[2J\u001b]0;pwned\u0007 not json', first),
  'deep-array.jsonl': join('['.repeat(100_000) + ']'.repeat(100_000), first),
  'deep-object.jsonl': join(`{"project": ${'{"id": '.repeat(50_000)}1${'}'.repeat(50_000)}}`, first),
};

beforeAll(() => {
  for (const [name, content] of Object.entries(INPUTS)) workspace.write(name, content);
});

interface Outcome {
  code: number | null;
  records: number;
  valid: number;
  /** The report's line count is the input's (records and blank lines are compared through `records`). */
  everyLineCounted: boolean;
  /** `line: message` of each unparseable record, without the parser's own wording. */
  unparseable: string[];
  stderr: string;
}

interface Report {
  lines: number;
  records: number;
  valid: number;
  unparseable: number;
  problems: { kind: string; line: number; errors: { message: string }[] }[];
}

async function outcome(name: string, args: string[] = []): Promise<Outcome> {
  const run = await workspace.run(['validate', '--format', 'json', '--report-drift', ...args, name]);
  const report = JSON.parse(run.stdout) as Report;
  return {
    code: run.code,
    records: report.records,
    valid: report.valid,
    everyLineCounted: report.lines === lineCount(INPUTS[name]!),
    unparseable: report.problems
      .filter((problem) => problem.kind === 'unparseable')
      .map((problem) => `${problem.line}: ${problem.errors[0]!.message.replace(/^(not JSON:).*/, '$1')}`),
    stderr: run.stderr,
  };
}

describe('hostile input: no crash, a clear message, every line counted', () => {
  const garbageLines = lineCount(INPUTS['garbage.bin']!);
  const cases: Case<string, Omit<Outcome, 'unparseable'> & { unparseable: string[] | number }>[] = [
    [
      'binary garbage: each line unparseable',
      {
        given: 'garbage.bin',
        want: {
          code: 1,
          records: garbageLines,
          valid: 0,
          everyLineCounted: true,
          unparseable: garbageLines,
          stderr: '',
        },
      },
    ],
    [
      'JSON Lines that end in the middle of a record',
      {
        given: 'cut-short.jsonl',
        want: { code: 1, records: 3, valid: 2, everyLineCounted: true, unparseable: ['3: not JSON:'], stderr: '' },
      },
    ],
    [
      'a JSON document that ends in the middle of a record: the items before the cut are records',
      {
        given: 'cut-short.json',
        want: {
          code: 1,
          records: COMPLETE_ITEMS + 1,
          valid: COMPLETE_ITEMS,
          everyLineCounted: true,
          unparseable: [`${CUT_ITEM_LINE}: not JSON:`],
          stderr: '',
        },
      },
    ],
    [
      'an invalid UTF-8 byte',
      {
        given: 'utf8-invalid-byte.jsonl',
        want: {
          code: 1,
          records: 3,
          valid: 2,
          everyLineCounted: true,
          unparseable: [`2: not valid UTF-8 (byte ${AT + 1} of the line)`],
          stderr: '',
        },
      },
    ],
    [
      'an overlong UTF-8 encoding',
      {
        given: 'utf8-overlong.jsonl',
        want: {
          code: 1,
          records: 2,
          valid: 1,
          everyLineCounted: true,
          unparseable: [`1: not valid UTF-8 (byte ${AT + 1} of the line)`],
          stderr: '',
        },
      },
    ],
    [
      'an encoded surrogate (fails at its second byte)',
      {
        given: 'utf8-surrogate.jsonl',
        want: {
          code: 1,
          records: 2,
          valid: 1,
          everyLineCounted: true,
          unparseable: [`1: not valid UTF-8 (byte ${AT + 2} of the line)`],
          stderr: '',
        },
      },
    ],
    [
      'a character cut at the end',
      {
        given: 'utf8-cut-character.jsonl',
        want: {
          code: 1,
          records: 2,
          valid: 1,
          everyLineCounted: true,
          unparseable: ['2: not valid UTF-8 (byte 3 of the line)'],
          stderr: '',
        },
      },
    ],
    [
      'NUL bytes',
      {
        given: 'nul-bytes.jsonl',
        want: { code: 1, records: 3, valid: 2, everyLineCounted: true, unparseable: ['2: not JSON:'], stderr: '' },
      },
    ],
    [
      'terminal escape sequences',
      {
        given: 'escape-sequences.jsonl',
        want: { code: 1, records: 2, valid: 1, everyLineCounted: true, unparseable: ['1: not JSON:'], stderr: '' },
      },
    ],
    [
      'deeply nested arrays',
      {
        given: 'deep-array.jsonl',
        want: { code: 1, records: 2, valid: 1, everyLineCounted: true, unparseable: [], stderr: '' },
      },
    ],
    [
      'deeply nested objects',
      {
        given: 'deep-object.jsonl',
        want: { code: 1, records: 2, valid: 1, everyLineCounted: true, unparseable: [], stderr: '' },
      },
    ],
  ];
  runCases(cases, async (name) => {
    const got = await outcome(name);
    // Garbage has too many lines to list: count them (the JSON report lists the first 100).
    return name === 'garbage.bin' ? { ...got, unparseable: got.records - got.valid } : got;
  });

  it('writes no raw control character to the terminal', async () => {
    const run = await workspace.run(['validate', 'escape-sequences.jsonl', 'garbage.bin']);
    // eslint-disable-next-line no-control-regex
    expect({ code: run.code, control: /[\u0000-\u0009\u000b-\u001f\u007f]/.test(run.stdout + run.stderr) }).toEqual({
      code: 1,
      control: false,
    });
  });
});

describe('a single 100 MB line', () => {
  const name = 'long-line.jsonl';
  beforeAll(() => {
    workspace.write(name, `${first}\n{"id": "${'a'.repeat(100 * MIB)}"}\n${second}\n`);
  });

  it('is counted as unparseable and skipped without being held in memory', async () => {
    const run = await workspace.run(['validate', '--format', 'json', name], { measureRss: true });
    const report = JSON.parse(run.stdout) as Report;
    expect({
      code: run.code,
      counts: [report.lines, report.records, report.valid, report.unparseable],
      problems: report.problems.map((problem) => `${problem.line}: ${problem.errors[0]!.message}`),
      // Holding the line and decoding it would take over 200 MiB; the reader stops holding at the 16 MiB limit.
      rssBelow128MiB: run.peakRss! < 128 * MIB,
    }).toEqual({
      code: 1,
      counts: [3, 3, 2, 1],
      problems: ['2: line of 100.0 MiB is longer than the 16.0 MiB limit; skipped'],
      rssBelow128MiB: true,
    });
  });
});

/**
 * Unparseable values in a dead-letter output: the reader hands each on with its text exactly as it
 * was read (every kind: a line that is not JSON, a record cut short, a broken pretty-printed value
 * with the lines skipped after it, a broken item of an array or page, a line that is not UTF-8),
 * whatever the chunk boundaries; `--emit invalid` writes those bytes, `--reasons` wraps them in
 * their problem (base64 when they are not UTF-8), and text too large to hold is counted, not lost.
 */
import { Readable, Writable } from 'node:stream';
import { describe } from 'vitest';
import { LineDecoder } from '../../../src/cli/lines.ts';
import { main } from '../../../src/cli/main.ts';
import { RecordReader, type RecordSink } from '../../../src/cli/records.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';

const log = JSON.stringify(validPayload(catalog[0]!));
const bad = JSON.stringify({ ...validPayload(catalog[1]!), effective_at: 'soon' });
const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

/** What the reader handed on: `line record`, `blank`, or `line keyword` and the unparseable text (hex for bytes). */
function read(input: Buffer, chunkSize: number): unknown[] {
  const events: unknown[] = [];
  const sink: RecordSink = {
    record: (_value, line, index) => events.push(`${line}${index === null ? '' : ` [${index}]`} record`),
    page: (_page, line) => events.push(`${line} page`),
    unparseable: (problem, line, raw) =>
      events.push([
        `${line} ${problem.keyword}`,
        typeof raw === 'string' ? raw : raw === undefined ? 'not held' : `hex ${raw.toString('hex')}`,
      ]),
    blank: () => events.push('blank'),
  };
  const reader = new RecordReader(sink);
  const decoder = new LineDecoder(reader, () => reader.maxLineBytes());
  for (let at = 0; at < input.length; at += chunkSize) decoder.push(input.subarray(at, at + chunkSize));
  decoder.end();
  reader.end();
  return events;
}

const pretty = '{\n  "id": "x",\n  garbage here\n  "type": "y"\n}';
const array = '[\n  {\n    "id": "a"\n  },\n  {\n    "id": "b" oops\n  }\n]';

const READ: Case<Buffer, unknown[]>[] = [
  ['a line that is not JSON', { given: bytes(`${log}\nnot json\n`), want: ['1 record', ['2 parse', 'not json']] }],
  [
    'its white space and CR are kept: the line as it was, without its newline',
    { given: bytes(`  not json \r\n${log}\r\n`), want: [['1 parse', '  not json \r'], '2 record'] },
  ],
  [
    'a record cut short by the next one',
    { given: bytes(`{"id": "x", "type":\n${log}\n`), want: [['1 parse', '{"id": "x", "type":'], '2 record'] },
  ],
  ['a string cut by its line end', { given: bytes('{"id": "cut\n'), want: [['1 parse', '{"id": "cut']] }],
  [
    'garbage after a record on its line: the rest of the line',
    { given: bytes(`${log} }x\n`), want: ['1 record', ['1 parse', '}x']] },
  ],
  [
    'a complete value JSON.parse refuses: its text, and the white space around it when alone on its line',
    {
      given: bytes(`"\\x" ${log}\n  "\\u12"  \n`),
      want: [['1 parse', '"\\x"'], '1 record', ['2 parse', '  "\\u12"  ']],
    },
  ],
  [
    'a broken pretty-printed value: every line of it, the skipped ones included',
    { given: bytes(`${pretty}\n${log}\n`), want: [['1 parse', pretty], '6 record'] },
  ],
  [
    'white space among the skipped lines is its text; after them, blank lines',
    {
      given: bytes('{\n  "id": x,\n  \n  "type": "y"\n}\n  \n'),
      want: [['1 parse', '{\n  "id": x,\n  \n  "type": "y"\n}'], 'blank'],
    },
  ],
  [
    'a pretty-printed value cut short, then JSON Lines',
    { given: bytes(`{\n  "id": "x",\n${log}\n`), want: [['1 parse', '{\n  "id": "x",'], '3 record'] },
  ],
  ['the input ending inside a value', { given: bytes('{\n  "id": "x",\n'), want: [['1 parse', '{\n  "id": "x",']] }],
  [
    'a broken item of a pretty-printed array: from its line, the items before it records',
    {
      given: bytes(`${array}\n${log}\n`),
      want: ['2 [0] record', ['5 parse', '  {\n    "id": "b" oops\n  }\n]'], '9 record'],
    },
  ],
  [
    'a broken first item: the whole document so far, none of it being a record',
    { given: bytes('[\n  {"id": "a" oops\n]\n'), want: [['2 parse', '[\n  {"id": "a" oops\n]']] },
  ],
  ['brackets that never close', { given: bytes(`[[[\n${log}\n`), want: [['1 parse', '[[['], '2 record'] }],
  [
    'a broken item of a page on one line: from the item',
    { given: bytes(`{"object":"list","data":[${log}, oops]}\n`), want: ['1 [0] record', ['1 parse', 'oops]}']] },
  ],
  [
    'an item JSON.parse refuses: its text',
    { given: bytes(`[${log}, "\\x"]\n`), want: ['1 [0] record', ['1 parse', '"\\x"']] },
  ],
  [
    'a line that is not UTF-8: its bytes, CR included',
    {
      given: bytes(`${log}\n{"id": "`, [0xff], '"}\r\n'),
      want: ['1 record', ['2 encoding', `hex ${bytes('{"id": "', [0xff], '"}\r').toString('hex')}`]],
    },
  ],
  [
    'a pretty-printed value cut by a line that is not UTF-8: its lines, as bytes',
    {
      given: bytes('{\n  "id": "', [0xc0, 0xaf], '"\n}\n'),
      want: [['1 encoding', `hex ${bytes('{\n  "id": "', [0xc0, 0xaf], '"\n}').toString('hex')}`]],
    },
  ],
];

describe('the reader hands on each unparseable value with its text as it was read', () => {
  runCases(READ, (input) => read(input, Number.MAX_SAFE_INTEGER));
});

describe('chunk boundaries change no text', () => {
  runCases(
    [1, 3, 64].map((size): Case<number, boolean[]> => [
      `chunks of ${size} bytes`,
      { given: size, want: READ.map(() => true) },
    ]),
    (size) => READ.map(([, { given }]) => JSON.stringify(read(given, size)) === JSON.stringify(read(given, 1 << 30))),
  );
});

function collector(): Writable & { bytes: Buffer[] } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.bytes.push(Buffer.from(chunk));
      done();
    },
  }) as Writable & { bytes: Buffer[] };
  stream.bytes = [];
  return stream;
}

/** Runs `validate --emit invalid` on `input` from standard input: the exit code, the bytes written, and the summary's counts. */
async function emitInvalid(args: readonly string[], input: Buffer) {
  const stdout = collector();
  const stderr = collector();
  const code = await main(['validate', '--emit', 'invalid', '--format', 'jsonl', ...args], {
    stdin: Readable.from([input]),
    stdout,
    stderr,
    version: '0',
  });
  const summary = JSON.parse(Buffer.concat(stderr.bytes).toString().trim().split('\n').at(-1)!) as Record<
    string,
    number
  >;
  const { records, invalid, unparseable, unwritable, emitted } = summary;
  return { code, out: Buffer.concat(stdout.bytes), counts: { records, invalid, unparseable, unwritable, emitted } };
}

const notUtf8 = bytes('{"id": "', [0xe2, 0x28, 0xa1], '"}');
const MIB = 1024 * 1024;

describe('--emit invalid writes unparseable values as they were read', () => {
  const cases: Case<Buffer, Awaited<ReturnType<typeof emitInvalid>>>[] = [
    [
      'JSON Lines: each bad line, then a newline, in input order with the invalid records',
      {
        given: bytes(`${log}\nnot json\n${bad}\n`, notUtf8, `\n{"id": "cut\n`),
        want: {
          code: 1,
          out: bytes(`not json\n${bad}\n`, notUtf8, '\n{"id": "cut\n'),
          counts: { records: 5, invalid: 1, unparseable: 3, unwritable: 0, emitted: 4 },
        },
      },
    ],
    [
      'a broken pretty-printed value: its lines',
      {
        given: bytes(`${pretty}\n${log}\n`),
        want: {
          code: 1,
          out: bytes(`${pretty}\n`),
          counts: { records: 2, invalid: 0, unparseable: 1, unwritable: 0, emitted: 1 },
        },
      },
    ],
    [
      'a line over 16 MiB: not held, so counted as unwritable, and the others written',
      {
        given: bytes(`"${'x'.repeat(17 * MIB)}"\nnot json\n`),
        want: {
          code: 1,
          out: bytes('not json\n'),
          counts: { records: 2, invalid: 0, unparseable: 2, unwritable: 1, emitted: 1 },
        },
      },
    ],
  ];
  runCases(cases, (input) => emitInvalid([], input));
});

/** What a line of `--reasons` says of an unparseable value, and the bytes a reader gets back from it (as Latin-1). */
interface Reason {
  kind: string;
  line: number;
  rawEncoding: BufferEncoding;
  raw: string;
  decoded: string;
}

describe('--reasons: the raw text in its problem, as a JSON string or, not UTF-8, as base64', () => {
  const cases: Case<Buffer, Reason[]>[] = [
    [
      'text',
      {
        given: bytes('not json\r\n'),
        want: [{ kind: 'unparseable', line: 1, rawEncoding: 'utf8', raw: 'not json\r', decoded: 'not json\r' }],
      },
    ],
    [
      'several lines',
      {
        given: bytes(`${pretty}\n`),
        want: [{ kind: 'unparseable', line: 1, rawEncoding: 'utf8', raw: pretty, decoded: pretty }],
      },
    ],
    [
      'bytes that are not UTF-8',
      {
        given: bytes(notUtf8, '\n'),
        want: [
          {
            kind: 'unparseable',
            line: 1,
            rawEncoding: 'base64',
            raw: notUtf8.toString('base64'),
            decoded: notUtf8.toString('latin1'),
          },
        ],
      },
    ],
  ];
  runCases(cases, async (input) => {
    const { out } = await emitInvalid(['--reasons'], input);
    return out
      .toString()
      .trim()
      .split('\n')
      .map((line) => {
        const { kind, line: at, rawEncoding, raw } = JSON.parse(line) as Reason;
        // What a reader of the dead letter gets back.
        return { kind, line: at, rawEncoding, raw, decoded: Buffer.from(raw, rawEncoding).toString('latin1') };
      });
  });
});

/**
 * The reader of the command line, in process: bytes in, records out, each placed on the line
 * where it starts. Every input form (JSON Lines, values one after another, pretty-printed or not,
 * arrays, list pages), the resynchronisation after a broken value, and the protections (UTF-8,
 * byte-order mark, CRLF). Chunk boundaries never change what is read.
 */
import { describe } from 'vitest';
import { LineDecoder } from '../../../src/cli/lines.ts';
import { RecordReader, type RecordSink } from '../../../src/cli/records.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';

/** What the reader reported, one string per event: `3 data[1] audit_log-X`, `1 page`, `2 unparseable (parse)`, `blank`. */
function read(input: string | Buffer, chunkSize = Number.MAX_SAFE_INTEGER): string[] {
  const events: string[] = [];
  const name = (value: unknown) =>
    typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
      ? (value as { id: string }).id
      : typeof value === 'string' && value.length > 40
        ? `string of ${value.length}`
        : JSON.stringify(value);
  const sink: RecordSink = {
    record(value, line, index, container) {
      const at = index === null ? '' : container === 'page' ? ` data[${index}]` : ` [${index}]`;
      events.push(`${line}${at} ${name(value)}`);
    },
    page: (_page, line) => events.push(`${line} page`),
    unparseable: (problem, line) => events.push(`${line} unparseable (${problem.keyword})`),
    blank: () => events.push('blank'),
  };
  const reader = new RecordReader(sink);
  const decoder = new LineDecoder(reader, () => reader.maxLineBytes());
  const bytes = Buffer.from(input);
  for (let at = 0; at < bytes.length; at += chunkSize) decoder.push(bytes.subarray(at, at + chunkSize));
  decoder.end();
  reader.end();
  events.push(`lines ${decoder.lines}`);
  return events;
}

const [a, b, c] = catalog.slice(0, 3).map((event) => validPayload(event)) as [
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>,
];
const [A, B, C] = [a, b, c].map((log) => log.id as string) as [string, string, string];
const line = (log: unknown) => JSON.stringify(log);
const pretty = (value: unknown) => JSON.stringify(value, null, 2);
/** Lines of `text` (a last line without a newline counts). */
const linesOf = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
/** The 1-based line where the object holding `"id": "<id>"` starts: the line before its first key. */
const startOf = (text: string, id: string) => linesOf(text.slice(0, text.indexOf(`"id": "${id}"`))) - 1;

const page = { object: 'list', data: [a, b, c], first_id: A, last_id: C, has_more: false };
const prettyPage = pretty(page);
const prettyArray = pretty([a, b]);
const jq = `${pretty(a)}\n${pretty(b)}\n`;
const bPretty = pretty(b);
/** A pretty-printed value with a line of garbage in its middle. */
const brokenPretty = pretty(a).replace('\n  "type"', '\n  garbage here\n  "type"');

const INPUTS: Case<string | Buffer, string[]>[] = [
  ['JSON Lines', { given: `${line(a)}\n${line(b)}\n`, want: [`1 ${A}`, `2 ${B}`, 'lines 2'] }],
  ['CRLF line ends', { given: `${line(a)}\r\n${line(b)}\r\n`, want: [`1 ${A}`, `2 ${B}`, 'lines 2'] }],
  ['a byte-order mark', { given: `\uFEFF${line(a)}\n${line(b)}`, want: [`1 ${A}`, `2 ${B}`, 'lines 2'] }],
  ['no final newline', { given: `${line(a)}\n${line(b)}`, want: [`1 ${A}`, `2 ${B}`, 'lines 2'] }],
  [
    'blank lines are not records',
    { given: `\n  \n${line(a)}\n\t\r\n`, want: ['blank', 'blank', `3 ${A}`, 'blank', 'lines 4'] },
  ],
  ['indented JSON Lines', { given: `  ${line(a)}\n\t${line(b)}  \n`, want: [`1 ${A}`, `2 ${B}`, 'lines 2'] }],
  ['an empty input', { given: '', want: ['lines 0'] }],
  [
    'pretty-printed values one after another (jq .)',
    { given: jq, want: [`1 ${A}`, `${startOf(jq, B)} ${B}`, `lines ${linesOf(jq)}`] },
  ],
  [
    'pretty-printed values with CRLF',
    { given: jq.replace(/\n/g, '\r\n'), want: [`1 ${A}`, `${startOf(jq, B)} ${B}`, `lines ${linesOf(jq)}`] },
  ],
  [
    'values one after another on one line',
    { given: `${line(a)}${line(b)} ${line(c)}\n`, want: [`1 ${A}`, `1 ${B}`, `1 ${C}`, 'lines 1'] },
  ],
  [
    'a pretty-printed value after one on a line, and JSON Lines after it',
    {
      given: `${line(a)} ${bPretty}\n${line(c)}\n`,
      want: [`1 ${A}`, `1 ${B}`, `${linesOf(bPretty) + 1} ${C}`, `lines ${linesOf(bPretty) + 1}`],
    },
  ],
  [
    'a pretty-printed array: each item on the line where it starts',
    {
      given: prettyArray,
      want: [`2 [0] ${A}`, `${startOf(prettyArray, B)} [1] ${B}`, `lines ${linesOf(prettyArray)}`],
    },
  ],
  [
    'a pretty-printed list page: each log on the line where it starts, read as it ends, the page fields last',
    {
      given: prettyPage,
      want: [
        `${startOf(prettyPage, A)} data[0] ${A}`,
        `${startOf(prettyPage, B)} data[1] ${B}`,
        `${startOf(prettyPage, C)} data[2] ${C}`,
        '1 page',
        `lines ${linesOf(prettyPage)}`,
      ],
    },
  ],
  [
    'an array with one compact log per line',
    { given: `[\n${line(a)},\n${line(b)}\n]\n`, want: [`2 [0] ${A}`, `3 [1] ${B}`, 'lines 4'] },
  ],
  [
    'arrays and pages on one line',
    {
      given: `${line([a, b])}\n${line(page)}\n`,
      want: [`1 [0] ${A}`, `1 [1] ${B}`, '2 page', `2 data[0] ${A}`, `2 data[1] ${B}`, `2 data[2] ${C}`, 'lines 2'],
    },
  ],
  [
    'an object with a "data" array and no type is a page',
    { given: line({ data: [a] }), want: ['1 page', `1 data[0] ${A}`, 'lines 1'] },
  ],
  [
    'an object with "object": "list" is a page',
    { given: '{"object": "list", "data": {}}', want: ['1 page', 'lines 1'] },
  ],
  [
    'an object with a type is a record, whatever else it holds',
    { given: line({ ...a, data: [b] }), want: [`1 ${A}`, 'lines 1'] },
  ],
  ['arrays inside an array are records', { given: '[[], [1]]', want: ['1 [0] []', '1 [1] [1]', 'lines 1'] }],
  [
    'values that are not objects are records',
    {
      given: '42\nnull\n"api_key.created"\ntrue -1.5e3\n',
      want: ['1 42', '2 null', '3 "api_key.created"', '4 true', '4 -1500', 'lines 4'],
    },
  ],
  ['an empty array and an empty page', { given: '[]\n{"object": "list", "data": []}\n', want: ['2 page', 'lines 2'] }],
];

const BROKEN: Case<string | Buffer, string[]>[] = [
  [
    'a line that is not JSON',
    { given: `not json\n${line(a)}\n`, want: ['1 unparseable (parse)', `2 ${A}`, 'lines 2'] },
  ],
  [
    'a string cut by the end of its line',
    { given: `{"id": "cut short\n${line(a)}\n`, want: ['1 unparseable (parse)', `2 ${A}`, 'lines 2'] },
  ],
  [
    'a record cut short before the next one (no newline lost)',
    { given: `{"id": "x", "type": "a",\n${line(a)}\n`, want: ['1 unparseable (parse)', `2 ${A}`, 'lines 2'] },
  ],
  [
    'a record missing its closing brace',
    { given: `{"id": "x"\n${line(a)}\n${line(b)}\n`, want: ['1 unparseable (parse)', `2 ${A}`, `3 ${B}`, 'lines 3'] },
  ],
  [
    'garbage after a value on its line',
    { given: `${line(a)} }x\n${line(b)}\n`, want: [`1 ${A}`, '1 unparseable (parse)', `2 ${B}`, 'lines 2'] },
  ],
  [
    'garbage inside a pretty-printed value: the rest of it is skipped, the next value read',
    {
      given: `${brokenPretty}\n${bPretty}\n`,
      want: [
        '1 unparseable (parse)',
        `${linesOf(brokenPretty) + 1} ${B}`,
        `lines ${linesOf(brokenPretty) + linesOf(bPretty)}`,
      ],
    },
  ],
  [
    'a pretty-printed value missing a comma',
    {
      given: `${pretty(a).replace('",\n  "type"', '"\n  "type"')}\n${bPretty}\n`,
      want: [
        '1 unparseable (parse)',
        `${linesOf(pretty(a)) + 1} ${B}`,
        `lines ${linesOf(pretty(a)) + linesOf(bPretty)}`,
      ],
    },
  ],
  [
    'a pretty-printed value cut short, then JSON Lines',
    {
      given: `${pretty(a).slice(0, 200)}\n${line(b)}\n`,
      want: [
        '1 unparseable (parse)',
        `${linesOf(pretty(a).slice(0, 200)) + 1} ${B}`,
        `lines ${linesOf(pretty(a).slice(0, 200)) + 1}`,
      ],
    },
  ],
  [
    'an indented record after a broken line is read',
    { given: `garbage\n  ${line(a)}\n`, want: ['1 unparseable (parse)', `2 ${A}`, 'lines 2'] },
  ],
  [
    'a pretty-printed array with a broken item: the items before it are records, the broken one unparseable',
    {
      given: `${prettyArray.replace(`"id": "${B}"`, `"id": "${B}" oops`)}\n${line(c)}\n`,
      want: [
        `${startOf(prettyArray, A)} [0] ${A}`,
        `${startOf(prettyArray, B)} unparseable (parse)`,
        `${linesOf(prettyArray) + 1} ${C}`,
        `lines ${linesOf(prettyArray) + 1}`,
      ],
    },
  ],
  [
    'an input that ends inside a value',
    { given: pretty(a).slice(0, 300), want: ['1 unparseable (parse)', `lines ${linesOf(pretty(a).slice(0, 300))}`] },
  ],
  [
    'words that are not JSON literals',
    { given: 'nul\ntrue\nNaN\n', want: ['1 unparseable (parse)', '2 true', '3 unparseable (parse)', 'lines 3'] },
  ],
  [
    'a value whose escapes JSON.parse refuses',
    { given: `"\\x" ${line(a)}\n`, want: ['1 unparseable (parse)', `1 ${A}`, 'lines 1'] },
  ],
  [
    'an invalid UTF-8 byte makes its line unparseable',
    {
      given: Buffer.concat([Buffer.from(`${line(a)}\n{"id": "`), Buffer.from([0xff]), Buffer.from(`"}\n${line(b)}\n`)]),
      want: [`1 ${A}`, '2 unparseable (encoding)', `3 ${B}`, 'lines 3'],
    },
  ],
  [
    'an invalid UTF-8 byte inside a pretty-printed value breaks it',
    {
      given: Buffer.concat([Buffer.from('{\n  "id": "'), Buffer.from([0xc0, 0xaf]), Buffer.from(`"\n}\n${line(b)}\n`)]),
      want: ['1 unparseable (encoding)', `4 ${B}`, 'lines 4'],
    },
  ],
  [
    'NUL bytes and escape sequences are not JSON',
    {
      given: `\u0000\u0000\n\u001b[2J\n${line(a)}\n`,
      want: ['1 unparseable (parse)', '2 unparseable (parse)', `3 ${A}`, 'lines 3'],
    },
  ],
];

describe('reads every input form, each record on the line where it starts', () => {
  runCases(INPUTS, (input) => read(input));
});

describe('a broken value is one unparseable record, and reading resumes after it', () => {
  runCases(BROKEN, (input) => read(input));
});

describe('chunk boundaries change nothing', () => {
  const all = [...INPUTS, ...BROKEN];
  runCases(
    [1, 2, 7, 64].map((size): Case<number, true[]> => [
      `chunks of ${size} bytes`,
      { given: size, want: all.map(() => true) },
    ]),
    (size) =>
      all.map(([, { given }]) => JSON.stringify(read(given, size)) === JSON.stringify(read(given)) || (false as never)),
  );
});

describe('size limits: 16 MiB for a value, 256 MiB for a document (an array or a page)', () => {
  const MIB = 1024 * 1024;
  const mib = 'x'.repeat(MIB);
  /** `count` lines of about 1 MiB each, inside an object or an array. */
  const fields = (count: number) => Array.from({ length: count }, (_, i) => `  "k${i}": "${mib}",`).join('\n');
  const items = (count: number) => Array.from({ length: count }, () => `  "${mib}",`).join('\n');
  const cases: Case<string, string[]>[] = [
    [
      'a value over 16 MiB spread over lines: unparseable, not held, and the next value read',
      { given: `{\n${fields(17)}\n  "end": 1\n}\n${line(a)}\n`, want: ['1 unparseable (size)', `21 ${A}`, 'lines 21'] },
    ],
    [
      'a document over 16 MiB: read whole',
      {
        given: `[\n${items(17)}\n  1\n]\n`,
        want: [...Array.from({ length: 17 }, (_, i) => `${i + 2} [${i}] string of ${MIB}`), '19 [17] 1', 'lines 20'],
      },
    ],
    [
      'many lines read in one chunk: decoded a block at a time, none lost or moved',
      {
        given: Array.from({ length: 300 }, () => line(a)).join('\n'),
        want: [...Array.from({ length: 300 }, (_, i) => `${i + 1} ${A}`), 'lines 300'],
      },
    ],
    [
      'a line over 16 MiB between values: unparseable, not held',
      {
        given: `${line(a)}\n"${'x'.repeat(17 * MIB)}"\n${line(b)}\n`,
        want: [`1 ${A}`, '2 unparseable (size)', `3 ${B}`, 'lines 3'],
      },
    ],
  ];
  runCases(cases, (input) => read(input, MIB));
});

describe('what an unparseable value says', () => {
  function problem(input: string | Buffer) {
    let found: unknown;
    const sink: RecordSink = {
      record: () => {},
      page: () => {},
      unparseable: (p, line) => (found ??= { line, ...p }),
      blank: () => {},
    };
    const reader = new RecordReader(sink);
    const decoder = new LineDecoder(reader, () => reader.maxLineBytes());
    decoder.push(Buffer.from(input));
    decoder.end();
    reader.end();
    return found;
  }
  runCases(
    [
      [
        'a value broken on a later line: where',
        {
          given: '{\n  "id": "x"\n  "type": "y"\n}\n',
          want: {
            line: 1,
            keyword: 'parse',
            message: 'not JSON: unexpected "\\"" at line 3, column 3',
            expected: 'JSON',
            found: 'text "{"',
          },
        },
      ],
      [
        'a string cut by its line end',
        {
          given: '[\n  "abc\n]\n',
          want: {
            // Where the broken item starts.
            line: 2,
            keyword: 'parse',
            message: 'not JSON: line 2 ends inside a string that starts at column 3',
            expected: 'JSON',
            found: 'text "["',
          },
        },
      ],
      [
        'the end of the input inside a value',
        {
          given: '{\n  "id": "x",\n',
          want: {
            line: 1,
            keyword: 'parse',
            message: 'not JSON: the input ends inside the value that starts here',
            expected: 'JSON',
            found: 'text "{"',
          },
        },
      ],
      [
        'a word that is not a literal, after a value on its line',
        {
          given: '{} nope\n',
          want: {
            line: 1,
            keyword: 'parse',
            message: 'not JSON: "nope" at line 1, column 4 is not a JSON value',
            expected: 'JSON',
            found: 'text "nope"',
          },
        },
      ],
      [
        'invalid UTF-8: the byte of the line',
        {
          given: Buffer.concat([Buffer.from('{"id": "'), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from('"}\n')]),
          want: {
            line: 1,
            keyword: 'encoding',
            message: 'not valid UTF-8 (byte 10 of the line)',
            expected: 'UTF-8',
            found: 'an invalid byte at byte 10 of the line',
          },
        },
      ],
    ],
    problem,
  );
});

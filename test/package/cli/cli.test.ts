/**
 * `openai-audit-logs validate`, run as the bundled command: the input forms it reads, what it
 * counts, what it prints, where records go with `--emit`, and that every record is accounted for.
 * Few processes, many rows: one run over every input file gives the rows of the first tables
 * (its `--format jsonl` summary counts per file, its problem lines place each problem). Inputs are
 * built from the catalog. Usage errors, output routing and exit codes are also tested in process
 * (test/src/cli/main.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../../src/cli/args.ts';
import { PROGRESS_AFTER_BYTES } from '../../../src/cli/progress.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { readJson } from '../../support/json.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';
import { useCliWorkspace, validLines, type CliRun } from './run-cli.ts';

const workspace = useCliWorkspace();
const n = catalog.length;
const logs = catalog.map((event) => validPayload(event));
const lines = validLines();
const page = { object: 'list', data: logs, first_id: logs[0]!.id, last_id: logs[n - 1]!.id, has_more: false };
// Types outside the catalog, made by renaming the known ones.
const renamed = logs.map((log) => ({ ...log, type: `${log.type as string}.renamed` }));
const invalid: Record<string, unknown> = { ...logs[0]!, effective_at: '1722461446' };
const pretty = (value: unknown) => JSON.stringify(value, null, 2);
/** The 1-based line of `text` on which `needle` first appears. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
/** The 1-based line of the `{` that opens the object in which `needle` first appears (pretty-printed). */
const openingLine = (text: string, needle: string) => {
  const all = text.split('\n');
  let line = lineOf(text, needle) - 1;
  const indent = /^ */.exec(all[line]!)![0].length - 2;
  while (all[line] !== `${' '.repeat(indent)}{`) line--;
  return line + 1;
};

/** A pretty-printed page whose third log is invalid. */
const pageWithInvalid = pretty({ ...page, data: [logs[0], logs[1], invalid, logs[2]] });
const jq = logs.map((log) => pretty(log)).join('\n') + '\n';

const FILES: Record<string, string> = {
  'valid.jsonl': lines.join('\n') + '\n',
  'crlf.jsonl': lines.join('\r\n') + '\r\n',
  'no-final-newline.jsonl': lines.join('\n'),
  'bom.jsonl': '\uFEFF' + lines.join('\n'),
  'mixed.jsonl': [lines[0], 'not json', '', JSON.stringify(invalid), '   ', lines[1], '{"id": "cut short'].join('\n'),
  'empty.jsonl': '',
  'blank.jsonl': '\n \n\t\n',
  'page.json': pretty(page),
  'page-with-invalid.json': pageWithInvalid,
  'pages.jsonl': `${JSON.stringify(page)}\n${JSON.stringify({ ...page, data: [invalid] })}\n`,
  'bad-page.jsonl': `${JSON.stringify({ ...page, has_more: 'yes', first_id: 5 })}\n`,
  'data-only.json': pretty({ data: logs }),
  'array.json': pretty(logs),
  'array-line.jsonl': JSON.stringify(logs),
  'one.json': pretty(logs[0]),
  'jq.json': jq,
  'jq-broken.json': `${pretty(logs[0]).replace('\n  "type"', '\n  oops\n  "type"')}\n${jq}`,
  'empty-array.json': '[]\n',
  'empty-page.json': pretty({ object: 'list', data: [], first_id: null, last_id: null, has_more: false }),
  'unknown.jsonl': renamed.map((log) => JSON.stringify(log)).join('\n'),
  'scalars.jsonl': '42\nnull\n"api_key.created"\n[[]]\n',
};

beforeAll(() => {
  for (const [name, content] of Object.entries(FILES)) workspace.write(name, content);
});

interface Line {
  kind: string;
  file: string;
  line: number;
  index: number | null;
  id?: string;
  type?: string;
  errors?: { path: string; message: string; keyword: string; expected: string; found: string }[];
}
interface FileTotals {
  file: string;
  records: number;
  valid: number;
  invalid: number;
  unparseable: number;
  blankLines: number;
  pages: number;
  invalidPages: number;
  lines: number;
}
interface Summary extends Omit<FileTotals, 'file'> {
  kind: 'summary';
  emitted?: number;
  unwritable: number;
  byType: Record<string, number>;
  unknownEventTypes: Record<string, number>;
  undocumentedFields?: Record<string, number>;
  files: FileTotals[];
}

/** The lines of a `--format jsonl` output: the problems, and the summary that ends it. */
function jsonl(text: string): { problems: Line[]; summary: Summary } {
  const objects = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line | Summary);
  const summary = objects.pop() as Summary;
  if (summary.kind !== 'summary') throw new Error(`no summary line at the end of ${text}`);
  return { problems: objects as Line[], summary };
}

describe('one run over every input form', () => {
  let run: CliRun;
  let out: ReturnType<typeof jsonl>;
  beforeAll(async () => {
    run = await workspace.run(['validate', '--format', 'jsonl', ...Object.keys(FILES)]);
    out = jsonl(run.stdout);
  });

  it('exits 1 (some inputs are invalid) and writes nothing to standard error', () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
  });

  /** `records valid invalid unparseable`, and `blank pages invalidPages` when not all zero. */
  const counts = (records: number, valid: number, invalid = 0, unparseable = 0, more: Partial<FileTotals> = {}) => ({
    records,
    valid,
    invalid,
    unparseable,
    blankLines: more.blankLines ?? 0,
    pages: more.pages ?? 0,
    invalidPages: more.invalidPages ?? 0,
  });
  const cases: Case<string, ReturnType<typeof counts>>[] = [
    ['JSON Lines, one log per line', { given: 'valid.jsonl', want: counts(n, n) }],
    ['JSON Lines with CRLF line ends', { given: 'crlf.jsonl', want: counts(n, n) }],
    ['JSON Lines without a final newline', { given: 'no-final-newline.jsonl', want: counts(n, n) }],
    ['JSON Lines after a byte-order mark', { given: 'bom.jsonl', want: counts(n, n) }],
    [
      'malformed, blank, invalid and truncated lines',
      { given: 'mixed.jsonl', want: counts(5, 2, 1, 2, { blankLines: 2 }) },
    ],
    ['an empty file is zero records', { given: 'empty.jsonl', want: counts(0, 0) }],
    ['blank lines are not records', { given: 'blank.jsonl', want: counts(0, 0, 0, 0, { blankLines: 3 }) }],
    ['a pretty-printed list page', { given: 'page.json', want: counts(n, n, 0, 0, { pages: 1 }) }],
    [
      'a pretty-printed page with an invalid log',
      { given: 'page-with-invalid.json', want: counts(4, 3, 1, 0, { pages: 1 }) },
    ],
    ['list pages, one per line', { given: 'pages.jsonl', want: counts(n + 1, n, 1, 0, { pages: 2 }) }],
    [
      'a page with invalid own fields',
      { given: 'bad-page.jsonl', want: counts(n, n, 0, 0, { pages: 1, invalidPages: 1 }) },
    ],
    [
      'an object with "data" and no "object"',
      { given: 'data-only.json', want: counts(n, n, 0, 0, { pages: 1, invalidPages: 1 }) },
    ],
    ['a pretty-printed array of logs', { given: 'array.json', want: counts(n, n) }],
    ['an array of logs on one line', { given: 'array-line.jsonl', want: counts(n, n) }],
    ['one pretty-printed log', { given: 'one.json', want: counts(1, 1) }],
    ['pretty-printed logs one after another (jq .)', { given: 'jq.json', want: counts(n, n) }],
    ['a broken pretty-printed log, then good ones', { given: 'jq-broken.json', want: counts(n + 1, n, 0, 1) }],
    ['an empty array', { given: 'empty-array.json', want: counts(0, 0) }],
    ['an empty page', { given: 'empty-page.json', want: counts(0, 0, 0, 0, { pages: 1 }) }],
    ['JSON values that are not logs are invalid records', { given: 'scalars.jsonl', want: counts(4, 0, 4) }],
    ['unknown types rejected by default', { given: 'unknown.jsonl', want: counts(n, 0, n) }],
  ];
  runCases(cases, (file) => {
    const totals = out.summary.files.find((totals) => totals.file === file)!;
    return counts(totals.records, totals.valid, totals.invalid, totals.unparseable, totals);
  });

  it('adds the inputs up, and accounts for every record', () => {
    const { summary } = out;
    const sum = (key: keyof Omit<FileTotals, 'file'>) => summary.files.reduce((total, file) => total + file[key], 0);
    expect({
      files: summary.files.map((file) => file.file),
      records: summary.records,
      accounted: summary.valid + summary.invalid + summary.unparseable,
      lines: summary.lines,
    }).toEqual({
      files: Object.keys(FILES),
      records: sum('records'),
      accounted: sum('records'),
      lines: Object.values(FILES).reduce(
        (total, text) => total + (text === '' ? 0 : text.replace(/\n$/, '').split('\n').length),
        0,
      ),
    });
  });

  /** `file:line index kind`, each problem of a file in order. */
  const where = (problem: Line) => `${problem.line} ${problem.index ?? '-'} ${problem.kind}`;
  const problemCases: Case<string, string[]>[] = [
    [
      'JSON Lines: the line of each',
      { given: 'mixed.jsonl', want: ['2 - unparseable', '4 - invalid', '7 - unparseable'] },
    ],
    [
      'a record in a pretty-printed page: the line where it starts, its index',
      {
        given: 'page-with-invalid.json',
        want: [`${openingLine(pageWithInvalid, '"effective_at": "1722461446"')} 2 invalid`],
      },
    ],
    ['a page on a line: its line, and the index in its data', { given: 'pages.jsonl', want: ['2 0 invalid'] }],
    ['a page with invalid own fields', { given: 'bad-page.jsonl', want: ['1 - invalid-page'] }],
    ['an object with "data" and no "object"', { given: 'data-only.json', want: ['1 - invalid-page'] }],
    ['a broken pretty-printed log', { given: 'jq-broken.json', want: ['1 - unparseable'] }],
    [
      'values that are not logs',
      { given: 'scalars.jsonl', want: ['1 - invalid', '2 - invalid', '3 - invalid', '4 0 invalid'] },
    ],
    ['unknown types', { given: 'unknown.jsonl', want: renamed.map((_, i) => `${i + 1} - unknown-type`) }],
    ['valid inputs have none', { given: 'valid.jsonl', want: [] }],
  ];
  runCases(problemCases, (file) => out.problems.filter((problem) => problem.file === file).map(where));

  it('places a record of a pretty-printed page on the line of its opening brace', () => {
    const problem = out.problems.find((p) => p.file === 'page-with-invalid.json')!;
    expect(pageWithInvalid.split('\n')[problem.line - 1]).toBe('    {');
  });

  runCases(
    [
      [
        'the page own-field errors',
        {
          given: 'bad-page.jsonl',
          want: [
            {
              path: '/first_id',
              message: 'must be string or null, got number 5',
              keyword: 'type',
              expected: 'string or null',
              found: 'number 5',
            },
            {
              path: '/has_more',
              message: 'must be boolean, got string "yes"',
              keyword: 'type',
              expected: 'boolean',
              found: 'string "yes"',
            },
          ],
        },
      ],
      [
        'one error for a page without "object"',
        {
          given: 'data-only.json',
          want: [
            {
              path: '/object',
              message:
                'is required but missing: an object with a "data" array and no "type" is read as a list page, and a list page has "object": "list"',
              keyword: 'required',
              expected: '"list"',
              found: 'nothing',
            },
          ],
        },
      ],
      [
        'an unparseable value: one error, keyword parse',
        {
          given: 'jq-broken.json',
          want: [
            {
              path: '',
              message: `not JSON: "oops" at line ${lineOf(FILES['jq-broken.json']!, 'oops')}, column 3 is not a JSON value`,
              keyword: 'parse',
              expected: 'JSON',
              found: 'text "{"',
            },
          ],
        },
      ],
    ],
    (file) =>
      out.problems
        .find((problem) => problem.file === file)!
        .errors!.map(({ path, message, keyword, expected, found }) => ({ path, message, keyword, expected, found })),
  );

  it('names the command-line flag in the hint for an unknown type', () => {
    const messages = out.problems.filter((p) => p.kind === 'unknown-type').map((p) => p.errors![0]!.message);
    expect({
      count: messages.length,
      namesFlag: messages.every((m) => m.includes('--unknown-types accept') || m.includes('did you mean')),
      namesOption: messages.some((m) => m.includes('unknownEventTypes')),
    }).toEqual({ count: n, namesFlag: true, namesOption: false });
  });
});

describe('standard input', () => {
  runCases(
    [
      [
        'as -, between files, and without FILE',
        {
          given: { args: ['valid.jsonl', '-', 'page.json'], stdin: FILES['mixed.jsonl']! },
          want: [
            ['valid.jsonl', n, n],
            ['<stdin>', 5, 2],
            ['page.json', n, n],
          ],
        },
      ],
      [
        'a pretty-printed page',
        { given: { args: [], stdin: FILES['page-with-invalid.json']! }, want: [['<stdin>', 4, 3]] },
      ],
      ['empty', { given: { args: ['-'], stdin: '' }, want: [['<stdin>', 0, 0]] }],
    ],
    async ({ args, stdin }) => {
      const { summary } = jsonl((await workspace.run(['validate', '--format', 'jsonl', ...args], { stdin })).stdout);
      return summary.files.map((file) => [file.file, file.records, file.valid]);
    },
  );
});

describe('unknown types: counted in both modes, reported only when rejected', () => {
  const perType = Object.fromEntries(renamed.map((log) => [log.type, 1]));
  runCases(
    [
      [
        'rejected: invalid, one unknown-type line each',
        { given: [], want: { code: 1, invalid: n, problems: n, byType: perType, unknownEventTypes: perType } },
      ],
      [
        'accepted: valid, no line',
        {
          given: ['--unknown-types', 'accept'],
          want: { code: 0, invalid: 0, problems: 0, byType: perType, unknownEventTypes: perType },
        },
      ],
    ],
    async (args) => {
      const run = await workspace.run(['validate', '--format', 'jsonl', ...args, 'unknown.jsonl']);
      const { problems, summary } = jsonl(run.stdout);
      return {
        code: run.code,
        invalid: summary.invalid,
        problems: problems.length,
        byType: summary.byType,
        unknownEventTypes: summary.unknownEventTypes,
      };
    },
  );
});

describe('reports drift with --report-drift', () => {
  // Fields the schema does not document, which validPayload adds to every log.
  const EXTRAS = [
    'undocumented_extra',
    'actor.undocumented_extra',
    'actor.session.undocumented_extra',
    'project.undocumented_extra',
  ];
  let report: { undocumentedFields?: Record<string, number> };
  beforeAll(async () => {
    report = JSON.parse(
      (await workspace.run(['validate', '--format', 'json', '--report-drift', 'valid.jsonl', 'array.json'])).stdout,
    ) as typeof report;
  });
  it('counts each undocumented field once per record carrying it, arrays and pages alike', () => {
    expect(Object.fromEntries(EXTRAS.map((path) => [path, report.undocumentedFields![path]]))).toEqual(
      Object.fromEntries(EXTRAS.map((path) => [path, 2 * n])),
    );
  });
  it('collapses array items to [] in every path', () => {
    const arrays = catalog.filter(
      (event) => event.detailsDef !== undefined && JSON.stringify(validPayload(event)[event.type]).includes('[{'),
    );
    const paths = Object.keys(report.undocumentedFields!);
    expect({
      some: arrays.length > 0,
      each: arrays.every((event) => paths.some((path) => path.startsWith(`${event.type}.`) && path.includes('[].'))),
      noIndex: !paths.some((path) => /\[\d/.test(path)),
    }).toEqual({ some: true, each: true, noIndex: true });
  });
});

describe('prints one line per problem and a summary', () => {
  // Parser messages differ between Node versions: keep what the CLI itself writes.
  const stable = (text: string) => text.replace(/(not JSON:).*/g, '$1');
  const idType = `id ${JSON.stringify(invalid.id)}, type ${JSON.stringify(invalid.type)}`;
  const cases: Case<string[], { code: number | null; stdout: string; stderr: string }>[] = [
    [
      'text report of a mixed file',
      {
        given: ['mixed.jsonl'],
        want: {
          code: 1,
          stdout: [
            'mixed.jsonl:2: unparseable: not JSON:',
            `mixed.jsonl:4: ${idType}: effective_at: must be integer, got string "1722461446"`,
            'mixed.jsonl:7: unparseable: not JSON:',
            '5 records: 2 valid, 1 invalid, 2 unparseable',
            '',
          ].join('\n'),
          stderr: '',
        },
      },
    ],
    [
      'records in pages are placed by index; invalid own fields are the page',
      {
        given: ['pages.jsonl', 'bad-page.jsonl'],
        want: {
          code: 1,
          stdout: [
            `pages.jsonl:2 data[0]: ${idType}: effective_at: must be integer, got string "1722461446"`,
            'bad-page.jsonl:1: list page: first_id: must be string or null, got number 5; has_more: must be boolean, got string "yes"',
            `pages.jsonl: ${n + 1} records: ${n} valid, 1 invalid, 0 unparseable; 2 list pages, 0 invalid`,
            `bad-page.jsonl: ${n} records: ${n} valid, 0 invalid, 0 unparseable; 1 list page, 1 invalid`,
            `total: ${2 * n + 1} records: ${2 * n} valid, 1 invalid, 0 unparseable; 3 list pages, 1 invalid`,
            '',
          ].join('\n'),
          stderr: '',
        },
      },
    ],
    [
      '--quiet prints nothing, the exit code tells',
      { given: ['--quiet', '--format', 'jsonl', 'mixed.jsonl'], want: { code: 1, stdout: '', stderr: '' } },
    ],
  ];
  runCases(cases, async (args) => {
    const run = await workspace.run(['validate', ...args]);
    return { code: run.code, stdout: stable(run.stdout), stderr: run.stderr };
  });
});

describe('the command itself', () => {
  const { version } = readJson<{ version: string }>(join(import.meta.dirname, '../../../package.json'));
  runCases(
    [
      // The unit tests hold USAGE to every option; here the built command prints it.
      ['--help', { given: ['--help'], want: { code: 0, stdout: USAGE, stderr: '' } }],
      ['--version', { given: ['--version'], want: { code: 0, stdout: `${version}\n`, stderr: '' } }],
      [
        'a usage error',
        {
          given: ['validate', '--format', 'xml'],
          want: {
            code: 2,
            stdout: '',
            stderr: 'openai-audit-logs: option --format must be text or json or jsonl, got "xml"\n',
          },
        },
      ],
    ],
    async (args) => {
      const { code, stdout, stderr } = await workspace.run(args);
      return { code, stdout, stderr };
    },
  );
});

describe('every record accounted for: --format jsonl with --emit', () => {
  // Every input form at once, on standard input.
  const input = [
    FILES['mixed.jsonl'],
    FILES['page-with-invalid.json'],
    FILES['array-line.jsonl'],
    FILES['jq-broken.json'],
    FILES['bad-page.jsonl'],
    FILES['unknown.jsonl'],
    JSON.stringify({ ...logs[3], effective_at: 1722461446000 }),
    FILES['scalars.jsonl'],
  ].join('\n');
  /** A line as canonical JSON, when it is JSON. */
  const canonical = (line: string) => {
    try {
      return JSON.stringify(JSON.parse(line));
    } catch {
      return undefined;
    }
  };
  /** Every record of the input, as canonical JSON. */
  const inputRecords = new Set(
    [logs, invalid, renamed, { ...logs[3], effective_at: 1722461446000 }, 42, null, 'api_key.created', [[]]]
      .flat()
      .map((value) => JSON.stringify(value)),
  );

  it('--emit valid: the valid records on standard output, each one of the input records; problems on standard error', async () => {
    const run = await workspace.run(['validate', '--emit', 'valid', '--format', 'jsonl'], { stdin: input });
    const { problems, summary } = jsonl(run.stderr);
    const emitted = run.stdout.split('\n').filter((line) => line !== '');
    const kinds = (kind: string) => problems.filter((problem) => problem.kind === kind).length;
    expect({
      code: run.code,
      accounted: summary.valid + summary.invalid + summary.unparseable === summary.records,
      emitted: [emitted.length, summary.emitted],
      eachAnInputRecord: emitted.every((line) => inputRecords.has(JSON.stringify(JSON.parse(line)))),
      eachValid: emitted.every((line) => !JSON.stringify(JSON.parse(line)).includes('.renamed')),
      invalidLines: kinds('invalid') + kinds('unknown-type'),
      unparseableLines: kinds('unparseable'),
      warningLines: kinds('warning'),
      invalidPageLines: kinds('invalid-page'),
    }).toEqual({
      code: 1,
      accounted: true,
      emitted: [summary.valid, summary.valid],
      eachAnInputRecord: true,
      eachValid: true,
      invalidLines: summary.invalid,
      unparseableLines: summary.unparseable,
      warningLines: 1,
      invalidPageLines: 1,
    });
  });

  it('--emit invalid --out FILE: the invalid records and the unparseable values in the file; valid + invalid + unparseable = records', async () => {
    const run = await workspace.run(['validate', '--emit', 'invalid', '--out', 'invalid.jsonl', '--format', 'jsonl'], {
      stdin: input,
    });
    const { summary } = jsonl(run.stdout);
    const written = readFileSync(join(workspace.dir, 'invalid.jsonl'), 'utf8');
    // The unparseable values are written as they were read: their text is in the input.
    const records = written.split('\n').filter((line) => inputRecords.has(canonical(line) ?? ''));
    expect({
      code: run.code,
      stderr: run.stderr,
      emitted: summary.emitted,
      records: [records.length, summary.records],
      unwritable: summary.unwritable,
    }).toEqual({
      code: 1,
      stderr: '',
      emitted: summary.invalid + summary.unparseable,
      records: [summary.invalid, summary.valid + summary.invalid + summary.unparseable],
      unwritable: 0,
    });
  });
});

describe('--reasons on standard input, every input form at once', () => {
  const input = [
    FILES['mixed.jsonl'],
    FILES['page-with-invalid.json'],
    FILES['jq-broken.json'],
    FILES['unknown.jsonl'],
  ].join('\n');
  it('writes one object per invalid record: its problem, and the record as it was read', async () => {
    const run = await workspace.run(['validate', '--emit', 'invalid', '--reasons', '--format', 'jsonl'], {
      stdin: input,
    });
    const { problems, summary } = jsonl(run.stderr);
    const written = run.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map(
        (line) =>
          JSON.parse(line) as {
            kind: string;
            line: number;
            errors: unknown[];
            record?: unknown;
            raw?: unknown;
            rawEncoding?: unknown;
          },
      );
    const reported = problems.filter((problem) => ['invalid', 'unknown-type', 'unparseable'].includes(problem.kind));
    expect({
      code: run.code,
      count: [written.length, summary.emitted],
      // The same problem as the report's, the record (or, unparseable, its raw text) added last.
      problems: written.map(({ record: _record, raw: _raw, rawEncoding: _encoding, ...problem }) => problem),
      withErrors: written.every((object) => object.errors.length > 0),
    }).toEqual({
      code: 1,
      count: [summary.invalid + summary.unparseable, summary.invalid + summary.unparseable],
      problems: reported,
      withErrors: true,
    });
  });
});

describe('the command line piped', () => {
  it('writes no progress to a piped standard error, even for a large input', async () => {
    const big = Array.from(
      { length: Math.ceil((2 * PROGRESS_AFTER_BYTES) / FILES['valid.jsonl']!.length) },
      () => FILES['valid.jsonl'],
    ).join('');
    workspace.write('big.jsonl', big);
    const run = await workspace.run(['validate', '--quiet', 'big.jsonl']);
    expect({ code: run.code, size: big.length > 2 * PROGRESS_AFTER_BYTES, stderr: run.stderr }).toEqual({
      code: 0,
      size: true,
      stderr: '',
    });
  });
});

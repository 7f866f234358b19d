/**
 * `main()` in process, with its standard streams captured: usage errors, where records and
 * reports go with `--emit` and `--out`, the cap of `--format json` and the lack of one in
 * `--format jsonl`, and the exit codes. (test/package/cli runs the bundled command as a process.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../../src/cli/args.ts';
import { main } from '../../../src/cli/main.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { collector } from '../../support/streams.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir = '';
/** The path of a file in the workspace. */
const at = (name: string) => join(dir, name);

/**
 * The parser's own words after `not JSON:`, which differ between Node versions: to the end of the
 * line, or in JSON output to the end of the message string.
 */
const NOT_JSON = /(not JSON:) (?:.*?(?=","keyword")|.*)/g;

/** Runs the command line in process; file names in its output are given relative to the workspace. */
async function cli(args: readonly string[], stdin = ''): Promise<Run> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(
    args.map((arg) => (arg.endsWith('.jsonl') || arg.endsWith('.json') || arg.startsWith('out') ? at(arg) : arg)),
    { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, version: '9.9.9' },
  );
  // File names relative to the workspace; the parser's own words differ between Node versions.
  const stable = (text: string) => text.split(`${dir}/`).join('').replace(NOT_JSON, '$1 ...');
  return { code, stdout: stable(stdout.text), stderr: stable(stderr.text) };
}

const logs = catalog.map((event) => validPayload(event));
const lines = logs.map((log) => JSON.stringify(log));
const invalid: Record<string, unknown> = { ...logs[0]!, effective_at: 'soon' };
const invalidLine = JSON.stringify(invalid);
const renamed = JSON.stringify({ ...logs[1]!, type: 'brand.new_event' });
const page = (fields: Record<string, unknown>) =>
  JSON.stringify({ object: 'list', data: [], first_id: null, last_id: null, has_more: false, ...fields });

const FILES: Record<string, string> = {
  'valid.jsonl': `${lines.join('\n')}\n`,
  'mixed.jsonl': `${lines[0]}\nnot json\n${invalidLine}\n${lines[1]}\n`,
  'many.jsonl': `${Array.from({ length: 150 }, () => invalidLine).join('\n')}\n`,
  'unknown.jsonl': `${renamed}\n`,
  'page.jsonl': `${page({ has_more: 'yes' })}\n`,
  'milliseconds.jsonl': `${JSON.stringify({ ...logs[0]!, effective_at: 1722461446000 })}\n`,
  'unparseable.jsonl': '{"id": \n',
  // The input behind the README's sample output.
  'logs.jsonl': readFileSync(join(import.meta.dirname, '../../fixtures/cli/readme-logs.jsonl'), 'utf8'),
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'oal-cli-main-'));
  for (const [name, content] of Object.entries(FILES)) writeFileSync(at(name), content);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compressed input', () => {
  const summary = (records: number) => `${records} records: ${records} valid, 0 invalid, 0 unparseable\n`;
  const gzipped = gzipSync(FILES['valid.jsonl']!);
  const cases: Case<{ name: string; bytes: Buffer }, Run>[] = [
    [
      'a gzip file, whatever its name',
      { given: { name: 'logs.json', bytes: gzipped }, want: { code: 0, stdout: summary(lines.length), stderr: '' } },
    ],
    [
      'concatenated gzip members',
      {
        given: { name: 'twice.jsonl', bytes: Buffer.concat([gzipped, gzipped]) },
        want: { code: 0, stdout: summary(2 * lines.length), stderr: '' },
      },
    ],
    [
      'a gzip file cut short: the records before the cut, and a failed input',
      {
        given: { name: 'cut.jsonl', bytes: gzipped.subarray(0, gzipped.length - 12) },
        want: { code: 2, stdout: expect.stringContaining('unexpected end of file') as string, stderr: '' },
      },
    ],
    [
      'zstd: refused, with the fix',
      {
        given: { name: 'packed.jsonl', bytes: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]) },
        want: { code: 2, stdout: expect.stringContaining('zstd -dc FILE') as string, stderr: '' },
      },
    ],
  ];
  runCases(cases, async ({ name, bytes }) => {
    writeFileSync(at(name), bytes);
    return cli(['validate', name]);
  });
  it('gzip on standard input', async () => {
    const stdout = collector();
    const code = await main(['validate'], {
      stdin: Readable.from([gzipped]),
      stdout,
      stderr: collector(),
      version: '9.9.9',
    });
    expect({ code, stdout: stdout.text }).toEqual({ code: 0, stdout: summary(lines.length) });
  });
});

describe('--fail-on: which outcomes make the exit code 1', () => {
  const cases: Case<string[], number>[] = [
    ['by default, anything wrong', { given: ['validate', '-q', 'mixed.jsonl'], want: 1 }],
    ['none: a quarantine stage exits 0', { given: ['validate', '-q', '--fail-on', 'none', 'mixed.jsonl'], want: 0 }],
    ['only unparseable, with one', { given: ['validate', '-q', '--fail-on=unparseable', 'mixed.jsonl'], want: 1 }],
    [
      'only invalid pages, with none',
      { given: ['validate', '-q', '--fail-on', 'invalid-page', 'mixed.jsonl'], want: 0 },
    ],
    [
      'a misspelt outcome is a usage error',
      { given: ['validate', '--fail-on', 'invalid,nope', 'mixed.jsonl'], want: 2 },
    ],
  ];
  runCases(cases, async (args) => (await cli(args)).code);
});

describe('usage errors: exit code 2 and one line', () => {
  const usage = (message: string): Run => ({ code: 2, stdout: '', stderr: `openai-audit-logs: ${message}\n` });
  const cases: Case<string[], Run>[] = [
    [
      'unknown option',
      { given: ['validate', '--bogus', 'valid.jsonl'], want: usage('unknown option "--bogus" (see --help)') },
    ],
    [
      'unknown option with a value',
      { given: ['validate', '--bogus=1'], want: usage('unknown option "--bogus" (see --help)') },
    ],
    [
      'missing file',
      { given: ['validate', 'valid.jsonl', 'missing.jsonl'], want: usage('no such file: missing.jsonl') },
    ],
    [
      'bad --format',
      {
        given: ['validate', '--format', 'xml'],
        want: usage('option --format must be text or json or jsonl, got "xml"'),
      },
    ],
    [
      '--format without value',
      { given: ['validate', '--format'], want: usage('option --format needs a value: text or json or jsonl') },
    ],
    [
      'bad --unknown-types',
      {
        given: ['validate', '--unknown-types=maybe'],
        want: usage('option --unknown-types must be accept or reject, got "maybe"'),
      },
    ],
    [
      'bad --emit',
      { given: ['validate', '--emit', 'all'], want: usage('option --emit must be valid or invalid, got "all"') },
    ],
    [
      '--out without a name',
      { given: ['validate', '--emit', 'valid', '--out'], want: usage('option --out needs a file name') },
    ],
    [
      '--out without --emit',
      {
        given: ['validate', '--out', 'out.jsonl', 'valid.jsonl'],
        want: usage('option --out needs --emit valid or --emit invalid: it names where the records go'),
      },
    ],
    [
      '--out naming an input',
      {
        given: ['validate', '--emit', 'valid', '--out', 'valid.jsonl', 'valid.jsonl'],
        want: usage('--out valid.jsonl is also an input: it would be overwritten before it is read'),
      },
    ],
    [
      '--out in a missing directory',
      {
        given: ['validate', '--emit', 'valid', '--out', 'out/none/x.jsonl', 'valid.jsonl'],
        want: usage('cannot write out/none/x.jsonl: ENOENT'),
      },
    ],
    ['a flag given a value', { given: ['validate', '--quiet=yes'], want: usage('option --quiet takes no value') }],
    [
      '--to without --emit valid',
      {
        given: ['validate', '--to', 'ocsf', '--emit', 'invalid', 'valid.jsonl'],
        want: usage('option --to needs --emit valid: it writes each valid record as an OCSF or ECS event'),
      },
    ],
    ['bad --to', { given: ['validate', '--to', 'cef'], want: usage('option --to must be ocsf or ecs, got "cef"') }],
    [
      '--org-id without --to',
      {
        given: ['validate', '--emit', 'valid', '--org-id', 'org-1', 'valid.jsonl'],
        want: usage('option --org-id needs --to ocsf or --to ecs: it goes into each normalized event'),
      },
    ],
    [
      '--keep-original without --to',
      {
        given: ['validate', '--emit', 'valid', '--keep-original', 'valid.jsonl'],
        want: usage('option --keep-original needs --to ocsf or --to ecs: it goes into each normalized event'),
      },
    ],
    [
      '--org-name without a value',
      { given: ['validate', '--org-name'], want: usage('option --org-name needs a value') },
    ],
    ['no command', { given: [], want: usage('missing command: try "openai-audit-logs validate FILE"') }],
    ['unknown command', { given: ['check'], want: usage('unknown command "check"; commands: "validate", "pull"') }],
    ['-- ends the options', { given: ['validate', '--', '--quiet'], want: usage('no such file: --quiet') }],
    ['--version', { given: ['--version'], want: { code: 0, stdout: '9.9.9\n', stderr: '' } }],
    ['--help', { given: ['validate', '--help'], want: { code: 0, stdout: USAGE, stderr: '' } }],
  ];
  runCases(cases, (args) => cli(args));
});

describe('--help lists every option', () => {
  const OPTIONS = [
    '--unknown-types',
    '--report-drift',
    '--format text|json|jsonl',
    '--emit valid|invalid',
    '--out FILE',
    '--reasons',
    '--fail-on LIST',
    '--to ocsf|ecs',
    '--org-id ID, --org-name NAME',
    '--keep-original',
    '-q, --quiet',
    '--help',
    '--version',
  ];
  runCases([['every option', { given: OPTIONS, want: OPTIONS.map(() => true) }]], async (options) => {
    const { stdout } = await cli(['--help']);
    return options.map((option) => stdout.includes(option));
  });
});

describe('--emit writes records; the report moves to standard error, or stays with --out', () => {
  const report = `mixed.jsonl:2: unparseable: not JSON: ...
mixed.jsonl:3: id ${JSON.stringify(invalid.id)}, type ${JSON.stringify(invalid.type)}: effective_at: must be integer, got string "soon"
4 records: 2 valid, 1 invalid, 1 unparseable
`;
  const cases: Case<string[], Run & { out?: string }>[] = [
    [
      '--emit valid: valid records on standard output, as read',
      {
        given: ['validate', '--emit', 'valid', 'mixed.jsonl'],
        want: { code: 1, stdout: `${lines[0]}\n${lines[1]}\n`, stderr: `${report}2 valid records written\n` },
      },
    ],
    [
      '--emit invalid: invalid records, and unparseable lines as they were read',
      {
        given: ['validate', '--emit', 'invalid', '--quiet', 'mixed.jsonl'],
        want: { code: 1, stdout: `not json\n${invalidLine}\n`, stderr: '' },
      },
    ],
    [
      '--emit valid --out FILE: the records in the file, the report on standard output',
      {
        given: ['validate', '--emit', 'valid', '--out', 'out-valid.jsonl', 'mixed.jsonl'],
        want: { code: 1, stdout: `${report}2 valid records written\n`, stderr: '', out: `${lines[0]}\n${lines[1]}\n` },
      },
    ],
    [
      '--quiet silences the report, not the records',
      {
        given: ['validate', '--emit', 'valid', '-q', 'valid.jsonl'],
        want: { code: 0, stdout: `${lines.join('\n')}\n`, stderr: '' },
      },
    ],
  ];
  runCases(cases, async (args) => {
    const run = await cli(args);
    const out = args.indexOf('--out');
    return out === -1 ? run : { ...run, out: readFileSync(at(args[out + 1]!), 'utf8') };
  });
});

describe('--reasons: each quarantined record inside its problem, its text last and as read', () => {
  const problemOf = (run: Run) => run.stdout.split('\n').filter((line) => line !== '');
  const reason = (line: number, record: string) =>
    `{"kind":"invalid","file":"mixed.jsonl","line":${line},"index":null,"id":${JSON.stringify(invalid.id)},"type":${JSON.stringify(
      invalid.type,
    )},"errors":[{"path":"/effective_at","location":"effective_at","message":"must be integer, got string \\"soon\\"","keyword":"type","expected":"integer","found":"string \\"soon\\""}],"record":${record}}`;
  /** The unparseable line 2 of mixed.jsonl, its text as a JSON string. */
  const unparseable =
    '{"kind":"unparseable","file":"mixed.jsonl","line":2,"index":null,"errors":[{"path":"","location":"(root)","message":"not JSON: ...","keyword":"parse","expected":"JSON","found":"text \\"not json\\""}],"rawEncoding":"utf8","raw":"not json"}';
  const cases: Case<string[], { code: number; lines: string[]; stderr: string }>[] = [
    [
      'with the report on standard error',
      {
        given: ['validate', '--emit', 'invalid', '--reasons', '--format', 'jsonl', 'mixed.jsonl'],
        want: {
          code: 1,
          lines: [unparseable, reason(3, invalidLine)],
          stderr: expect.stringContaining('"kind":"summary"') as string,
        },
      },
    ],
    [
      'with --quiet: the reasons are worked out all the same',
      {
        given: ['validate', '--emit', 'invalid', '--reasons', '-q', 'mixed.jsonl'],
        want: { code: 1, lines: [unparseable, reason(3, invalidLine)], stderr: '' },
      },
    ],
    [
      'a quarantine stage that exits 0',
      {
        given: ['validate', '--emit', 'invalid', '--reasons', '-q', '--fail-on', 'none', 'mixed.jsonl'],
        want: { code: 0, lines: [unparseable, reason(3, invalidLine)], stderr: '' },
      },
    ],
    [
      'without --emit invalid: a usage error',
      {
        given: ['validate', '--emit', 'valid', '--reasons', 'mixed.jsonl'],
        want: {
          code: 2,
          lines: [],
          stderr:
            'openai-audit-logs: option --reasons needs --emit invalid: it says why each record written was set aside\n',
        },
      },
    ],
  ];
  runCases(cases, async (args) => {
    const run = await cli(args);
    return { code: run.code, lines: problemOf(run), stderr: run.stderr };
  });

  it('the record keeps its text exactly: key order, spacing inside, escapes and number spelling', async () => {
    const odd = '{"effective_at":"soon", "type":"api_key.created","id":"a\\u0041","n":1.50}';
    writeFileSync(at('odd.jsonl'), `${odd}\n`);
    const [line] = problemOf(await cli(['validate', '--emit', 'invalid', '--reasons', '-q', 'odd.jsonl']));
    expect(line!.endsWith(`,"record":${odd}}`)).toBe(true);
    expect((JSON.parse(line!) as { record: unknown }).record).toEqual(JSON.parse(odd));
  });
});

describe('--format json lists the first 100 problems; --format jsonl all of them', () => {
  runCases(
    [
      ['json: 100 listed, the rest counted', { given: 'json', want: { listed: 100, omitted: 50, invalid: 150 } }],
      ['jsonl: one line each, then the summary', { given: 'jsonl', want: { listed: 150, omitted: 0, invalid: 150 } }],
    ],
    async (format) => {
      const { stdout } = await cli(['validate', '--format', format, 'many.jsonl']);
      if (format === 'json') {
        const report = JSON.parse(stdout) as { problems: unknown[]; problemsOmitted: number; invalid: number };
        return { listed: report.problems.length, omitted: report.problemsOmitted, invalid: report.invalid };
      }
      const objects = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { kind: string; invalid?: number });
      const listed = objects.filter((object) => object.kind === 'invalid').length;
      const invalid = objects.at(-1)!.kind === 'summary' ? objects.at(-1)!.invalid! : -1;
      return { listed, omitted: invalid - listed, invalid };
    },
  );
});

describe('exit codes', () => {
  const cases: Case<string[], number>[] = [
    ['every record valid: 0', { given: ['valid.jsonl'], want: 0 }],
    ['an invalid record: 1', { given: ['mixed.jsonl'], want: 1 }],
    ['an unparseable value: 1', { given: ['unparseable.jsonl'], want: 1 }],
    ['an unknown type, rejected: 1', { given: ['unknown.jsonl'], want: 1 }],
    ['an unknown type, accepted: 0', { given: ['--unknown-types', 'accept', 'unknown.jsonl'], want: 0 }],
    ['a page with invalid own fields: 1', { given: ['page.jsonl'], want: 1 }],
    ['a warning only: 0', { given: ['milliseconds.jsonl'], want: 0 }],
    ['empty standard input: 0', { given: ['-'], want: 0 }],
  ];
  runCases(cases, async (args) => (await cli(['validate', '-q', ...args])).code);
});

describe("the README's sample output is what the command prints for its sample input", () => {
  const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
  /** The first ```lang block of the README after `marker`. */
  const sample = (marker: string, lang: string) => {
    const block = new RegExp(`\`\`\`${lang}\n([\\s\\S]*?)\`\`\``).exec(readme.slice(readme.indexOf(marker)))?.[1];
    if (block === undefined) throw new Error(`README.md has no ${lang} block after ${marker}`);
    return block.replace(NOT_JSON, '$1 ...');
  };
  runCases(
    [
      ['--format text', { given: ['validate', 'logs.jsonl'], want: sample('`--format text` (the default)', 'text') }],
      [
        '--format jsonl',
        { given: ['validate', '--format', 'jsonl', 'logs.jsonl'], want: sample('One line of each kind:', 'jsonl') },
      ],
    ],
    async (args) => (await cli(args)).stdout,
  );
});

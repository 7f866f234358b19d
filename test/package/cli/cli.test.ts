/**
 * `openai-audit-logs validate`, run as the bundled command: the input shapes it reads, what it
 * counts, what it prints, and its exit codes. Inputs are built from the catalog.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_AFTER_BYTES } from '../../../src/cli/progress.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';
import { counts, useCliWorkspace, validLines, type Counts } from './run-cli.ts';

const workspace = useCliWorkspace();
const n = catalog.length;
const logs = catalog.map((event) => validPayload(event));
const lines = validLines();
const page = { object: 'list', data: logs, first_id: logs[0]!.id, last_id: logs[n - 1]!.id, has_more: false };
// Types outside the catalog, made by renaming the known ones.
const renamed = logs.map((log) => ({ ...log, type: `${log.type as string}.renamed` }));
const invalid: Record<string, unknown> = { ...logs[0]!, effective_at: '1722461446' };

const FILES: Record<string, string> = {
  'valid.jsonl': lines.join('\n') + '\n',
  'crlf.jsonl': lines.join('\r\n') + '\r\n',
  'no-final-newline.jsonl': lines.join('\n'),
  'bom.jsonl': '\uFEFF' + lines.join('\n'),
  'mixed.jsonl': [lines[0], 'not json', '', JSON.stringify(invalid), '   ', lines[1], '{"id": "cut short'].join('\n'),
  'empty.jsonl': '',
  'blank.jsonl': '\n \n\t\n',
  'page.json': JSON.stringify(page, null, 2),
  'pages.jsonl': `${JSON.stringify(page)}\n${JSON.stringify({ ...page, data: [invalid] })}\n`,
  'array.json': JSON.stringify(logs, null, 2),
  'array-line.jsonl': JSON.stringify(logs),
  'one.json': JSON.stringify(logs[0], null, 2),
  'empty-array.json': '[]\n',
  'empty-page.json': JSON.stringify(
    { object: 'list', data: [], first_id: null, last_id: null, has_more: false },
    null,
    2,
  ),
  'unknown.jsonl': renamed.map((log) => JSON.stringify(log)).join('\n'),
  'scalars.jsonl': '42\nnull\n"api_key.created"\n[[]]\n',
};

beforeAll(() => {
  for (const [name, content] of Object.entries(FILES)) workspace.write(name, content);
});

const all = (code: number, records: number, valid: number, invalid = 0, unparseable = 0): Counts => ({
  code,
  records,
  valid,
  invalid,
  unparseable,
});

describe('counts every record of every input shape', () => {
  const cases: Case<{ args: string[]; stdin?: string }, Counts>[] = [
    ['JSON Lines, one log per line', { given: { args: ['valid.jsonl'] }, want: all(0, n, n) }],
    ['JSON Lines with CRLF line ends', { given: { args: ['crlf.jsonl'] }, want: all(0, n, n) }],
    ['JSON Lines without a final newline', { given: { args: ['no-final-newline.jsonl'] }, want: all(0, n, n) }],
    ['JSON Lines after a byte-order mark', { given: { args: ['bom.jsonl'] }, want: all(0, n, n) }],
    ['malformed, blank, invalid and truncated lines', { given: { args: ['mixed.jsonl'] }, want: all(1, 5, 2, 1, 2) }],
    ['an empty file is zero records', { given: { args: ['empty.jsonl'] }, want: all(0, 0, 0) }],
    ['blank lines are not records', { given: { args: ['blank.jsonl'] }, want: all(0, 0, 0) }],
    ['a pretty-printed list page', { given: { args: ['page.json'] }, want: all(0, n, n) }],
    ['list pages, one per line', { given: { args: ['pages.jsonl'] }, want: all(1, n + 1, n, 1) }],
    ['a pretty-printed array of logs', { given: { args: ['array.json'] }, want: all(0, n, n) }],
    ['an array of logs on one line', { given: { args: ['array-line.jsonl'] }, want: all(0, n, n) }],
    ['one pretty-printed log', { given: { args: ['one.json'] }, want: all(0, 1, 1) }],
    ['an empty array', { given: { args: ['empty-array.json'] }, want: all(0, 0, 0) }],
    ['an empty page', { given: { args: ['empty-page.json'] }, want: all(0, 0, 0) }],
    [
      'JSON values that are not logs are invalid records',
      { given: { args: ['scalars.jsonl'] }, want: all(1, 4, 0, 4) },
    ],
    ['unknown types rejected by default', { given: { args: ['unknown.jsonl'] }, want: all(1, n, 0, n) }],
    [
      'unknown types rejected on request',
      { given: { args: ['--unknown-types', 'reject', 'unknown.jsonl'] }, want: all(1, n, 0, n) },
    ],
    ['unknown types accepted', { given: { args: ['--unknown-types=accept', 'unknown.jsonl'] }, want: all(0, n, n) }],
    ['standard input as -', { given: { args: ['-'], stdin: FILES['valid.jsonl'] }, want: all(0, n, n) }],
    ['standard input without FILE', { given: { args: [], stdin: FILES['mixed.jsonl'] }, want: all(1, 5, 2, 1, 2) }],
    ['a pretty-printed page on standard input', { given: { args: [], stdin: FILES['page.json'] }, want: all(0, n, n) }],
    ['empty standard input', { given: { args: ['-'], stdin: '' }, want: all(0, 0, 0) }],
    [
      'several inputs add up',
      {
        given: { args: ['valid.jsonl', 'mixed.jsonl', '-', 'page.json'], stdin: FILES['unknown.jsonl'] },
        want: all(1, 3 * n + 5, 2 * n + 2, n + 1, 2),
      },
    ],
  ];
  runCases(cases, ({ args, stdin }) => counts(workspace, args, stdin));
});

describe('counts records per type and unknown types, in both modes', () => {
  const perType = (types: string[]) => Object.fromEntries(types.map((type) => [type, 1]));
  const renamedTypes = perType(renamed.map((log) => log.type));
  const cases: Case<string[], { byType: unknown; unknownEventTypes: unknown }>[] = [
    [
      'known types',
      { given: ['valid.jsonl'], want: { byType: perType(catalog.map((e) => e.type)), unknownEventTypes: {} } },
    ],
    [
      'unknown types, rejected',
      { given: ['unknown.jsonl'], want: { byType: renamedTypes, unknownEventTypes: renamedTypes } },
    ],
    [
      'unknown types, accepted',
      {
        given: ['--unknown-types', 'accept', 'unknown.jsonl'],
        want: { byType: renamedTypes, unknownEventTypes: renamedTypes },
      },
    ],
  ];
  runCases(cases, async (args) => {
    const report = JSON.parse((await workspace.run(['validate', '--format', 'json', ...args])).stdout) as Record<
      string,
      unknown
    >;
    return { byType: report.byType, unknownEventTypes: report.unknownEventTypes };
  });
});

describe('reports drift with --report-drift', () => {
  // The fields real payloads carry in actor.session (validPayload adds them to every log).
  const SESSION_EXTRAS = [
    'actor.session.user_agent',
    'actor.session.ja3',
    'actor.session.ja4',
    'actor.session.ip_address_details',
  ];
  const cases: Case<string[], Record<string, unknown> | undefined>[] = [
    [
      'undocumented fields counted per record',
      { given: ['--report-drift', 'valid.jsonl'], want: Object.fromEntries(SESSION_EXTRAS.map((path) => [path, n])) },
    ],
    [
      'collapsed array paths',
      { given: ['--report-drift', 'array.json'], want: Object.fromEntries(SESSION_EXTRAS.map((path) => [path, n])) },
    ],
    ['not reported unless asked', { given: ['valid.jsonl'], want: undefined }],
  ];
  runCases(cases, async (args) => {
    const report = JSON.parse((await workspace.run(['validate', '--format', 'json', ...args])).stdout) as {
      undocumentedFields?: Record<string, number>;
    };
    if (report.undocumentedFields === undefined) return undefined;
    return Object.fromEntries(SESSION_EXTRAS.map((path) => [path, report.undocumentedFields![path]]));
  });

  const arrays = catalog.filter(
    (event) => event.detailsDef !== undefined && JSON.stringify(validPayload(event)[event.type]).includes('[{'),
  );
  runCases(
    [['array items collapsed to [] in every path', { given: arrays.map((event) => event.type), want: true }]],
    async (types) => {
      const report = JSON.parse(
        (await workspace.run(['validate', '--format', 'json', '--report-drift', 'valid.jsonl'])).stdout,
      ) as { undocumentedFields: Record<string, number> };
      const paths = Object.keys(report.undocumentedFields);
      return (
        types.length > 0 &&
        types.every((type) => paths.some((path) => path.startsWith(`${type}.`) && path.includes('[].'))) &&
        !paths.some((path) => /\[\d/.test(path))
      );
    },
  );
});

describe('prints one line per problem and a summary', () => {
  // Parser messages differ between Node versions: keep what the CLI itself writes.
  const stable = (text: string) => text.replace(/(not JSON:).*/g, '$1');
  const cases: Case<string[], { code: number | null; stdout: string; stderr: string }>[] = [
    [
      'text report of a mixed file',
      {
        given: ['mixed.jsonl'],
        want: {
          code: 1,
          stdout: [
            'mixed.jsonl:2: unparseable: not JSON:',
            `mixed.jsonl:4: id ${JSON.stringify(invalid.id)}, type ${JSON.stringify(invalid.type)}: effective_at: must be integer, got string "1722461446"`,
            'mixed.jsonl:7: unparseable: not JSON:',
            '5 records: 2 valid, 1 invalid, 2 unparseable',
            '',
          ].join('\n'),
          stderr: '',
        },
      },
    ],
    [
      'records in a document are placed by index',
      {
        given: ['pages.jsonl'],
        want: {
          code: 1,
          stdout: [
            `pages.jsonl:2 data[0]: id ${JSON.stringify(invalid.id)}, type ${JSON.stringify(invalid.type)}: effective_at: must be integer, got string "1722461446"`,
            `${n + 1} records: ${n} valid, 1 invalid, 0 unparseable`,
            '',
          ].join('\n'),
          stderr: '',
        },
      },
    ],
    [
      'per-file lines and a total for several inputs',
      {
        given: ['valid.jsonl', 'empty.jsonl'],
        want: {
          code: 0,
          stdout: `valid.jsonl: ${n} records: ${n} valid, 0 invalid, 0 unparseable\nempty.jsonl: 0 records: 0 valid, 0 invalid, 0 unparseable\ntotal: ${n} records: ${n} valid, 0 invalid, 0 unparseable\n`,
          stderr: '',
        },
      },
    ],
    [
      '--quiet prints nothing, the exit code tells',
      { given: ['--quiet', 'mixed.jsonl'], want: { code: 1, stdout: '', stderr: '' } },
    ],
    ['--quiet on valid input', { given: ['-q', 'valid.jsonl'], want: { code: 0, stdout: '', stderr: '' } }],
    [
      '--quiet with --format json',
      { given: ['--quiet', '--format', 'json', 'valid.jsonl'], want: { code: 0, stdout: '', stderr: '' } },
    ],
  ];
  runCases(cases, async (args) => {
    const run = await workspace.run(['validate', ...args]);
    return { code: run.code, stdout: stable(run.stdout), stderr: run.stderr };
  });
});

describe('exit code 2 and one line for usage errors', () => {
  const version = (
    JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  const usage = (message: string) => ({ code: 2, stdout: '', stderr: `openai-audit-logs: ${message}\n` });
  const cases: Case<string[], { code: number | null; stdout: string; stderr: string }>[] = [
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
    ['a directory', { given: ['validate', '.'], want: usage('. is a directory, not a file of audit logs') }],
    [
      'bad --format',
      { given: ['validate', '--format', 'xml'], want: usage('option --format must be text or json, got "xml"') },
    ],
    [
      '--format without value',
      { given: ['validate', '--format'], want: usage('option --format needs a value: text or json') },
    ],
    [
      'bad --unknown-types',
      {
        given: ['validate', '--unknown-types=maybe'],
        want: usage('option --unknown-types must be accept or reject, got "maybe"'),
      },
    ],
    ['a flag given a value', { given: ['validate', '--quiet=yes'], want: usage('option --quiet takes no value') }],
    ['no command', { given: [], want: usage('missing command: try "openai-audit-logs validate FILE"') }],
    ['unknown command', { given: ['check'], want: usage('unknown command "check"; the only command is "validate"') }],
    ['--version', { given: ['--version'], want: { code: 0, stdout: `${version}\n`, stderr: '' } }],
    ['-- ends the options', { given: ['validate', '--', '--quiet'], want: usage('no such file: --quiet') }],
  ];
  runCases(cases, async (args) => {
    const run = await workspace.run(args);
    return { code: run.code, stdout: run.stdout, stderr: run.stderr };
  });

  runCases(
    [
      ['--help', { given: ['--help'], want: { code: 0, usage: true } }],
      ['validate --help', { given: ['validate', '--help'], want: { code: 0, usage: true } }],
    ],
    async (args) => {
      const run = await workspace.run(args);
      return {
        code: run.code,
        usage:
          run.stdout.startsWith('Usage: openai-audit-logs validate') &&
          ['--unknown-types', '--report-drift', '--format', '--quiet', '--version'].every((o) =>
            run.stdout.includes(o),
          ),
      };
    },
  );
});

describe('the command line piped', () => {
  it('writes no progress to a piped standard error, even for a large input', async () => {
    const lines = validLines();
    const big = Array.from({ length: Math.ceil((2 * PROGRESS_AFTER_BYTES) / lines.join('\n').length) }, () =>
      lines.join('\n'),
    ).join('\n');
    workspace.write('big.jsonl', big);
    const run = await workspace.run(['validate', '--quiet', 'big.jsonl']);
    expect({ code: run.code, size: big.length > 2 * PROGRESS_AFTER_BYTES, stderr: run.stderr }).toEqual({
      code: 0,
      size: true,
      stderr: '',
    });
  });
});

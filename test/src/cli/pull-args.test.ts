/** `pull`'s arguments: times, durations, repeatable filters, scopes, and the usage errors. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/args.ts';
import { parseDuration, parsePullArgs, parseWhen, PULL_USAGE, type PullOptions } from '../../../src/cli/pull-args.ts';
import { pullProgressLine } from '../../../src/cli/pull-progress.ts';
import { runCases } from '../../support/cases.ts';

const parsed = (argv: string[]) => parsePullArgs(argv) as PullOptions;
const usageError = (argv: string[]) => {
  try {
    parsePullArgs(argv);
    return 'no error';
  } catch (error) {
    return error instanceof UsageError ? error.message : `not a usage error: ${String(error)}`;
  }
};

describe('times', () => {
  runCases(
    [
      ['a duration in hours', { given: '24h', want: { ago: 86_400 } }],
      ['in days', { given: '7d', want: { ago: 604_800 } }],
      ['Unix seconds', { given: '1764583200', want: { at: 1_764_583_200 } }],
      ['an ISO 8601 date (UTC midnight)', { given: '2025-12-01', want: { at: 1_764_547_200 } }],
      ['an ISO 8601 time with its zone', { given: '2025-12-01T10:00:00Z', want: { at: 1_764_583_200 } }],
      ['with an offset', { given: '2025-12-01T12:00:00+02:00', want: { at: 1_764_583_200 } }],
    ],
    (text) => parseWhen('--since', text),
  );
  runCases(
    [
      ['milliseconds', { given: '500ms', want: 500 }],
      ['minutes', { given: '5m', want: 300_000 }],
      ['no unit', { given: '5', want: undefined }],
      ['a unit alone', { given: 'm', want: undefined }],
    ],
    (text) => parseDuration(text),
  );
});

describe('options', () => {
  it('has defaults that match --help: both streams, 15 minutes back, pages of 100, newer types accepted', () => {
    const options = parsed([]);
    expect([
      options.scope,
      options.lookBackSeconds,
      options.limit,
      options.intervalMs,
      options.unknownEventTypes,
    ]).toEqual(['all', 900, 100, 300_000, 'accept']);
    expect(PULL_USAGE).toMatch(/default: 15m/);
    expect(PULL_USAGE).toMatch(/default: 5m/);
  });
  it('collects each repeatable filter in order, with --opt=value too', () => {
    const options = parsed([
      '--event-type',
      'a',
      '--event-type=b',
      '--project-id',
      'p',
      '--actor-email',
      'x@y',
      '--actor-id',
      'i',
      '--resource-id',
      'r',
    ]);
    expect([
      options.eventTypes,
      options.projectIds,
      options.actorEmails,
      options.actorIds,
      options.resourceIds,
    ]).toEqual([['a', 'b'], ['p'], ['x@y'], ['i'], ['r']]);
  });
  it('--tenant-only is --scope tenant', () => expect(parsed(['--tenant-only']).scope).toBe('tenant'));
  it('--help', () => expect(parsePullArgs(['--help'])).toBe('help'));
  it('--to with --quarantine', () => expect(parsed(['--to', 'ecs', '--quarantine', 'q.jsonl']).to).toBe('ecs'));
});

describe('usage errors', () => {
  runCases(
    [
      [
        '--to without --quarantine',
        {
          given: ['--to', 'ecs'],
          want: 'option --to needs --quarantine FILE: invalid logs cannot be normalized, and go there',
        },
      ],
      ['--to with another value', { given: ['--to', 'cef'], want: 'option --to must be ocsf or ecs, got "cef"' }],
      [
        'a limit over 100',
        { given: ['--limit', '101'], want: 'option --limit must be a whole number from 1 to 100, got "101"' },
      ],
      [
        'a bad scope',
        { given: ['--scope', 'everything'], want: 'option --scope must be org or tenant or all, got "everything"' },
      ],
      [
        'a duration without unit',
        { given: ['--interval', '5'], want: 'option --interval must be a duration (500ms, 30s, 5m, 1h), got "5"' },
      ],
      ['a value for a flag', { given: ['--follow=yes'], want: 'option --follow takes no value' }],
      ['an argument', { given: ['logs.jsonl'], want: 'pull takes no arguments, got "logs.jsonl" (see pull --help)' }],
      [
        '--out and --state the same',
        { given: ['--out', 's', '--state', 's'], want: '--out and --state name the same file' },
      ],
      ['a missing value', { given: ['--out'], want: 'option --out needs a file name' }],
    ],
    usageError,
  );
});

describe('the progress line', () => {
  runCases(
    [
      [
        'pages, records, the time reached, the rate',
        {
          given: { reached: 1_764_583_200 },
          want: 'org: 12 pages, 1,200 records, reached 2025-12-01T10:00:00Z, 600 records/s',
        },
      ],
      ['before any log', { given: { reached: null }, want: 'org: 12 pages, 1,200 records, 600 records/s' }],
    ],
    ({ reached }) => pullProgressLine('org', 12, 1200, reached, 2),
  );
});

/**
 * The command line's verdicts: on a record (valid, with warnings, invalid, or of an unknown type
 * only), and on a list page's own fields. Hints name the command line's flag.
 */
import { describe } from 'vitest';
import { judgePage, judgeRecord, UNKNOWN_TYPE_HINT } from '../../../src/cli/judge.ts';
import { runCases, type Case } from '../../support/cases.ts';
import { catalog, validPayload } from '../../../harness/payloads.ts';

const logs = catalog.map((event) => validPayload(event));
const first = logs[0]!;
const renamed = (log: Record<string, unknown>) => ({ ...log, type: `${log.type as string}.renamed` });

/** The verdict in short: its kind and where each error or warning is. */
function verdict(value: unknown, accept = false) {
  const judged = judgeRecord(value, accept);
  return judged.kind === 'valid'
    ? { kind: judged.kind, warnings: judged.warnings.map((warning) => warning.path) }
    : { kind: judged.kind, errors: judged.errors.map((error) => error.path) };
}

describe('judges a record', () => {
  const cases: Case<{ value: unknown; accept?: boolean }, unknown>[] = [
    [
      'every catalog type, valid',
      {
        given: { value: logs },
        want: logs.map(() => ({ kind: 'valid', warnings: [] })),
      },
    ],
    [
      'an unknown type only: unknown-type',
      { given: { value: [renamed(first)] }, want: [{ kind: 'unknown-type', errors: ['/type'] }] },
    ],
    [
      'every catalog type renamed: unknown-type',
      { given: { value: logs.map(renamed) }, want: logs.map(() => ({ kind: 'unknown-type', errors: ['/type'] })) },
    ],
    [
      'an unknown type and another error: invalid',
      {
        given: { value: [{ ...renamed(first), effective_at: 'soon' }] },
        want: [{ kind: 'invalid', errors: ['/effective_at', '/type'] }],
      },
    ],
    [
      'an unknown type accepted: valid',
      { given: { value: logs.map(renamed), accept: true }, want: logs.map(() => ({ kind: 'valid', warnings: [] })) },
    ],
    [
      'an effective_at in milliseconds: valid, with a warning',
      {
        given: { value: [{ ...first, effective_at: 1722461446000 }] },
        want: [{ kind: 'valid', warnings: ['/effective_at'] }],
      },
    ],
    [
      'values that are not logs',
      {
        given: { value: [42, null, [], 'api_key.created'] },
        want: [42, null, [], ''].map(() => ({ kind: 'invalid', errors: [''] })),
      },
    ],
  ];
  runCases(cases, ({ value, accept }) => (value as unknown[]).map((item) => verdict(item, accept)));
});

describe('hints name the command-line flag', () => {
  runCases(
    [
      [
        'an unknown type far from any known one',
        {
          given: { ...first, type: 'zzz.something_entirely_new' },
          want: {
            message: `must be one of the ${catalog.length} known event types, got string "zzz.something_entirely_new"; ${UNKNOWN_TYPE_HINT}`,
            namesFlag: true,
            namesOption: false,
          },
        },
      ],
    ],
    (value) => {
      const judged = judgeRecord(value, false);
      const message = judged.kind === 'valid' ? '' : judged.errors[0]!.message;
      return {
        message,
        namesFlag: message.includes('--unknown-types accept'),
        namesOption: message.includes('unknownEventTypes'),
      };
    },
  );
});

describe("judges a list page's own fields", () => {
  const page = { object: 'list', data: logs, first_id: first.id, last_id: first.id, has_more: false };
  const cases: Case<Record<string, unknown>, string[]>[] = [
    ['a valid page', { given: page, want: [] }],
    ['a valid empty page', { given: { ...page, data: [], first_id: null, last_id: null }, want: [] }],
    [
      'wrong own fields',
      {
        given: { ...page, has_more: 'yes', first_id: 5 },
        want: ['first_id: must be string or null, got number 5', 'has_more: must be boolean, got string "yes"'],
      },
    ],
    ['its logs are not its own fields', { given: { ...page, data: [renamed(first), 42] }, want: [] }],
    [
      'without "object": one error that says so',
      {
        given: { data: logs },
        want: [
          'object: is required but missing: an object with a "data" array and no "type" is read as a list page, and a list page has "object": "list"',
        ],
      },
    ],
    ['another "object"', { given: { ...page, object: 'page' }, want: ['object: must be "list", got string "page"'] }],
    [
      'a "data" that is not an array',
      { given: { object: 'list', data: {}, has_more: false }, want: ['data: must be array, got object'] },
    ],
  ];
  runCases(cases, (value) => judgePage(value).map((error) => `${error.location}: ${error.message}`));
});

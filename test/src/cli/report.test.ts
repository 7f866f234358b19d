/**
 * What the command line prints for each kind of problem, as text and as JSON (the shape `--format
 * json` and `jsonl` share), and the summary's counts line.
 */
import { describe } from 'vitest';
import { problemJson, problemLine, type Problem } from '../../../src/cli/report.ts';
import { Counter, emptyTotals, totalsLine, type Totals } from '../../../src/cli/summary.ts';
import { safeJson } from '../../../src/cli/text.ts';
import { runCases, type Case } from '../../support/cases.ts';

const error = {
  path: '/effective_at',
  location: 'effective_at',
  message: 'must be integer, got string "1"',
  keyword: 'type',
  expected: 'integer',
  found: 'string "1"',
};
const PROBLEMS: Record<string, Problem> = {
  invalid: {
    kind: 'invalid',
    file: 'logs.jsonl',
    line: 4,
    index: null,
    id: 'audit_log-1',
    type: 'api_key.created',
    errors: [error],
  },
  inPage: {
    kind: 'invalid',
    file: 'page.json',
    line: 12,
    index: 3,
    container: 'page',
    id: 'audit_log-1',
    type: 'api_key.created',
    errors: [error],
  },
  inArray: { kind: 'invalid', file: 'array.json', line: 2, index: 0, container: 'array', errors: [error] },
  unknownType: {
    kind: 'unknown-type',
    file: 'logs.jsonl',
    line: 1,
    index: null,
    id: 'audit_log-2',
    type: 'x.new',
    errors: [{ ...error, path: '/type', location: 'type', keyword: 'enum', message: 'must be one of ...' }],
  },
  unparseable: {
    kind: 'unparseable',
    file: '<stdin>',
    line: 7,
    index: null,
    errors: [
      {
        path: '',
        location: '(root)',
        message: 'not JSON: \u001b[2J',
        keyword: 'parse',
        expected: 'JSON',
        found: 'text "x"',
      },
    ],
  },
  page: {
    kind: 'invalid-page',
    file: 'pages.jsonl',
    line: 2,
    index: null,
    errors: [{ ...error, path: '/has_more', location: 'has_more', message: 'must be boolean, got string "yes"' }],
  },
  warning: {
    kind: 'warning',
    file: 'logs.jsonl',
    line: 9,
    index: null,
    id: 'audit_log-3',
    type: 'api_key.created',
    warnings: [{ path: '/effective_at', location: 'effective_at', message: 'looks like milliseconds' }],
  },
  manyErrors: { kind: 'invalid', file: 'f', line: 1, index: null, errors: Array.from({ length: 7 }, () => error) },
};

describe('one text line per problem', () => {
  const cases: Case<Problem, string>[] = [
    [
      'an invalid record',
      {
        given: PROBLEMS.invalid!,
        want: 'logs.jsonl:4: id "audit_log-1", type "api_key.created": effective_at: must be integer, got string "1"',
      },
    ],
    [
      'a record in a page',
      {
        given: PROBLEMS.inPage!,
        want: 'page.json:12 data[3]: id "audit_log-1", type "api_key.created": effective_at: must be integer, got string "1"',
      },
    ],
    [
      'a record in an array, without id or type',
      {
        given: PROBLEMS.inArray!,
        want: 'array.json:2 [0]: no id, no type: effective_at: must be integer, got string "1"',
      },
    ],
    [
      'an unparseable value, control characters escaped',
      { given: PROBLEMS.unparseable!, want: '<stdin>:7: unparseable: not JSON: \\u001b[2J' },
    ],
    [
      'a list page',
      { given: PROBLEMS.page!, want: 'pages.jsonl:2: list page: has_more: must be boolean, got string "yes"' },
    ],
    [
      'a warning',
      {
        given: PROBLEMS.warning!,
        want: 'logs.jsonl:9: id "audit_log-3", type "api_key.created": warning: effective_at: looks like milliseconds',
      },
    ],
    [
      'at most five errors',
      {
        given: PROBLEMS.manyErrors!,
        want: `f:1: no id, no type: ${Array.from({ length: 5 }, () => 'effective_at: must be integer, got string "1"').join('; ')}; and 2 more`,
      },
    ],
  ];
  runCases(cases, problemLine);
});

describe('one JSON object per problem: kind, file, line, index, id and type when known, errors or warnings', () => {
  const cases: Case<Problem, unknown>[] = [
    [
      'an invalid record',
      {
        given: PROBLEMS.invalid!,
        want: {
          kind: 'invalid',
          file: 'logs.jsonl',
          line: 4,
          index: null,
          id: 'audit_log-1',
          type: 'api_key.created',
          errors: [error],
        },
      },
    ],
    [
      'a record in a page: its index, and no container',
      {
        given: PROBLEMS.inPage!,
        want: {
          kind: 'invalid',
          file: 'page.json',
          line: 12,
          index: 3,
          id: 'audit_log-1',
          type: 'api_key.created',
          errors: [error],
        },
      },
    ],
    [
      'an unparseable value: one error',
      {
        given: PROBLEMS.unparseable!,
        want: { kind: 'unparseable', file: '<stdin>', line: 7, index: null, errors: PROBLEMS.unparseable!.errors },
      },
    ],
    [
      'a warning: warnings instead of errors',
      {
        given: PROBLEMS.warning!,
        want: {
          kind: 'warning',
          file: 'logs.jsonl',
          line: 9,
          index: null,
          id: 'audit_log-3',
          type: 'api_key.created',
          warnings: PROBLEMS.warning!.warnings,
        },
      },
    ],
  ];
  runCases(cases, (problem) => JSON.parse(JSON.stringify(problemJson(problem))) as unknown);
});

describe('the counts line', () => {
  const totals = (counts: Partial<Totals>): Totals => ({ ...emptyTotals(), ...counts });
  const cases: Case<Totals, string>[] = [
    ['nothing read', { given: totals({}), want: '0 records: 0 valid, 0 invalid, 0 unparseable' }],
    ['one record', { given: totals({ records: 1, valid: 1 }), want: '1 record: 1 valid, 0 invalid, 0 unparseable' }],
    [
      'warnings and pages when there are any',
      {
        given: totals({
          records: 1200,
          valid: 1000,
          warnings: 3,
          invalid: 150,
          unparseable: 50,
          pages: 12,
          invalidPages: 1,
        }),
        want: '1,200 records: 1,000 valid (3 with warnings), 150 invalid, 50 unparseable; 12 list pages, 1 invalid',
      },
    ],
  ];
  runCases(cases, totalsLine);
});

describe('JSON output escapes every control character, as the same JSON value', () => {
  const cases: Case<string, { text: string; same: boolean }>[] = [
    ['C0 controls (JSON.stringify does)', { given: 'a\u001b[2Jb', want: { text: '"a\\u001b[2Jb"', same: true } }],
    ['DEL and C1 controls', { given: 'a\u007f\u009bb', want: { text: '"a\\u007f\\u009bb"', same: true } }],
    ['line and paragraph separators', { given: 'a\u2028\u2029b', want: { text: '"a\\u2028\\u2029b"', same: true } }],
  ];
  runCases(cases, (value) => {
    const text = safeJson(value);
    return { text, same: JSON.parse(text) === value };
  });
});

describe('Counter keeps at most its limit of keys, counting the rest as (other)', () => {
  const cases: Case<string[], Record<string, number>>[] = [
    ['under the limit', { given: ['a', 'b', 'a'], want: { a: 2, b: 1 } }],
    ['at the limit, repeats of kept keys', { given: ['a', 'b', 'c', 'c'], want: { a: 1, b: 1, c: 2 } }],
    [
      'past the limit: every new key is (other), the one key over it',
      { given: ['a', 'b', 'c', 'd', 'e', 'a', 'f'], want: { '(other)': 3, a: 2, b: 1, c: 1 } },
    ],
  ];
  runCases(cases, (keys) => {
    const counter = new Counter(3);
    for (const key of keys) counter.add(key);
    return counter.toJSON();
  });
});

/**
 * Pages of `GET /v1/organization/audit_logs`: the page's own fields and every log, logs of types
 * newer than the catalog accepted on request, readable errors placed in the page and naming
 * their log, warnings. The three entry points agree on every row.
 */
import { describe, expect, it } from 'vitest';
import { catalog, validPayload } from '../../harness/payloads.ts';
import {
  formatValidationErrors,
  isListAuditLogsResponse,
  parseAuditLog,
  parseListAuditLogsResponse,
  validateListAuditLogsResponse,
  type ParseOptions,
} from '../../src/index.ts';
import { runCases, type Case } from '../support/cases.ts';

const logs = catalog.map((event) => validPayload(event));
const pageOf = (data: unknown[], fields: Record<string, unknown> = {}) => ({
  object: 'list',
  data,
  first_id: null,
  last_id: null,
  has_more: false,
  ...fields,
});
const renamed = { ...logs[0]!, id: 'audit_log-new', type: 'brand_new.event' };
const broken = { ...logs[1]!, id: 'audit_log-broken', effective_at: '1722461446' };

interface Verdict {
  valid: boolean;
  known?: boolean;
  /** Readable errors: `location: message (id)`. */
  errors?: string[];
}

/** What parseListAuditLogsResponse says, checked against validateListAuditLogsResponse and isListAuditLogsResponse. */
function verdict({ page, options }: { page: unknown; options?: ParseOptions }): Verdict {
  const parsed = parseListAuditLogsResponse(page, options);
  const valid = options ? validateListAuditLogsResponse(page, options) : validateListAuditLogsResponse(page);
  const guarded = options ? isListAuditLogsResponse(page, options) : isListAuditLogsResponse(page);
  if (valid !== parsed.success || guarded !== valid) throw new Error('the page entry points disagree');
  if (parsed.success) return { valid: true, known: parsed.known };
  // Both kinds of errors point at the same places.
  const ajvPaths = new Set(validateListAuditLogsResponse.errors!.map((error) => error.instancePath));
  for (const error of parsed.errors) {
    const place = error.keyword === 'required' ? error.path.slice(0, error.path.lastIndexOf('/')) : error.path;
    if (!ajvPaths.has(place)) throw new Error(`${error.path} is not among the AJV-style errors`);
  }
  return {
    valid: false,
    errors: parsed.errors.map((error) => `${error.location}: ${error.message}${error.id ? ` (${error.id})` : ''}`),
  };
}

describe('pages', () => {
  const cases: Case<{ page: unknown; options?: ParseOptions }, Verdict>[] = [
    ['a page of every event type', { given: { page: pageOf(logs) }, want: { valid: true, known: true } }],
    ['an empty page', { given: { page: pageOf([]) }, want: { valid: true, known: true } }],
    [
      'a log of a newer type, by default',
      {
        given: { page: pageOf([logs[0], renamed]) },
        want: {
          valid: false,
          errors: [
            'data[1].type: must be one of the 149 known event types, got string "brand_new.event"; if it is newer than this package, parse with { unknownEventTypes: "accept" } (audit_log-new)'.replace(
              '149',
              String(catalog.length),
            ),
          ],
        },
      },
    ],
    [
      'a log of a newer type, accepted',
      {
        given: { page: pageOf([logs[0], renamed]), options: { unknownEventTypes: 'accept' } },
        want: { valid: true, known: false },
      },
    ],
    [
      'a newer type is still held to the rest of the contract',
      {
        given: { page: pageOf([{ ...renamed, effective_at: 1.5 }]), options: { unknownEventTypes: 'accept' } },
        want: { valid: false, errors: ['data[0].effective_at: must be integer, got number 1.5 (audit_log-new)'] },
      },
    ],
    [
      'an invalid log, placed in the page and named',
      {
        given: { page: pageOf([logs[0], broken]) },
        want: {
          valid: false,
          errors: ['data[1].effective_at: must be integer, got string "1722461446" (audit_log-broken)'],
        },
      },
    ],
    [
      "the page's own fields",
      {
        given: { page: pageOf(logs.slice(0, 1), { has_more: 'yes', first_id: 5 }) },
        want: {
          valid: false,
          errors: ['first_id: must be string or null, got number 5', 'has_more: must be boolean, got string "yes"'],
        },
      },
    ],
    [
      'not a list',
      {
        given: { page: pageOf([], { object: 'page' }) },
        want: { valid: false, errors: ['object: must be "list", got string "page"'] },
      },
    ],
    [
      'data missing',
      {
        given: { page: { object: 'list', has_more: false } },
        want: { valid: false, errors: ['data: is required but missing'] },
      },
    ],
  ];
  runCases(cases, verdict);
});

describe('the readable errors of a page', () => {
  it('render each log by name when several are wrong', () => {
    const parsed = parseListAuditLogsResponse(
      pageOf([broken, { ...broken, id: 'audit_log-other' }], { has_more: 'no' }),
    );
    expect(parsed.success).toBe(false);
    const text = formatValidationErrors(parsed.success ? [] : parsed.errors);
    expect(text.split('\n')).toEqual([
      '3 validation errors:',
      '  has_more: must be boolean, got string "no"',
      `  data[0].effective_at: must be integer, got string "1722461446" (audit log "audit_log-broken", type "${logs[1]!.type as string}")`,
      `  data[1].effective_at: must be integer, got string "1722461446" (audit log "audit_log-other", type "${logs[1]!.type as string}")`,
    ]);
  });

  it('render the AJV-style errors of validateListAuditLogsResponse too, with no "undefined"', () => {
    validateListAuditLogsResponse(pageOf([broken], { has_more: 'no' }));
    const text = formatValidationErrors(validateListAuditLogsResponse.errors);
    expect(text).not.toContain('undefined');
    expect(text.split('\n').slice(1)).toEqual([
      '  has_more: must be boolean',
      '  data[0].effective_at: must be integer',
    ]);
  });
});

describe('warnings', () => {
  runCases(
    [
      ['seconds', { given: logs[0]!.effective_at, want: [] }],
      [
        'milliseconds',
        {
          given: 1722461446000,
          want: [
            'data[0].effective_at: looks like milliseconds (1722461446000); effective_at counts seconds since the Unix epoch',
          ],
        },
      ],
    ],
    (effectiveAt) => {
      const parsed = parseListAuditLogsResponse(pageOf([{ ...logs[0]!, effective_at: effectiveAt }]));
      if (!parsed.success) throw new Error('a timestamp in milliseconds is still valid');
      return parsed.warnings.map((warning) => `${warning.location}: ${warning.message}`);
    },
  );
});

describe('warnings of one log', () => {
  runCases(
    [
      ['seconds', { given: 1722461446, want: [] }],
      ['the largest plausible seconds', { given: 1e11, want: [] }],
      [
        'milliseconds',
        {
          given: 1722461446000,
          want: [
            'effective_at: looks like milliseconds (1722461446000); effective_at counts seconds since the Unix epoch',
          ],
        },
      ],
    ],
    (effectiveAt) => {
      const parsed = parseAuditLog({ ...logs[0]!, effective_at: effectiveAt });
      if (!parsed.success) throw new Error('a timestamp in milliseconds is still valid');
      return parsed.warnings.map((warning) => `${warning.location}: ${warning.message}`);
    },
  );
});

/**
 * Event types outside the catalog: rejected by default, accepted with
 * `{ unknownEventTypes: 'accept' }` when everything else is valid by the same contract. Unknown
 * types are made by renaming the catalog's own.
 */
import { describe } from 'vitest';
import { isAnyAuditLog, isAuditLog, isKnownAuditLog, parseAuditLog } from '../../src/index.ts';
import { runCases, type Case } from '../support/cases.ts';
import { catalog, validPayload, wrongTypeCases } from '../../harness/payloads.ts';

const renamed = (payload: Record<string, unknown>, type: string) => ({ ...payload, type: `${type}.renamed` });

/** What a parse says, reduced to what these tests compare. */
function outcome(value: unknown, mode: 'accept' | 'reject' | undefined) {
  const result = mode === undefined ? parseAuditLog(value) : parseAuditLog(value, { unknownEventTypes: mode });
  if (!result.success)
    return { success: false, errors: result.errors.map((error) => `${error.path} ${error.keyword}`) };
  return { success: true, known: result.known, same: result.data === value };
}

describe('a renamed catalog type', () => {
  const cases: Case<{ value: unknown; mode: 'accept' | 'reject' | undefined }, ReturnType<typeof outcome>>[] =
    catalog.flatMap((event) => {
      const value = renamed(validPayload(event), event.type);
      return [
        [
          `${event.type}: rejected by default`,
          { given: { value, mode: undefined }, want: { success: false, errors: ['/type enum'] } },
        ],
        [
          `${event.type}: rejected with 'reject'`,
          { given: { value, mode: 'reject' }, want: { success: false, errors: ['/type enum'] } },
        ],
        [
          `${event.type}: accepted with 'accept', known: false`,
          { given: { value, mode: 'accept' }, want: { success: true, known: false, same: true } },
        ],
        [
          `${event.type}: known type with 'accept' is known: true`,
          { given: { value: validPayload(event), mode: 'accept' }, want: { success: true, known: true, same: true } },
        ],
      ] as const;
    });
  runCases(cases, ({ value, mode }) => outcome(value, mode));
});

describe('an unknown type is held to the rest of the contract', () => {
  const event = catalog[0]!;
  const base = renamed(validPayload(event), event.type);
  const cases: Case<unknown, ReturnType<typeof outcome>>[] = [
    [
      'effective_at not an integer',
      { given: { ...base, effective_at: '1722461446' }, want: { success: false, errors: ['/effective_at type'] } },
    ],
    ['id missing', { given: { ...base, id: undefined }, want: { success: false, errors: ['/id required'] } }],
    ['type not a string', { given: { ...base, type: 42 }, want: { success: false, errors: ['/type type'] } }],
    [
      'actor of another shape',
      { given: { ...base, actor: 'someone' }, want: { success: false, errors: ['/actor anyOf'] } },
    ],
    ['project not an object', { given: { ...base, project: [] }, want: { success: false, errors: ['/project type'] } }],
    ['not an object at all', { given: [base], want: { success: false, errors: [' type'] } }],
    ['the empty string as type', { given: { ...base, type: '' }, want: { success: true, known: false, same: true } }],
    [
      'no details at all',
      {
        given: { id: 'x', type: 'brand_new.event', effective_at: 1 },
        want: { success: true, known: false, same: true },
      },
    ],
    [
      'its own, undocumented details key',
      { given: { ...base, 'brand_new.event': { anything: [1] } }, want: { success: true, known: false, same: true } },
    ],
  ];
  runCases(cases, (value) => outcome(value, 'accept'));

  // Every catalog details key present is checked, whatever the type says.
  const detailed: Case<unknown, ReturnType<typeof outcome>>[] = catalog.flatMap((other) => {
    const [wrong] = wrongTypeCases(other);
    if (wrong === undefined) return [];
    return [
      [
        `carrying invalid ${other.type} details`,
        { given: renamed(wrong.payload, other.type), want: { success: false, errors: [`${wrong.pointer} type`] } },
      ],
    ];
  });
  runCases(detailed, (value) => outcome(value, 'accept'));
});

describe('guards', () => {
  const cases: Case<unknown, { isAuditLog: boolean; isAnyAuditLog: boolean; isKnownAuditLog: boolean | undefined }>[] =
    catalog.flatMap(
      (event) =>
        [
          [
            `${event.type}`,
            { given: validPayload(event), want: { isAuditLog: true, isAnyAuditLog: true, isKnownAuditLog: true } },
          ],
          [
            `${event.type} renamed`,
            {
              given: renamed(validPayload(event), event.type),
              want: { isAuditLog: false, isAnyAuditLog: true, isKnownAuditLog: false },
            },
          ],
          [
            `${event.type} renamed, invalid`,
            {
              given: { ...renamed(validPayload(event), event.type), effective_at: 1.5 },
              want: { isAuditLog: false, isAnyAuditLog: false, isKnownAuditLog: undefined },
            },
          ],
        ] as const,
    );
  runCases(cases, (value) => ({
    isAuditLog: isAuditLog(value),
    isAnyAuditLog: isAnyAuditLog(value),
    // isKnownAuditLog narrows an already-validated log, so it is only asked of those.
    isKnownAuditLog: isAnyAuditLog(value) ? isKnownAuditLog(value) : undefined,
  }));
});

/**
 * The drift report: paths a payload carries that the schema does not document,
 * arrays collapsed. Expected paths are found by walking the test payloads themselves, which mark
 * their undocumented fields (see harness/payloads.ts), not by reading the schema again.
 */
import { describe } from 'vitest';
import { findUndocumentedFields } from '../../src/index.ts';
import { runCases, type Case } from '../support/cases.ts';
import { readJson } from '../support/json.ts';

const GENUINE = new URL('../fixtures/payloads/genuine-session.json', import.meta.url);
import { catalog, validPayload } from '../../harness/payloads.ts';
import { defs } from '../../harness/schema.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
// What validPayload adds beyond the schema: `undocumented_extra` in every documented object.

/** Paths of every `undocumented_extra` in `value`, array items collapsed to `[]`. */
function markedPaths(value: Json, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => markedPaths(item, `${path}[]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path === '' ? key : `${path}.${key}`;
    return key === 'undocumented_extra' ? [at] : markedPaths(child, at);
  });
}

/** The payload without anything undocumented. */
function documentedOnly(value: Json): Json {
  if (Array.isArray(value)) return value.map(documentedOnly);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'undocumented_extra')
      .map(([key, child]) => [key, documentedOnly(child)]),
  );
}

const sorted = (paths: string[]) => [...new Set(paths)].sort();

describe('every event', () => {
  const cases: Case<unknown, string[]>[] = catalog.flatMap((event) => {
    const payload = validPayload(event);
    const clean = documentedOnly(payload);
    return [
      [`${event.type}: every undocumented path, once`, { given: payload, want: sorted(markedPaths(payload)) }],
      [`${event.type}: nothing when all is documented`, { given: clean, want: [] }],
      [
        `${event.type}: renamed, its details are one undocumented field`,
        { given: { ...(clean as object), type: 'x.renamed', 'x.renamed': { a: { b: 1 } } }, want: ['x.renamed'] },
      ],
    ] as const;
  });
  runCases(cases, findUndocumentedFields);
});

/** The most branches any `anyOf` of the schema has: every branch of each is sampled below. */
function widestAnyOf(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  const own = Array.isArray((node as { anyOf?: unknown }).anyOf) ? (node as { anyOf: unknown[] }).anyOf.length : 0;
  return Math.max(own, ...Object.values(node).map(widestAnyOf));
}

describe('every anyOf branch is documented', () => {
  const branches = Array.from({ length: widestAnyOf(defs) - 1 }, (_, index) => index + 1);
  const cases: Case<unknown, string[]>[] = catalog.flatMap((event) =>
    branches.map((branch): Case<unknown, string[]> => {
      const payload = validPayload(event, branch);
      return [`${event.type}, branch ${branch}`, { given: payload, want: sorted(markedPaths(payload)) }];
    }),
  );
  runCases(cases, findUndocumentedFields);
});

describe('genuine payloads', () => {
  // A session log shaped like the ones captured from real organizations: the fields OpenAI's spec
  // leaves out but genuine payloads carry are documented (`object`, user agent, TLS fingerprints,
  // geolocation); only what really is undocumented is reported.
  runCases(
    [
      [
        'a session log with user agent, fingerprints and geolocation',
        { given: readJson<unknown>(GENUINE), want: ['request_id'] },
      ],
    ],
    findUndocumentedFields,
  );
});

describe('shapes', () => {
  const base = { id: 'x', type: 'certificates.activated', effective_at: 1 };
  const cases: Case<unknown, string[]>[] = [
    [
      'arrays collapsed',
      {
        given: {
          ...base,
          'certificates.activated': {
            certificates: [
              { id: 'a', fingerprint: 'f' },
              { id: 'b', fingerprint: 'g', expires: 1 },
            ],
          },
        },
        want: ['certificates.activated.certificates[].expires', 'certificates.activated.certificates[].fingerprint'],
      },
    ],
    ['only the outermost undocumented field', { given: { ...base, extra: { deep: { deeper: 1 } } }, want: ['extra'] }],
    [
      'a session field',
      {
        given: { ...base, actor: { type: 'session', session: { device_id: 'd-1' } } },
        want: ['actor.session.device_id'],
      },
    ],
    ['wrong JSON types are not drift', { given: { ...base, project: 'p', actor: [{ x: 1 }] }, want: [] }],
    ['not an object', { given: 'text', want: [] }],
    ['null', { given: null, want: [] }],
    ['an array at the root', { given: [{ extra: 1 }], want: [] }],
    [
      'a key that is __proto__',
      { given: JSON.parse('{"id": "x", "__proto__": {"a": 1}}') as unknown, want: ['__proto__'] },
    ],
    [
      'a Proxy whose traps throw',
      {
        given: new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error('no');
            },
          },
        ),
        want: [],
      },
    ],
    [
      'deeply nested undocumented data',
      {
        given: JSON.parse(`{"project": ${'{"x": '.repeat(10_000)}1${'}'.repeat(10_000)}}`) as unknown,
        want: ['project.x'],
      },
    ],
  ];
  runCases(cases, findUndocumentedFields);
});

/** The merge of the field trees of an `anyOf`'s branches: every branch's fields are documented. */
import { describe } from 'vitest';
import { mergeTrees, type FieldTree } from '../../../scripts/generate/generate-documented-fields.ts';
import { runCases, type Case } from '../../support/cases.ts';

describe('mergeTrees', () => {
  const cases: Case<[FieldTree, FieldTree], FieldTree>[] = [
    ['nothing declared on either side', { given: [0, 0], want: 0 }],
    ['a leaf gives way to fields', { given: [0, { a: 0 }], want: { a: 0 } }],
    ['fields win over a leaf on the right', { given: [{ a: 0 }, 0], want: { a: 0 } }],
    [
      'fields of both branches',
      {
        given: [
          { kind: 0, bucket: 0 },
          { kind: 0, container: 0 },
        ],
        want: { kind: 0, bucket: 0, container: 0 },
      },
    ],
    ['nested fields merge', { given: [{ p: { a: 0 } }, { p: { b: 0 } }], want: { p: { a: 0, b: 0 } } }],
    ['array items merge', { given: [[{ a: 0 }], [{ b: 0 }]], want: [{ a: 0, b: 0 }] }],
    ['an object and an array keep the first', { given: [{ a: 0 }, [{ b: 0 }]], want: { a: 0 } }],
    ['an array and an object keep the first', { given: [[{ b: 0 }], { a: 0 }], want: [{ b: 0 }] }],
  ];
  runCases(cases, ([left, right]) => mergeTrees(left, right));
});

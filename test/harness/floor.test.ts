/**
 * The benchmark's hand-written floor (bench/floor.ts) must hold the same contract as
 * validateAuditLog, or its timings mean nothing: same verdict on every payload of both corpora.
 * This checks agreement only; speed is for `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpora, type SchemaDocument } from '../../harness/corpus.ts';
import { floorValidate } from '../../harness/floor.ts';
import { validateAuditLog } from '../../src/index.ts';
import { schema } from '../../harness/schema.ts';

const corpora = generateCorpora(schema as unknown as SchemaDocument, CORPUS_SEED, CORPUS_SIZE);

describe('the benchmark corpora', () => {
  it('hold what they claim: every valid payload is accepted, every invalid one rejected', () => {
    expect(corpora.valid.filter((log) => !validateAuditLog(log))).toEqual([]);
    expect(corpora.invalid.filter((log) => validateAuditLog(log))).toEqual([]);
  });
});

describe('the hand-written floor', () => {
  it.each(['valid', 'invalid'] as const)('agrees with validateAuditLog on every %s payload', (corpus) => {
    const disagreements = corpora[corpus].filter((log) => floorValidate(log) !== validateAuditLog(log));
    expect(disagreements).toEqual([]);
  });
});

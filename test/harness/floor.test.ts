/**
 * The benchmark's hand-written floor (harness/floor.ts) must hold the same contract as
 * validateAuditLog, or its timings mean nothing: a check for every details shape of the catalog,
 * and the same verdict on every payload of both corpora and on a valid log of every event type.
 * This checks agreement only; speed is for `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpora, type SchemaDocument } from '../../harness/corpus.ts';
import { canonicalFloor, floorByName, floorValidate } from '../../harness/floor.ts';
import { catalog, validPayload } from '../../harness/payloads.ts';
import { schema } from '../../harness/schema.ts';
import { validateAuditLog } from '../../src/index.ts';

const corpora = generateCorpora(schema as unknown as SchemaDocument, CORPUS_SEED, CORPUS_SIZE);

describe('the benchmark corpora', () => {
  it('hold what they claim: every valid payload is accepted, every invalid one rejected', () => {
    expect(corpora.valid.filter((log) => !validateAuditLog(log))).toEqual([]);
    expect(corpora.invalid.filter((log) => validateAuditLog(log))).toEqual([]);
  });
});

/** Whether a payload carries details the floor has no check for yet (those are named by the first test, and only there). */
const judgeable = (log: unknown) =>
  typeof log !== 'object' || log === null || !Object.keys(log).some((key) => canonicalFloor.unchecked.has(key));

describe('the hand-written floor', () => {
  // A new details shape needs a check in SHAPE_CHECKS, under the name of its first event.
  it('has a check for every details shape of the catalog', () => {
    expect(canonicalFloor.missingShapes).toEqual([]);
  });

  it.each(['valid', 'invalid'] as const)('agrees with validateAuditLog on every %s payload', (corpus) => {
    const disagreements = corpora[corpus]
      .filter(judgeable)
      .filter((log) => floorValidate(log) !== validateAuditLog(log));
    expect(disagreements).toEqual([]);
  });

  // The benchmark's control: the same checks, the envelope read by name.
  it.each(['valid', 'invalid'] as const)('reading the envelope by name, agrees on every %s payload', (corpus) => {
    const disagreements = corpora[corpus].filter(judgeable).filter((log) => floorByName(log) !== validateAuditLog(log));
    expect(disagreements).toEqual([]);
  });

  it('accepts a complete log of every event type', () => {
    const rejected = catalog.filter(
      (event) => !canonicalFloor.unchecked.has(event.type) && !floorValidate(validPayload(event)),
    );
    expect(rejected.map((event) => event.type)).toEqual([]);
  });
});

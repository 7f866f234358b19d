/**
 * The benchmark's hand-written floor (harness/floor.ts) must hold the same contract as
 * validateAuditLog, or its timings mean nothing: the same verdict on every payload of both
 * corpora it judges and on a valid log of every event type it covers. A details shape without
 * its check (a new one, after a catch-up) is reported by the floor, not a failure: the benchmark
 * prints the coverage and times the floor on what it covers. This checks agreement and the
 * coverage report only; speed is for `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS_SEED, CORPUS_SIZE, generateCorpora, type SchemaDocument } from '../../harness/corpus.ts';
import { canonicalFloor, describeCoverage, floorByName, floorOfSchema, floorValidate } from '../../harness/floor.ts';
import { catalog, validPayload } from '../../harness/payloads.ts';
import { schema } from '../../harness/schema.ts';
import { pascalCase } from '../../src/internal.ts';
import { validateAuditLog } from '../../src/index.ts';

const corpora = generateCorpora(schema as unknown as SchemaDocument, CORPUS_SEED, CORPUS_SIZE);

describe('the benchmark corpora', () => {
  it('hold what they claim: every valid payload is accepted, every invalid one rejected', () => {
    expect(corpora.valid.filter((log) => !validateAuditLog(log))).toEqual([]);
    expect(corpora.invalid.filter((log) => validateAuditLog(log))).toEqual([]);
  });
});

const judgeable = canonicalFloor.judges;

/** The canonical schema with one field more in the details of `type`: a shape the floor has no check for. */
function withNewShape(type: string): SchemaDocument {
  const copy = structuredClone(schema) as unknown as { $defs: Record<string, { properties: Record<string, unknown> }> };
  copy.$defs[`${pascalCase(type)}Details`]!.properties.added_by_the_floor_test = {
    description: 'A field no published event has.',
    type: 'string',
  };
  return copy as unknown as SchemaDocument;
}

describe('the coverage of the hand-written floor', () => {
  // Derived from the catalog: the first event with details whose shape the floor covers.
  const event = catalog.find((entry) => entry.detailsDef !== undefined && !canonicalFloor.unchecked.has(entry.type))!;
  const reshaped = floorOfSchema(withNewShape(event.type));

  it('names a details shape without a check, and counts it out of the shapes it covers', () => {
    expect(reshaped.missingShapes.filter((name) => !canonicalFloor.missingShapes.includes(name))).toEqual([
      expect.stringMatching(new RegExp(`^${event.type.replace(/\./g, '\\.')} \\(shape [0-9a-f]{12}\\)$`)),
    ]);
    expect(reshaped.missingShapes).toHaveLength(canonicalFloor.missingShapes.length + 1);
    expect(reshaped.coverage.covered + reshaped.missingShapes.length).toBe(reshaped.coverage.total);
    expect(describeCoverage(reshaped)).toMatch(
      new RegExp(
        `^floor covers ${reshaped.coverage.covered} of ${reshaped.coverage.total} shapes \\(missing: .*${event.type.replace(/\./g, '\\.')} \\(shape`,
      ),
    );
  });

  it('judges only the payloads without details of an uncovered shape', () => {
    const log = validPayload(event);
    expect([canonicalFloor.judges(log) || canonicalFloor.unchecked.has(event.type), reshaped.judges(log)]).toEqual([
      true,
      false,
    ]);
    expect(reshaped.judges({ id: 'audit_log-1', type: event.type, effective_at: 1 })).toBe(true);
  });

  it('reports the canonical catalog in the same words, with every shape counted', () => {
    expect(canonicalFloor.coverage.covered + canonicalFloor.missingShapes.length).toBe(canonicalFloor.coverage.total);
    expect(canonicalFloor.coverage.total).toBeGreaterThan(0);
    expect(describeCoverage(canonicalFloor)).toMatch(/^floor covers \d+ of \d+ shapes/);
  });
});

describe('the hand-written floor', () => {
  it.each(['valid', 'invalid'] as const)('agrees with validateAuditLog on every %s payload', (corpus) => {
    const judged = corpora[corpus].filter(judgeable);
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.filter((log) => floorValidate(log) !== validateAuditLog(log))).toEqual([]);
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

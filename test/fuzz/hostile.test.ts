/**
 * The hostile corpus (harness/hostile.ts) through every library entry point, seeded: a getter
 * that throws on a random read of a random field of a valid log of a random event, a revoked
 * Proxy at a random level, sparse arrays of random length and runs of wrong items in a random
 * array field of the schema, pages of such logs. Every judge answers what the value is (never a
 * throw), errors stay within the cap, the input is left as it was, and a counting Proxy finds no
 * property of a valid log read twice. Then the issue's own sizes, each once: 3,000,000 wrong items,
 * a 14 MB payload through assertAuditLog, a 100M-character id through formatValidationErrors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARRAY_FIELDS,
  catalog,
  controlString,
  countingProxy,
  getterPlacesOf,
  hostileValues,
  HOST_EVENT,
  ISSUE,
  levelsOf,
  logWith,
  manyOf,
  revokedProxy,
  sparseArray,
  throwingOnRead,
  wrongItemFor,
  type HostileValue,
} from '../../harness/hostile.ts';
import { validPayload } from '../../harness/payloads.ts';
import { api } from '../support/api.ts';
import { deepSnapshot } from '../support/deep.ts';
import { judgesOf, MAX_LISTED, outcomesOf, pageOf, wantedOf } from '../support/hostile.ts';
import { runParameters } from '../support/runs.ts';

const event = fc.constantFrom(...catalog);

/**
 * Below about this length V8 keeps an array's holes in a backing store the caller holds (a length
 * of 2**24 is 134 MB of holes), so reading it costs what it weighs; from here on it keeps only
 * the items present, and so must every judge.
 */
const SPARSE_FROM = 2 ** 26;

/** Hostile values of every class, drawn at random from the catalog and the schema's array fields. */
const hostileValue: fc.Arbitrary<HostileValue> = fc.oneof(
  event.chain((drawn) =>
    fc
      .tuple(fc.constantFrom(...getterPlacesOf(drawn)), fc.integer({ min: 1, max: 4 }))
      .map(([path, nth]): HostileValue => ({
        name: `${drawn.type}: a getter on ${path.join('.')} throwing on read ${nth}`,
        event: drawn,
        build: () => throwingOnRead(drawn, path, nth),
        valid: nth > 1,
      })),
  ),
  event.chain((drawn) =>
    fc.constantFrom(...levelsOf(drawn)).map(({ level, path }): HostileValue => ({
      name: `${drawn.type}: a revoked Proxy as the ${level}`,
      event: drawn,
      build: () => logWith(drawn, path, revokedProxy()),
      valid: false,
    })),
  ),
  fc
    .tuple(fc.constantFrom(...ARRAY_FIELDS), fc.integer({ min: SPARSE_FROM, max: 2 ** 32 - 1 }))
    .map(([location, length]): HostileValue => ({
      name: `a sparse array of length ${length} in ${location.path.join('.')}`,
      event: location.event,
      build: () => logWith(location.event, location.path, sparseArray(length)),
      valid: false,
    })),
  fc
    .tuple(fc.constantFrom(...ARRAY_FIELDS), fc.integer({ min: 1, max: 500 }))
    .map(([location, count]): HostileValue => ({
      name: `${count} wrong items in ${location.path.join('.')}`,
      event: location.event,
      build: () => logWith(location.event, location.path, manyOf(count, wrongItemFor(location))),
      valid: false,
    })),
);

/** A snapshot of a value, or a word for one that cannot be looked at (a revoked Proxy cannot change either). */
const snapshot = (value: unknown) => {
  try {
    return deepSnapshot(value);
  } catch {
    return 'cannot be looked at';
  }
};

describe('hostile values, seeded', () => {
  it('every judge gives the wanted verdict, never throws, and leaves the input as it was', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const judges = judgesOf(value.event);
        const outcomes = Object.fromEntries(
          judges.map(({ name, judge }) => {
            const input = value.build();
            const before = snapshot(input);
            const outcome = judge(input);
            return [name, snapshot(input) === before ? outcome : `changed its input (${outcome})`];
          }),
        );
        expect(outcomes).toEqual(wantedOf(judges, value));
      }),
      runParameters(),
    );
  });

  it('a page of hostile logs is invalid exactly when one of them is, with bounded errors', () => {
    fc.assert(
      fc.property(fc.array(hostileValue, { minLength: 1, maxLength: 6 }), (values) => {
        const valid = values.every((value) => value.valid);
        // A fresh page for each judge: a getter counts the reads of every judge.
        const page = () => ({ ...pageOf(null), data: values.map((value) => value.build()) });
        const parsed = api.parseListAuditLogsResponse(page());
        const validated = api.validateListAuditLogsResponse(page());
        expect([parsed.success, validated, api.isListAuditLogsResponse(page())]).toEqual([valid, valid, valid]);
        if (!parsed.success) expect(parsed.errors.length).toBeLessThanOrEqual(MAX_LISTED);
        expect((api.validateListAuditLogsResponse.errors ?? []).length).toBeLessThanOrEqual(MAX_LISTED);
        expect(typeof api.formatValidationErrors(parsed.success ? [] : parsed.errors)).toBe('string');
      }),
      runParameters(),
    );
  });

  it('no entry point reads a property of a valid log twice', () => {
    fc.assert(
      fc.property(event, (drawn) => {
        const reread = judgesOf(drawn).flatMap(({ name, judge }) => {
          const { proxy, reads } = countingProxy(validPayload(drawn));
          judge(proxy);
          return [...reads].filter(([, count]) => count > 1).map(([place]) => `${name} ${place}`);
        });
        expect(reread).toEqual([]);
      }),
      runParameters(),
    );
  });
});

describe("the issue's sizes", () => {
  const judges = judgesOf(HOST_EVENT);
  it.each(
    hostileValues(ISSUE, [HOST_EVENT]).filter((value) => /wrong items|U\+0080|control characters/.test(value.name)),
  )('$name: every judge, bounded', (value) => {
    const wrongItems = value.name.includes('wrong items');
    const itsJudges = wrongItems ? judgesOf(value.event) : judges;
    expect(outcomesOf(itsJudges, value.build)).toEqual(wantedOf(itsJudges, value));
  });

  it('a 14 MB payload through assertAuditLog throws AuditLogValidationError with at most 101 errors', () => {
    const [location] = ARRAY_FIELDS.filter(({ path, event: { type } }) => path[0] === type);
    const text = JSON.stringify(logWith(location!.event, location!.path, manyOf(7_000_000, wrongItemFor(location!))));
    expect(text.length).toBeGreaterThan(14_000_000);
    let thrown: unknown;
    try {
      api.assertAuditLog(JSON.parse(text));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(api.AuditLogValidationError);
    expect((thrown as InstanceType<typeof api.AuditLogValidationError>).errors).toHaveLength(MAX_LISTED);
  });

  it('a 100M-character id of control characters through formatValidationErrors', () => {
    const id = controlString(100_000_000);
    const parsed = api.parseAuditLog({ ...validPayload(HOST_EVENT), id, effective_at: 'soon' });
    expect(parsed.success).toBe(false);
    const errors = parsed.success ? [] : parsed.errors;
    for (const list of [errors, [{ location: id, message: id, id, eventType: id }], [...errors, { id }]]) {
      const text = api.formatValidationErrors(list as never);
      expect(text.length).toBeLessThan(10_000);
    }
  });
});

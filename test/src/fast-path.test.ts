/**
 * src/validate.ts reads a log in one pass over its keys and hands the envelope's compiled
 * validator a small object of the fields it picked out (see the comment there). These hold that
 * fast path to the plain reading: it must pass on every field the compiled envelope reads, still
 * see fields a key enumeration misses, and give exactly the errors, in the same order, of the
 * dispatch written the plain way (`reference` below) on the benchmark corpora. Speed is for
 * `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { DETAILS_VALIDATORS } from '../../generated/details-validators.ts';
import { AUDIT_LOG_EVENT_TYPES } from '../../generated/event-types.ts';
import { validateEnvelope } from '../../generated/validators/envelope.ts';
import { CORPUS_SIZE, generateCorpora, type SchemaDocument } from '../../harness/corpus.ts';
import { catalog, validPayload } from '../../harness/payloads.ts';
import { schema } from '../../harness/schema.ts';
import { ajvMessage } from '../../src/errors.ts';
import { escapePointerToken, pascalCase, type ValidatorErrorObject } from '../../src/internal.ts';
import { isAuditLog, validateAuditLog } from '../../src/index.ts';

/** The fields the compiled envelope validator reads, found by letting it read an empty record. */
function fieldsReadByTheEnvelope(): string[] {
  const read = new Set<string>();
  validateEnvelope(
    new Proxy(
      {},
      {
        get: (_target, key) => {
          if (typeof key === 'string') read.add(key);
          return undefined;
        },
      },
    ),
  );
  return [...read];
}

const host = catalog.find((event) => event.detailsDef !== undefined)!;

describe('the single pass over a log', () => {
  const fields = fieldsReadByTheEnvelope();

  it('finds the envelope fields by the probe', () => {
    expect(fields).toEqual(expect.arrayContaining(['id', 'type', 'effective_at']));
  });

  // A field the fast path forgot would reach the compiled envelope as undefined, and pass.
  it.each(fields)('checks %s, which the compiled envelope reads', (field) => {
    const log = { ...validPayload(host), [field]: Symbol('neither string, number, object nor null') };
    expect(validateAuditLog(log)).toBe(false);
    expect(validateAuditLog.errors!.some((error) => error.instancePath === `/${field}`)).toBe(true);
    expect(isAuditLog(log)).toBe(false);
  });

  it('still reads an envelope field that is not enumerable', () => {
    const log = validPayload(host) as Record<string, unknown>;
    Object.defineProperty(log, 'effective_at', { value: 'soon', enumerable: false });
    expect([validateAuditLog(log), validateAuditLog.errors?.map((error) => error.instancePath)]).toEqual([
      false,
      ['/effective_at'],
    ]);
    expect(isAuditLog(log)).toBe(false);
  });

  it('still reads an envelope field hidden behind a non-enumerable one of the same name', () => {
    const log = Object.create({ id: 'inherited, shadowed' }) as Record<string, unknown>;
    Object.assign(log, validPayload(host));
    delete log.id;
    Object.defineProperty(log, 'id', { value: 7, enumerable: false });
    expect(validateAuditLog(log)).toBe(false);
    expect(validateAuditLog.errors!.map((error) => error.instancePath)).toEqual(['/id']);
  });

  it('reads an inherited envelope field as the compiled validator does', () => {
    const { id, ...rest } = validPayload(host);
    const log = Object.assign(Object.create({ id }) as object, rest);
    expect([validateAuditLog(log), isAuditLog(log)]).toEqual([true, true]);
    const wrong = Object.assign(Object.create({ id: 7 }) as object, rest);
    expect([validateAuditLog(wrong), isAuditLog(wrong)]).toEqual([false, false]);
  });
});

/** The dispatch written the plain way: the envelope read by name, `type`, then each details key in key order. */
function reference(value: unknown): ValidatorErrorObject[] | null {
  const errors: ValidatorErrorObject[] = [];
  const add = (from: readonly ValidatorErrorObject[], pointer: string, definition: string) => {
    for (const error of from) {
      const rooted = {
        ...error,
        instancePath: pointer + error.instancePath,
        schemaPath: definition + error.schemaPath.slice(1),
      };
      errors.push({ ...rooted, message: ajvMessage(rooted) });
    }
  };
  if (!validateEnvelope(value)) {
    add(validateEnvelope.errors!, '', '#/$defs/AuditLogEnvelope');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return errors;
  }
  const log = value as Record<string, unknown>;
  if (typeof log.type === 'string' && !(AUDIT_LOG_EVENT_TYPES as readonly string[]).includes(log.type)) {
    add(
      [
        {
          instancePath: '/type',
          schemaPath: '#/enum',
          keyword: 'enum',
          params: { allowedValues: AUDIT_LOG_EVENT_TYPES },
        },
      ],
      '',
      '#/$defs/AuditLogEventType',
    );
  }
  for (const key in log) {
    const validate = DETAILS_VALIDATORS.get(key);
    if (validate !== undefined && log[key] !== undefined && !validate(log[key])) {
      add(validate.errors!, `/${escapePointerToken(key)}`, `#/$defs/${pascalCase(key)}Details`);
    }
  }
  return errors.length === 0 ? null : errors;
}

describe('errors of the fast path', () => {
  // Several seeds: other logs than the ones the benchmark times.
  const payloads = [0x5eed, 1, 2, 3].flatMap((seed) => {
    const corpora = generateCorpora(schema as unknown as SchemaDocument, seed, CORPUS_SIZE);
    return [...corpora.valid, ...corpora.invalid];
  });

  it('are those of the plain dispatch, in the same order, on the corpora of four seeds', () => {
    const differing = payloads.filter((payload) => {
      validateAuditLog(payload);
      return JSON.stringify(validateAuditLog.errors) !== JSON.stringify(reference(payload));
    });
    expect(differing).toEqual([]);
  });

  it('carry the message ajvMessage gives them (validate.ts words the common keywords itself)', () => {
    const wrong = payloads.flatMap((payload) => {
      validateAuditLog(payload);
      return (validateAuditLog.errors ?? []).filter((error) => error.message !== ajvMessage(error));
    });
    expect(wrong).toEqual([]);
  });
});

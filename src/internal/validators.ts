/** The compiled validators' types, and the check behind every per-event guard. */

/** One error as AJV reports it (`messages: false` at compile time; the runtime adds `message`). */
export interface ValidatorErrorObject {
  /** JSON Pointer to the offending value, `''` for the root. */
  instancePath: string;
  /** Where in the canonical schema the failing keyword sits. */
  schemaPath: string;
  /** The JSON Schema keyword that failed: `type`, `required`, `enum`, `const`, `anyOf`, ... */
  keyword: string;
  /** Keyword-specific facts, e.g. `{ type: 'string' }` or `{ missingProperty: 'id' }`. */
  params: Record<string, unknown>;
  /** Human-readable description of the failure. */
  message?: string;
}

/** The shape of an AJV standalone validator: a predicate that leaves its errors on itself. */
export interface CompiledValidator {
  /**
   * `maxErrors`: loops over array items stop once that many errors are gathered (1 for a verdict);
   * left out, every error is gathered.
   */
  (data: unknown, context?: { instancePath?: string; maxErrors?: number }): boolean;
  errors?: ValidatorErrorObject[] | null;
}

/**
 * The check behind every per-event guard: the envelope, the `type`, and that event's own details
 * object when present. The validators are passed in, so this module imports none of them.
 * Reading the value may run a getter or a Proxy trap; whatever they throw makes the verdict
 * `false` rather than escaping.
 */
export function isVariant(
  value: unknown,
  type: string,
  validateEnvelope: CompiledValidator,
  validateDetails?: CompiledValidator,
): boolean {
  try {
    const envelope = envelopeOf(value);
    if (envelope === undefined || envelope.type !== type) return false;
    if (!validateEnvelope(envelope, FIRST_ERROR)) return false;
    if (validateDetails === undefined) return true;
    const details = (value as Record<string, unknown>)[type];
    return details === undefined || validateDetails(details, FIRST_ERROR);
  } catch {
    return false;
  }
}

/** A compiled validator's context when its verdict alone matters: it stops at the first error. */
const FIRST_ERROR = { instancePath: '', maxErrors: 1 };

/**
 * The envelope's fields of an object, each read once, in a small object of its own (the compiled
 * envelope validator then reads that, not the log); `undefined` for anything but an object.
 */
export function envelopeOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const log = value as Record<string, unknown>;
  return {
    id: log.id,
    object: log.object,
    type: log.type,
    effective_at: log.effective_at,
    project: log.project,
    actor: log.actor,
  };
}

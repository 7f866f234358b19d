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
  (data: unknown, context?: { instancePath?: string }): boolean;
  errors?: ValidatorErrorObject[] | null;
}

/**
 * The three logs every runtime judges, derived from the catalog (a valid log of the first event
 * whose details have a field to get wrong, that log with the field's type wrong, and that log
 * under a type outside the catalog), and the verdicts as the fixture reports them.
 */
import { createRequire } from 'node:module';
import { catalog, unknownTypePayload, validPayload, wrongTypeCases } from '../../harness/payloads.ts';

const event = catalog.find((candidate) => wrongTypeCases(candidate).length > 0)!;
const wrongType = wrongTypeCases(event)[0]!;

/** By name: what each runtime validates (written as `cases.json` beside the consumers). */
export const CASES = {
  valid: validPayload(event),
  invalid: wrongType.payload,
  unknown: unknownTypePayload(event),
};
export type CaseName = keyof typeof CASES;

/** What the catalog says of the cases. */
export const FACTS = { type: event.type, wrongPointer: wrongType.pointer, unknownType: CASES.unknown.type as string };

type Outcome =
  | { success: true; known: boolean; type: string }
  | { success: false; errors: ({ [field: string]: unknown } & { path: string; location: string; message: string })[] };

/** One log's verdict, as `test/fixtures/runtimes/verdict.cjs` reports it. */
export interface Verdict {
  validated: boolean;
  guard: boolean;
  parsed: Outcome;
  accepted: Outcome;
  thrown: { isValidationError: boolean; name: string; message: string; errors: number } | null;
}
export type Verdicts = Record<CaseName, Verdict>;

interface Fixture {
  verdictsOf(api: unknown, cases: typeof CASES): Verdicts;
}
/** The fixture every runtime runs, loaded here too, for the reference verdicts. */
export const fixture = createRequire(import.meta.url)('../fixtures/runtimes/verdict.cjs') as Fixture;

/** The fields of a readable error that are always a non-empty string. */
const READABLE = ['path', 'location', 'keyword', 'message', 'expected', 'found', 'schemaPath'];

const outcomeShape = (outcome: Outcome) =>
  outcome.success
    ? outcome
    : {
        success: false,
        paths: outcome.errors.map((error) => error.path),
        readable: outcome.errors.every((error) =>
          READABLE.every((field) => field === 'path' || (typeof error[field] === 'string' && error[field] !== '')),
        ),
      };

/**
 * What a verdict says, without the wording: each check's answer, where the errors are, whether
 * they are readable, and whether the thrown error is the package's and lists each of them.
 */
export function shapeOf(verdict: Verdict) {
  const { thrown, parsed } = verdict;
  const errors = parsed.success ? [] : parsed.errors;
  return {
    validated: verdict.validated,
    guard: verdict.guard,
    parsed: outcomeShape(parsed),
    accepted: outcomeShape(verdict.accepted),
    thrown: thrown && {
      isValidationError: thrown.isValidationError,
      name: thrown.name,
      errors: thrown.errors,
      listsEachError: errors.every((error) => thrown.message.includes(`${error.location}: ${error.message}`)),
    },
  };
}

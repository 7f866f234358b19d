/**
 * What the command line reports: the problems (one per invalid or unparseable record, invalid
 * list page, or record with warnings), rendered as text lines, as the lines of `--format jsonl`,
 * or gathered into the report of `--format json`, and the summary that ends each.
 */
import type { ValidationError } from '../errors.js';
import type { ValidationWarning } from '../parse.js';
import type { Output } from './output.js';
import type { Container, Unparseable } from './records.js';
import type { Summary } from './summary.js';
import { clip, excerpt, safeJson, sanitize } from './text.js';

/**
 * `invalid`: a record that is not a valid audit log; `unknown-type`: one rejected only because its
 * type is outside the catalog; `unparseable`: a value that is not JSON; `invalid-page`: a list page
 * whose own fields are wrong (its logs are records of their own); `warning`: a valid record that
 * is probably wrong all the same.
 */
export type ProblemKind =
  'invalid' | 'unknown-type' | 'unparseable' | 'invalid-page' | 'warning' | 'unwritable' | 'input-failed';

/** One error, as `--format json` and `jsonl` print it. */
export interface ProblemError {
  path: string;
  location: string;
  message: string;
  keyword: string;
  expected: string;
  found: string;
  suggestions?: string[];
}

/** One warning, as `--format json` and `jsonl` print it. */
export interface ProblemWarning {
  path: string;
  location: string;
  message: string;
}

/** One problem found in an input, as every format reports it. */
export interface Problem {
  kind: ProblemKind;
  file: string;
  /** The line where the record (or page, or unparseable value) starts. */
  line: number;
  /** Its place in its array or page; `null` for a value of its own. */
  index: number | null;
  /** Whether `index` counts in an array or in a page's `data` (text shows `[3]` or `data[3]`); not printed as JSON. */
  container?: Container;
  id?: string;
  type?: string;
  errors?: ProblemError[];
  warnings?: ProblemWarning[];
}

/** The readable error as printed: what a program needs, without the schema path and what `Problem` already says. */
export function problemError(error: ValidationError): ProblemError {
  const out: ProblemError = {
    path: error.path,
    location: error.location,
    message: error.message,
    keyword: error.keyword,
    expected: error.expected,
    found: error.found,
  };
  if (error.suggestions !== undefined) out.suggestions = error.suggestions;
  return out;
}

/** The one error of an unparseable value. */
export const unparseableError = (problem: Unparseable): ProblemError => ({
  path: '',
  location: '(root)',
  message: problem.message,
  keyword: problem.keyword,
  expected: problem.expected,
  found: problem.found,
});

/** The warning as printed. */
export const problemWarning = (warning: ValidationWarning): ProblemWarning => ({
  path: warning.path,
  location: warning.location,
  message: warning.message,
});

/** The problem as one JSON object, its fields in a fixed order. */
export function problemJson(problem: Problem): Record<string, unknown> {
  const json: Record<string, unknown> = {
    kind: problem.kind,
    file: problem.file,
    line: problem.line,
    index: problem.index,
  };
  if (problem.id !== undefined) json.id = excerpt(problem.id);
  if (problem.type !== undefined) json.type = excerpt(problem.type);
  if (problem.warnings !== undefined) json.warnings = problem.warnings;
  else json.errors = problem.errors ?? [];
  return json;
}

const MAX_ERRORS_SHOWN = 5;

/** `logs.jsonl:12 data[3]: id "audit_log-1", type "api_key.created": effective_at: must be integer, got string "1"` */
export function problemLine(problem: Problem): string {
  const index =
    problem.index === null ? '' : problem.container === 'page' ? ` data[${problem.index}]` : ` [${problem.index}]`;
  const where = `${problem.file}:${problem.line}${index}`;
  if (problem.kind === 'unparseable') return sanitize(`${where}: unparseable: ${problem.errors?.[0]?.message ?? ''}`);
  if (problem.kind === 'input-failed')
    return sanitize(`${where}: cannot read the input further: ${problem.errors?.[0]?.message ?? ''}`);
  let who =
    problem.kind === 'invalid-page'
      ? 'list page'
      : `${problem.id === undefined ? 'no id' : `id ${JSON.stringify(clip(problem.id))}`}, ${
          problem.type === undefined ? 'no type' : `type ${JSON.stringify(clip(problem.type))}`
        }`;
  if (problem.kind === 'unwritable') who += ': cannot be written';
  if (problem.warnings !== undefined) {
    const details = problem.warnings.map((warning) => `${warning.location}: ${warning.message}`);
    return sanitize(`${where}: ${who}: warning: ${details.join('; ')}`);
  }
  const errors = problem.errors ?? [];
  const details = errors.slice(0, MAX_ERRORS_SHOWN).map((error) => `${error.location}: ${error.message}`);
  if (errors.length > MAX_ERRORS_SHOWN) details.push(`and ${errors.length - MAX_ERRORS_SHOWN} more`);
  return sanitize(`${where}: ${who}: ${details.join('; ')}`);
}

/** Where the problems and the summary go, in the chosen format. */
export interface Reporter {
  problem(problem: Problem): void;
  finish(summary: Summary): void;
}

/** `--quiet`: nothing. */
export const QUIET: Reporter = { problem: () => {}, finish: () => {} };

/** `--format text`: one line per problem as it is found, then the summary. */
export class TextReporter implements Reporter {
  constructor(private readonly out: Output) {}
  problem(problem: Problem): void {
    this.out.line(problemLine(problem));
  }
  finish(summary: Summary): void {
    for (const line of summary.textLines()) this.out.line(line);
  }
}

/** `--format jsonl`: one JSON object per problem as it is found, then one summary object. */
export class JsonLinesReporter implements Reporter {
  constructor(private readonly out: Output) {}
  problem(problem: Problem): void {
    this.out.line(safeJson(problemJson(problem)));
  }
  finish(summary: Summary): void {
    this.out.line(safeJson({ kind: 'summary', ...summary.toJSON() }));
  }
}

/** Problems listed in the JSON report; the counts cover all of them. */
export const MAX_PROBLEMS_IN_JSON = 100;

/** `--format json`: one report at the end, with the summary and the first problems. */
export class JsonReporter implements Reporter {
  private readonly problems: Record<string, unknown>[] = [];
  private seen = 0;
  constructor(private readonly out: Output) {}
  problem(problem: Problem): void {
    if (this.seen++ < MAX_PROBLEMS_IN_JSON) this.problems.push(problemJson(problem));
  }
  finish(summary: Summary): void {
    const report = { ...summary.toJSON(), problems: this.problems, problemsOmitted: this.seen - this.problems.length };
    this.out.line(safeJson(report, 2));
  }
}

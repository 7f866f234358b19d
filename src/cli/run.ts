/** Judging the records of one input: each is judged, counted, reported when wrong, and written out with `--emit`. */
import { findUndocumentedFields } from '../drift.js';
import { stringField, unescapePointerToken } from '../internal.js';
import type { AnyAuditLog } from '../parse.js';
import { isAuditLogEventType } from '../validate.js';
import { judgePage, judgeRecord } from './judge.js';
import type { Output } from './output.js';
import type { Normalizer } from './normalize.js';
import { LINE_LIMIT, megabytes } from './record-sink.js';
import type { Container, RecordSink, Unparseable } from './records.js';
import {
  problemError,
  problemJson,
  problemWarning,
  unparseableError,
  type Problem,
  type ProblemError,
  type Reporter,
} from './report.js';
import { excerpt, safeJson, sanitize } from './text.js';
import type { Summary, Totals } from './summary.js';

/** The options that decide a verdict and what is done with it. */
export interface JudgeOptions {
  acceptUnknownTypes: boolean;
  reportDrift: boolean;
  emit: 'valid' | 'invalid' | undefined;
  /** With `--emit invalid`: write each record inside its problem (`--reasons`). */
  reasons: boolean;
  /** Whether problems are reported: without a reader, an invalid record's errors are not worked out. */
  explain: boolean;
  /** With `--emit valid --to`: what each valid record is written as instead of itself. */
  normalize?: Normalizer;
}

/** The error of a record whose text repeats a key. */
function duplicateKeyError(pointer: string): ProblemError {
  const key = unescapePointerToken(pointer.slice(pointer.lastIndexOf('/') + 1));
  return {
    path: pointer,
    location: pointer.slice(1).split('/').map(unescapePointerToken).join('.'),
    keyword: 'duplicateKey',
    message: sanitize(
      `the key ${JSON.stringify(excerpt(key))} appears more than once: readers disagree on which value counts`,
    ),
    expected: 'each key once',
    found: 'a repeated key',
  };
}

/** Judges, counts, reports and writes out the records of one input, as the reader hands them over. */
export class InputJudge implements RecordSink {
  constructor(
    private readonly file: string,
    private readonly totals: Totals,
    private readonly summary: Summary,
    private readonly reporter: Reporter,
    private readonly options: JudgeOptions,
    /** Where `--emit` writes records. */
    private readonly records: Output | undefined,
  ) {}

  record(
    value: unknown,
    line: number,
    index: number | null,
    container: Container,
    source: string | undefined,
    duplicateKey?: string,
  ): void {
    const { totals } = this;
    totals.records++;
    try {
      this.judge(value, line, index, container, source, duplicateKey);
    } catch (error) {
      // Nothing of one record may cost the others: whatever judging it threw is its own problem.
      totals.invalid++;
      this.report(value, line, index, container, {
        kind: 'invalid',
        errors: [{ ...unparseableError(internalProblem(error)), keyword: 'readable' }],
      });
    }
  }

  private judge(
    value: unknown,
    line: number,
    index: number | null,
    container: Container,
    source: string | undefined,
    duplicateKey: string | undefined,
  ): void {
    const { totals, summary, options } = this;
    const verdict = judgeRecord(value, options.acceptUnknownTypes, options.explain);
    const type = stringField(value, 'type');
    if (type !== undefined) {
      summary.byType.add(type);
      // A valid record's type is known unless unknown types are accepted: no need to look it up.
      const known = verdict.kind === 'valid' && !options.acceptUnknownTypes;
      if (!known && !isAuditLogEventType(type)) summary.unknownEventTypes.add(type);
    }
    if (options.reportDrift) for (const path of findUndocumentedFields(value)) summary.undocumentedFields.add(path);
    if (duplicateKey !== undefined) {
      const errors = [
        duplicateKeyError(duplicateKey),
        ...(verdict.kind === 'valid' ? [] : verdict.errors.map(problemError)),
      ];
      totals.invalid++;
      const problem = this.report(value, line, index, container, { kind: 'invalid', errors });
      if (options.emit === 'invalid') this.write(value, source, line, index, container, problem);
      return;
    }
    if (verdict.kind === 'valid') {
      totals.valid++;
      if (verdict.warnings.length > 0) {
        totals.warnings++;
        this.report(value, line, index, container, { kind: 'warning', warnings: verdict.warnings.map(problemWarning) });
      }
      if (options.emit === 'valid') this.write(value, source, line, index, container);
      return;
    }
    totals.invalid++;
    const problem = this.report(value, line, index, container, {
      kind: verdict.kind,
      errors: verdict.errors.map(problemError),
    });
    if (options.emit === 'invalid') this.write(value, source, line, index, container, problem);
  }

  page(page: Record<string, unknown>, line: number, duplicateKey?: string): void {
    this.totals.pages++;
    const errors = judgePage(page).map(problemError);
    if (duplicateKey !== undefined) errors.unshift(duplicateKeyError(duplicateKey));
    if (errors.length === 0) return;
    this.totals.invalidPages++;
    this.reporter.problem({
      kind: 'invalid-page',
      file: this.file,
      line,
      index: null,
      errors,
    });
  }

  /** The input failed while being read (`message` says why): what follows was not read. */
  failed(message: string, line: number): void {
    this.totals.failedInputs++;
    this.reporter.problem({
      kind: 'input-failed',
      file: this.file,
      line,
      index: null,
      errors: [
        { path: '', location: '(root)', keyword: 'input', message, expected: 'a readable input', found: message },
      ],
    });
  }

  unparseable(problem: Unparseable, line: number, raw: string | Buffer | undefined): void {
    this.totals.records++;
    this.totals.unparseable++;
    const reported: Problem = {
      kind: 'unparseable',
      file: this.file,
      line,
      index: null,
      errors: [unparseableError(problem)],
    };
    this.reporter.problem(reported);
    if (this.options.emit === 'invalid') this.writeRaw(reported, raw);
  }

  /**
   * Writes an unparseable value as it was read, or with `--reasons` inside its problem. One too
   * large to have been held is a problem of its own (`unwritable`), so that it is never lost unsaid.
   */
  private writeRaw(problem: Problem, raw: string | Buffer | undefined): void {
    if (raw === undefined) {
      this.totals.unwritable++;
      this.reporter.problem({ ...problem, kind: 'unwritable', errors: [notHeldError] });
      return;
    }
    this.records!.line(this.options.reasons ? withRawReasons(problem, raw) : raw);
  }

  blank(): void {
    this.totals.blankLines++;
  }

  private report(
    value: unknown,
    line: number,
    index: number | null,
    container: Container,
    what: Pick<Problem, 'kind' | 'errors' | 'warnings'>,
  ): Problem {
    const problem: Problem = { kind: what.kind, file: this.file, line, index, container };
    const id = stringField(value, 'id');
    const type = stringField(value, 'type');
    if (id !== undefined) problem.id = id;
    if (type !== undefined) problem.type = type;
    if (what.errors !== undefined) problem.errors = what.errors;
    if (what.warnings !== undefined) problem.warnings = what.warnings;
    this.reporter.problem(problem);
    return problem;
  }

  /**
   * Writes a record on a line of its own: as it was read when it was one line, else compact. A
   * record that cannot be written as one line (nested too deep for `JSON.stringify`) is a problem
   * of its own, and the others are written all the same. With `--reasons`, the record goes last in
   * its problem's JSON object, its text unchanged.
   */
  private write(
    value: unknown,
    source: string | undefined,
    line: number,
    index: number | null,
    container: Container,
    problem?: Problem,
  ): void {
    // `--to` is only given with `--emit valid`, so only valid records are normalized.
    const { normalize } = this.options;
    let text = normalize === undefined ? source : undefined;
    if (text === undefined) {
      try {
        text = JSON.stringify(normalize === undefined ? value : normalize(value as AnyAuditLog));
      } catch (error) {
        this.totals.unwritable++;
        this.report(value, line, index, container, {
          kind: 'unwritable',
          errors: [unparseableError({ ...internalProblem(error), keyword: 'size' })],
        });
        return;
      }
    }
    this.records!.line(this.options.reasons && problem !== undefined ? withReasons(problem, text) : text);
  }
}

/** `{"kind": ..., "errors": [...], "record": <text>}`: the problem as `--format jsonl` prints it, the record's text last and as it is. */
function withReasons(problem: Problem, record: string): string {
  return `${safeJson(problemJson(problem)).slice(0, -1)},"record":${record}}`;
}

/** The error of an unparseable value that `--emit invalid` cannot write: its text was not held. */
const notHeldError: ProblemError = {
  path: '',
  location: '(root)',
  message: `its text is over the ${megabytes(LINE_LIMIT)} limit and was not held, so --emit invalid cannot write it`,
  keyword: 'size',
  expected: `at most ${megabytes(LINE_LIMIT)}`,
  found: `more than ${megabytes(LINE_LIMIT)}`,
};

/**
 * `{"kind": "unparseable", ..., "errors": [...], "rawEncoding": "utf8", "raw": "<text>"}`: the raw
 * text as a JSON string, or, when a line of it is not UTF-8, its bytes in base64 (`rawEncoding`
 * `base64`); `Buffer.from(raw, rawEncoding)` gives back the bytes read, either way.
 */
function withRawReasons(problem: Problem, raw: string | Buffer): string {
  const text = typeof raw === 'string';
  return safeJson({
    ...problemJson(problem),
    rawEncoding: text ? 'utf8' : 'base64',
    raw: text ? raw : raw.toString('base64'),
  });
}

/** What went wrong inside the command line with one record, as a problem of that record. */
function internalProblem(error: unknown): Unparseable {
  let reason = 'an error that cannot be shown';
  try {
    reason = error instanceof Error ? error.message : String(error);
  } catch {
    // Keep the placeholder.
  }
  return {
    keyword: 'parse',
    message: `cannot be handled: ${excerpt(reason)}`,
    expected: 'a JSON value',
    found: excerpt(reason),
  };
}

/** Judging the records of one input: each is judged, counted, reported when wrong, and written out with `--emit`. */
import { findUndocumentedFields } from '../drift.js';
import { stringField } from '../internal.js';
import { isAuditLogEventType } from '../validate.js';
import { judgePage, judgeRecord } from './judge.js';
import type { Output } from './output.js';
import type { Container, RecordSink, Unparseable } from './records.js';
import { problemError, problemWarning, unparseableError, type Problem, type Reporter } from './report.js';
import type { Summary, Totals } from './summary.js';

/** The options that decide a verdict and what is done with it. */
export interface JudgeOptions {
  acceptUnknownTypes: boolean;
  reportDrift: boolean;
  emit: 'valid' | 'invalid' | undefined;
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

  record(value: unknown, line: number, index: number | null, container: Container, source: string | undefined): void {
    const { totals, summary, options } = this;
    totals.records++;
    const verdict = judgeRecord(value, options.acceptUnknownTypes);
    const type = stringField(value, 'type');
    if (type !== undefined) {
      summary.byType.add(type);
      // A valid record's type is known unless unknown types are accepted: no need to look it up.
      const known = verdict.kind === 'valid' && !options.acceptUnknownTypes;
      if (!known && !isAuditLogEventType(type)) summary.unknownEventTypes.add(type);
    }
    if (options.reportDrift) for (const path of findUndocumentedFields(value)) summary.undocumentedFields.add(path);
    if (verdict.kind === 'valid') {
      totals.valid++;
      if (verdict.warnings.length > 0) {
        totals.warnings++;
        this.report(value, line, index, container, { kind: 'warning', warnings: verdict.warnings.map(problemWarning) });
      }
      if (options.emit === 'valid') this.write(value, source);
      return;
    }
    totals.invalid++;
    this.report(value, line, index, container, { kind: verdict.kind, errors: verdict.errors.map(problemError) });
    if (options.emit === 'invalid') this.write(value, source);
  }

  page(page: Record<string, unknown>, line: number): void {
    this.totals.pages++;
    const errors = judgePage(page);
    if (errors.length === 0) return;
    this.totals.invalidPages++;
    this.reporter.problem({
      kind: 'invalid-page',
      file: this.file,
      line,
      index: null,
      errors: errors.map(problemError),
    });
  }

  unparseable(problem: Unparseable, line: number): void {
    this.totals.records++;
    this.totals.unparseable++;
    this.reporter.problem({
      kind: 'unparseable',
      file: this.file,
      line,
      index: null,
      errors: [unparseableError(problem)],
    });
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
  ): void {
    const problem: Problem = { kind: what.kind, file: this.file, line, index, container };
    const id = stringField(value, 'id');
    const type = stringField(value, 'type');
    if (id !== undefined) problem.id = id;
    if (type !== undefined) problem.type = type;
    if (what.errors !== undefined) problem.errors = what.errors;
    if (what.warnings !== undefined) problem.warnings = what.warnings;
    this.reporter.problem(problem);
  }

  /** Writes a record on a line of its own: as it was read when it was one line, else compact. */
  private write(value: unknown, source: string | undefined): void {
    this.records!.line(source ?? JSON.stringify(value));
    this.summary.emitted!++;
  }
}

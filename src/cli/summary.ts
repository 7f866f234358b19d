/** The counts of a run, per input and in total, and how the summary prints them. */
import type { FailOutcome } from './args.js';
import { clip, count, excerpt, plural, sanitize } from './text.js';

/** Counts per distinct key, keeping at most `limit` keys so hostile input cannot grow it without bound. */
export class Counter {
  static readonly OTHER = '(other)';
  /** A mutable cell per key: counting an existing key is one lookup. */
  private readonly counts = new Map<string, { n: number }>();
  constructor(private readonly limit = 1000) {}

  add(full: string): void {
    // A hostile key can be megabytes long: it is counted, and later printed, by its excerpt.
    const key = excerpt(full);
    const cell = this.counts.get(key);
    if (cell !== undefined) cell.n++;
    else if (this.counts.size < this.limit) this.counts.set(key, { n: 1 });
    else {
      // Past the limit every new key counts as OTHER, which may be the one key over it.
      const other = this.counts.get(Counter.OTHER);
      if (other !== undefined) other.n++;
      else this.counts.set(Counter.OTHER, { n: 1 });
    }
  }

  get size(): number {
    return this.counts.size;
  }

  /** Keys in alphabetical order, for stable JSON. */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.entries().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Most frequent first. */
  byCount(): [string, number][] {
    return this.entries().sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  }

  private entries(): [string, number][] {
    return [...this.counts].map(([key, cell]) => [key, cell.n]);
  }
}

/** What was read from one input, or from all. `records = valid + invalid + unparseable`. */
export interface Totals {
  /** Lines of input (a last line without a newline included). */
  lines: number;
  /** Lines of white space only, between values: not records. */
  blankLines: number;
  records: number;
  valid: number;
  /** Invalid records, those of an unknown type among them. */
  invalid: number;
  unparseable: number;
  /** Valid records that carry warnings (counted in `valid` too). */
  warnings: number;
  /** List pages read (their logs are records). */
  pages: number;
  /** List pages whose own fields are invalid. */
  invalidPages: number;
  /**
   * Records that `--emit` chose but could not write as one JSON line (counted in `valid` or
   * `invalid` too), and unparseable values `--emit invalid` could not write because their text was
   * too large to hold (counted in `unparseable` too).
   */
  unwritable: number;
  /** Inputs that failed while being read (1 or 0 for one input): what follows the failure was not read. */
  failedInputs: number;
}

/** Totals of nothing read yet. */
export const emptyTotals = (): Totals => ({
  lines: 0,
  blankLines: 0,
  records: 0,
  valid: 0,
  invalid: 0,
  unparseable: 0,
  warnings: 0,
  pages: 0,
  invalidPages: 0,
  unwritable: 0,
  failedInputs: 0,
});

const MAX_LISTED = 50;

/** The lines of a counter for the text summary, most frequent first. */
export function counterLines(title: string, counter: Counter): string[] {
  if (counter.size === 0) return [];
  const entries = counter.byCount();
  const lines = [
    `${title}:`,
    ...entries.slice(0, MAX_LISTED).map(([key, n]) => sanitize(`  ${clip(key, 120)}: ${count(n)}`)),
  ];
  if (entries.length > MAX_LISTED) lines.push(`  and ${entries.length - MAX_LISTED} more (see --format json)`);
  return lines;
}

/** `12 records: 10 valid (1 with warnings), 1 invalid, 1 unparseable; 2 list pages, 1 invalid` */
export function totalsLine(totals: Totals): string {
  const warnings = totals.warnings > 0 ? ` (${count(totals.warnings)} with warnings)` : '';
  const pages = totals.pages > 0 ? `; ${plural(totals.pages, 'list page')}, ${count(totals.invalidPages)} invalid` : '';
  const unwritable = totals.unwritable > 0 ? `; ${count(totals.unwritable)} could not be written` : '';
  const failed = totals.failedInputs > 0 ? `; ${plural(totals.failedInputs, 'input')} failed while being read` : '';
  return `${plural(totals.records, 'record')}: ${count(totals.valid)} valid${warnings}, ${count(totals.invalid)} invalid, ${count(totals.unparseable)} unparseable${pages}${unwritable}${failed}`;
}

/** The counts of a run: totals per input and in all, and the counters by type and path. */
export class Summary {
  readonly total: Totals = emptyTotals();
  readonly files: ({ file: string } & Totals)[] = [];
  readonly byType = new Counter();
  readonly unknownEventTypes = new Counter();
  readonly undocumentedFields = new Counter();
  /** Records (and with `--emit invalid`, unparseable values) written out by `--emit` that the output took; `undefined` without it. */
  emitted: number | undefined;
  /** Why the run stopped before the end of its inputs (interrupted, the output failed or closed); `undefined` when it read them all. */
  stopped: string | undefined;

  constructor(
    private readonly reportDrift: boolean,
    private readonly emit: 'valid' | 'invalid' | undefined,
  ) {
    if (emit !== undefined) this.emitted = 0;
  }

  /** The totals of a new input, counted into the total by `endFile`. */
  startFile(file: string): { file: string } & Totals {
    const totals = { file, ...emptyTotals() };
    this.files.push(totals);
    return totals;
  }

  endFile(totals: Totals): void {
    for (const key of Object.keys(this.total) as (keyof Totals)[]) this.total[key] += totals[key];
  }

  /** Whether anything was found of `outcomes` (what `--fail-on` names): the exit code is 1 then. */
  failed(outcomes: readonly FailOutcome[]): boolean {
    const found: Record<FailOutcome, number> = {
      invalid: this.total.invalid,
      unparseable: this.total.unparseable,
      'invalid-page': this.total.invalidPages,
      unwritable: this.total.unwritable,
    };
    return outcomes.some((outcome) => found[outcome] > 0);
  }

  toJSON(): Record<string, unknown> {
    return {
      ...this.total,
      complete: this.stopped === undefined,
      ...(this.stopped !== undefined ? { stopped: this.stopped } : {}),
      ...(this.emitted !== undefined ? { emitted: this.emitted } : {}),
      byType: this.byType,
      unknownEventTypes: this.unknownEventTypes,
      ...(this.reportDrift ? { undocumentedFields: this.undocumentedFields } : {}),
      files: this.files,
    };
  }

  /** The summary for people: per input when there are several, the total, then the counters. */
  textLines(): string[] {
    const lines: string[] = [];
    const several = this.files.length > 1;
    if (several) for (const totals of this.files) lines.push(sanitize(`${totals.file}: ${totalsLine(totals)}`));
    lines.push(`${several ? 'total: ' : ''}${totalsLine(this.total)}`);
    if (this.emitted !== undefined)
      lines.push(
        `${this.emit === 'invalid' ? plural(this.emitted, 'invalid record or unparseable value', 'invalid records or unparseable values') : plural(this.emitted, `${this.emit} record`)} written`,
      );
    if (this.stopped !== undefined) lines.push(sanitize(`stopped before the end of the input: ${this.stopped}`));
    lines.push(...counterLines('unknown event types (records)', this.unknownEventTypes));
    if (this.reportDrift) {
      const drift = counterLines('undocumented fields (records carrying each)', this.undocumentedFields);
      lines.push(...(drift.length > 0 ? drift : ['undocumented fields: none']));
    }
    return lines;
  }
}

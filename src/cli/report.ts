/** Counting records and rendering what the command line prints. */
import { formatValidationErrors, type ValidationError } from '../errors.js';

/** Counts per distinct key, keeping at most `limit` keys so hostile input cannot grow it without bound. */
export class Counter {
  static readonly OTHER = '(other)';
  private readonly counts = new Map<string, number>();
  constructor(private readonly limit = 1000) {}

  add(key: string): void {
    const count = this.counts.get(key);
    if (count !== undefined) this.counts.set(key, count + 1);
    else if (this.counts.size < this.limit) this.counts.set(key, 1);
    else this.counts.set(Counter.OTHER, (this.counts.get(Counter.OTHER) ?? 0) + 1);
  }

  get size(): number {
    return this.counts.size;
  }

  /** Keys in alphabetical order, for stable JSON. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Most frequent first. */
  byCount(): [string, number][] {
    return [...this.counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  }
}

export interface Totals {
  lines: number;
  blankLines: number;
  records: number;
  valid: number;
  invalid: number;
  unparseable: number;
}

export const emptyTotals = (): Totals => ({
  lines: 0,
  blankLines: 0,
  records: 0,
  valid: 0,
  invalid: 0,
  unparseable: 0,
});

/** One invalid or unparseable record, as listed in the JSON report. */
export interface Problem {
  file: string;
  line: number;
  index?: string;
  id?: string;
  type?: string;
  /** Why the record could not be read as JSON. */
  unparseable?: string;
  errors?: ValidationError[];
}

// Control characters in file names, ids or parser messages must not reach the terminal as they are.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
export const sanitize = (text: string) =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
const MAX_ERRORS_SHOWN = 5;

/** `logs.jsonl:12 data[3]: id "audit_log-1", type "api_key.created": effective_at: must be integer, got string "1"` */
export function problemLine(problem: Problem): string {
  const where = `${problem.file}:${problem.line}${problem.index === undefined ? '' : ` ${problem.index}`}`;
  if (problem.unparseable !== undefined) return sanitize(`${where}: unparseable: ${problem.unparseable}`);
  const id = problem.id === undefined ? 'no id' : `id ${JSON.stringify(clip(problem.id))}`;
  const type = problem.type === undefined ? 'no type' : `type ${JSON.stringify(clip(problem.type))}`;
  const errors = problem.errors ?? [];
  // formatValidationErrors gives one "location: message" per line after its heading.
  const details = formatValidationErrors(errors.slice(0, MAX_ERRORS_SHOWN))
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
  if (errors.length > MAX_ERRORS_SHOWN) details.push(`and ${errors.length - MAX_ERRORS_SHOWN} more`);
  return sanitize(`${where}: ${id}, ${type}: ${details.join('; ')}`);
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** `12 records: 10 valid, 1 invalid, 1 unparseable` */
export function totalsLine(totals: Totals): string {
  const n = (count: number) => count.toLocaleString('en-US');
  return `${plural(totals.records, 'record')}: ${n(totals.valid)} valid, ${n(totals.invalid)} invalid, ${n(totals.unparseable)} unparseable`;
}

const MAX_LISTED = 50;

/** The lines of a counter for the text summary, most frequent first. */
export function counterLines(title: string, counter: Counter): string[] {
  if (counter.size === 0) return [];
  const entries = counter.byCount();
  const lines = [
    `${title}:`,
    ...entries
      .slice(0, MAX_LISTED)
      .map(([key, count]) => sanitize(`  ${clip(key, 120)}: ${count.toLocaleString('en-US')}`)),
  ];
  if (entries.length > MAX_LISTED) lines.push(`  and ${entries.length - MAX_LISTED} more (see --format json)`);
  return lines;
}

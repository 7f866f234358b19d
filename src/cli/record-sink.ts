/**
 * What the reader hands on, and to whom: records, list pages, unparseable values, and the limits
 * of what it holds. `emitValue` turns one parsed value into the records it stands for.
 */
import { duplicateKeyOf } from './duplicate-keys.js';
import type { UnreadableLine } from './lines.js';
import { clip } from './text.js';

const MIB = 1024 * 1024;
/** The longest line read, and the largest value that is not a document; longer ones are counted unparseable without being held. */
export const LINE_LIMIT = 16 * MIB;
/** The longest line inside a document (an array, or a list page): its items are handed on one by one. */
export const DOCUMENT_LIMIT = 256 * MIB;

/** What holds a record: nothing (a value of its own), an array, or a list page. */
export type Container = 'array' | 'page' | undefined;

/** Why something that should have been a record could not be read as JSON. */
export interface Unparseable {
  /** `parse` (not JSON), `encoding` (not UTF-8) or `size` (over a limit). */
  keyword: 'parse' | 'encoding' | 'size';
  message: string;
  expected: string;
  found: string;
}

/** What the reader hands records to (the judge of an input). */
export interface RecordSink {
  /**
   * A JSON value that stands for one audit log, read from line `line`; `index` is its place in
   * its array or page (`null` for a value of its own); `source` is its text when it was a value
   * on one line (for writing it out unchanged); `duplicateKey` the JSON Pointer, in the record,
   * of a key its text repeats.
   */
  record(
    value: unknown,
    line: number,
    index: number | null,
    container: Container,
    source: string | undefined,
    duplicateKey?: string,
  ): void;
  /** A list page, before its records; read from line `line`; `duplicateKey` as for a record, in the page's own fields. */
  page(page: Record<string, unknown>, line: number, duplicateKey?: string): void;
  /**
   * Something that should have been a record but could not be read as JSON; `raw` is its text
   * exactly as it was read (bytes when a line of it is not UTF-8), or `undefined` when it was too
   * large to hold.
   */
  unparseable(problem: Unparseable, line: number, raw: string | Buffer | undefined): void;
  /** A line holding nothing but white space: not a record. */
  blank(): void;
}

export const megabytes = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
export const parseError = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** A short description of text that is not JSON. */
export const textFound = (text: string) => `text ${JSON.stringify(clip(text, 40))}`;

/** Whether a parsed value is a list page: an object with no `type` whose `object` is `"list"` or whose `data` is an array. */
export function isPageLike(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  return object.type === undefined && (object.object === 'list' || Array.isArray(object.data));
}

/** The problem of a line that could not be turned into text. */
export function unreadableProblem(problem: UnreadableLine, where: string): Unparseable {
  return problem.kind === 'too-long'
    ? {
        keyword: 'size',
        message: `${where} of ${megabytes(problem.bytes)} is longer than the ${megabytes(problem.limit)} limit; skipped${
          // 91 is `[`: a whole array written on one line.
          problem.first === 91 ? `; a compact array: split it into JSON Lines first (for example: jq -c '.[]')` : ''
        }`,
        expected: `at most ${megabytes(problem.limit)}`,
        found: `${megabytes(problem.bytes)}`,
      }
    : {
        keyword: 'encoding',
        message: `not valid UTF-8 (byte ${problem.byte} of the ${where})`,
        expected: 'UTF-8',
        found: `an invalid byte at byte ${problem.byte} of the ${where}`,
      };
}

/**
 * Hands every record a parsed value holds to the sink: the value itself, the items of an array,
 * or a list page and the items of its `data`; `text` is what it was parsed from, `source` the same
 * when it was read on one line (to be written out as it was read).
 */
export function emitValue(
  sink: RecordSink,
  value: unknown,
  line: number,
  source: string | undefined,
  text: string,
): void {
  const duplicate = duplicateKeyOf(text, value);
  if (typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) {
      const [at, inItem] = itemOf(duplicate, '');
      for (let index = 0; index < value.length; index++)
        sink.record(value[index], line, index, 'array', undefined, index === at ? inItem : undefined);
      return;
    }
    if (isPageLike(value)) {
      const [at, inItem] = itemOf(duplicate, '/data');
      sink.page(value, line, at === undefined ? duplicate : undefined);
      const data = value.data;
      if (!Array.isArray(data)) return;
      for (let index = 0; index < data.length; index++)
        sink.record(data[index], line, index, 'page', undefined, index === at ? inItem : undefined);
      return;
    }
  }
  sink.record(value, line, null, undefined, source, duplicate);
}

/** Which item of a document a pointer is in (`/3/type` under `''`, `/data/3/type` under `/data`), and the pointer in it. */
function itemOf(pointer: string | undefined, items: string): [index: number | undefined, inItem: string | undefined] {
  if (pointer === undefined || !pointer.startsWith(`${items}/`)) return [undefined, undefined];
  const rest = pointer.slice(items.length + 1);
  const slash = rest.indexOf('/');
  if (slash === -1) return [undefined, undefined];
  return [Number(rest.slice(0, slash)), rest.slice(slash)];
}

/** The problem of text that is not JSON. */
export const notJson = (message: string, found: string): Unparseable => ({
  keyword: 'parse',
  message: `not JSON: ${message}`,
  expected: 'JSON',
  found,
});

/** The problem of a value (or an item) too large to hold. */
export const tooLargeValue = (bytes: number): Unparseable => ({
  keyword: 'size',
  message: `JSON value of more than ${megabytes(LINE_LIMIT)} is larger than the limit; skipped`,
  expected: `at most ${megabytes(LINE_LIMIT)}`,
  found: megabytes(bytes),
});

/** An item's text as it is written out (when it was on one line) and the key it repeats. */
export function itemSource(
  text: string,
  value: unknown,
): [source: string | undefined, duplicateKey: string | undefined] {
  return [text.includes('\n') ? undefined : text, duplicateKeyOf(text, value)];
}

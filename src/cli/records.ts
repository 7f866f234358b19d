/**
 * Turns the text of one input into records. An input is a sequence of JSON values separated by
 * white space: JSON Lines (one value per line), values spread over several lines (pretty-printed,
 * as `jq .` writes them), or a mix of both. Each value is a record, or stands for the records it
 * holds: the items of an array, or of the `data` array of a list page (an object with no `type`
 * whose `object` is `"list"` or whose `data` is an array).
 *
 * A line that starts with `{` and ends with `}` is handed to `JSON.parse` whole (JSON Lines, the
 * common case: one parse per record and nothing else). Any other line goes through the scanner,
 * which finds where each value ends, so that a value spread over lines is parsed once it is
 * complete, with its records placed on the lines where they start.
 *
 * A value that does not parse is one unparseable record, placed where it starts. Reading resumes
 * at the next line that can start a value: the rest of the line where the error was found goes
 * with the broken value, and so do the lines after it that are indented or start with `}` or `]`
 * (the rest of a pretty-printed value), unless such a line holds a whole object on its own. A line
 * that starts with `{` or `[` in its first column always starts a new value, even when that is
 * where the error was found (a record cut short without its newline).
 */
import { duplicateKeyOf } from './duplicate-keys.js';
import type { LineSink, UnreadableLine } from './lines.js';
import { ValueScanner } from './scanner.js';
import { clip } from './text.js';

const MIB = 1024 * 1024;
/** The longest line read, and the largest value that is not a document; longer ones are counted unparseable without being held. */
export const LINE_LIMIT = 16 * MIB;
/** The largest document (an array, or a list page) read: it is held whole to be parsed. */
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
  /** Something that should have been a record but could not be read as JSON. */
  unparseable(problem: Unparseable, line: number): void;
  /** A line holding nothing but white space: not a record. */
  blank(): void;
}

const enum State {
  /** At the start of a line, between values. */
  Between,
  /** Inside a value that spans lines. */
  InValue,
  /** After a broken value: skipping what is left of it. */
  Skipping,
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const isSpace = (code: number) => code === 32 || code === 9 || code === 13;

const megabytes = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
const parseError = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** A short description of text that is not JSON. */
const textFound = (text: string) => `text ${JSON.stringify(clip(text, 40))}`;

/** Whether a parsed value is a list page: an object with no `type` whose `object` is `"list"` or whose `data` is an array. */
export function isPageLike(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  return object.type === undefined && (object.object === 'list' || Array.isArray(object.data));
}

/** The problem of a line that could not be turned into text. */
function unreadableProblem(problem: UnreadableLine, where: string): Unparseable {
  return problem.kind === 'too-long'
    ? {
        keyword: 'size',
        message: `${where} of ${megabytes(problem.bytes)} is longer than the ${megabytes(problem.limit)} limit; skipped`,
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

/** Reads one input: `LineDecoder` feeds it lines; call `end` after the last. */
export class RecordReader implements LineSink {
  private state = State.Between;
  private readonly scanner = new ValueScanner();
  /** The text of the value being read over several lines, line by line. */
  private parts: string[] = [];
  /** Its length so far (also once it stopped being held). */
  private held = 0;
  private tooLarge = false;
  private valueLine = 0;
  private valueFirstText = '';

  constructor(private readonly sink: RecordSink) {}

  /** The longest line to hold now: a line inside a document may be as long as the document. */
  maxLineBytes(): number {
    return this.state === State.InValue && this.scanner.document ? DOCUMENT_LIMIT : LINE_LIMIT;
  }

  lines(text: string, firstLine: number): number {
    let line = firstLine;
    let start = 0;
    // A byte-order mark is skipped at the start of an input only.
    if (line === 1 && text.charCodeAt(0) === 0xfeff) start = 1;
    const length = text.length;
    while (start < length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = length;
      if (this.state === State.Between) {
        // JSON Lines: a line from `{` to `}` is most likely one record; parse it whole.
        let last = end - 1;
        if (text.charCodeAt(last) === 13) last--;
        if (text.charCodeAt(start) === OPEN_BRACE && text.charCodeAt(last) === CLOSE_BRACE) {
          const source = text.slice(start, last + 1);
          let value: unknown;
          let failed: string | undefined;
          try {
            value = JSON.parse(source);
          } catch (error) {
            failed = parseError(error);
          }
          if (failed === undefined) this.emit(value, line, source, undefined, source);
          else this.scanLine(text, start, end, line, start, failed);
        } else {
          this.startLine(text, start, end, line);
        }
      } else if (this.state === State.InValue) {
        this.continueValue(text, start, end, line);
      } else {
        this.skipLine(text, start, end, line);
      }
      start = end + 1;
      line++;
    }
    return line;
  }

  unreadable(line: number, problem: UnreadableLine): void {
    if (this.state === State.InValue) {
      this.state = State.Skipping;
      this.parts = [];
      if (this.tooLarge) {
        this.reportTooLarge();
        return;
      }
      const inner = unreadableProblem(problem, `line ${line}`);
      this.sink.unparseable(
        { ...inner, message: `the JSON value starting here is cut by line ${line}: ${inner.message}` },
        this.valueLine,
      );
      return;
    }
    this.state = State.Skipping;
    this.sink.unparseable(unreadableProblem(problem, 'line'), line);
  }

  /** The end of the input: a value still open is unparseable. */
  end(): void {
    if (this.state !== State.InValue) return;
    this.state = State.Between;
    if (this.tooLarge) this.reportTooLarge();
    else
      this.sink.unparseable(
        {
          keyword: 'parse',
          message: 'not JSON: the input ends inside the value that starts here',
          expected: 'JSON',
          found: textFound(this.valueFirstText),
        },
        this.valueLine,
      );
    this.parts = [];
  }

  /** A line read between values, that is not a one-line object. */
  private startLine(text: string, start: number, end: number, line: number): void {
    let from = start;
    while (from < end && isSpace(text.charCodeAt(from))) from++;
    if (from === end) {
      this.sink.blank();
      return;
    }
    let last = end - 1;
    while (isSpace(text.charCodeAt(last))) last--;
    const code = text.charCodeAt(last);
    // A line that ends as a value cannot end is not tried whole (a pretty-printed value's first line).
    if (code === OPEN_BRACE || code === OPEN_BRACKET || code === 44 || code === 58) {
      this.scanLine(text, from, end, line, start, undefined);
      return;
    }
    const source = text.slice(from, last + 1);
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      this.scanLine(text, from, end, line, start, parseError(error));
      return;
    }
    this.emit(value, line, source, undefined, source);
  }

  /**
   * Reads the values of a line one by one from `from`, which is where one starts. `wholeLineError`
   * is what `JSON.parse` said of the whole line: the message for a value that breaks there.
   */
  private scanLine(
    text: string,
    from: number,
    end: number,
    line: number,
    lineStart: number,
    wholeLineError: string | undefined,
  ): void {
    const scanner = this.scanner;
    let at = from;
    let lineError = wholeLineError;
    for (;;) {
      while (at < end && isSpace(text.charCodeAt(at))) at++;
      if (at >= end) return;
      scanner.reset();
      const stop = scanner.scan(text, at, end, line, lineStart);
      if (scanner.status === 'done') {
        this.parseValue(text.slice(at, stop), line, undefined);
        at = stop;
        lineError = undefined;
        continue;
      }
      if (scanner.status === 'error') {
        this.state = State.Skipping;
        this.sink.unparseable(
          {
            keyword: 'parse',
            message: `not JSON: ${lineError ?? scanner.error}`,
            expected: 'JSON',
            found: textFound(text.slice(at, end).trimEnd()),
          },
          line,
        );
        return;
      }
      // The value goes on over the next lines.
      this.state = State.InValue;
      this.valueLine = line;
      this.valueFirstText = text.slice(at, end).trimEnd();
      this.parts = [text.slice(at, end)];
      this.held = end - at;
      this.tooLarge = false;
      this.checkSize();
      return;
    }
  }

  /** A line inside a value that spans lines. */
  private continueValue(text: string, start: number, end: number, line: number): void {
    const scanner = this.scanner;
    const first = text.charCodeAt(start);
    if ((first === OPEN_BRACE || first === OPEN_BRACKET) && !scanner.atItemStart) {
      // A line that opens a value in its first column starts a new one: the open value was cut
      // short (a killed writer, a lost packet), and it alone is lost.
      this.parts = [];
      if (this.tooLarge) this.reportTooLarge();
      else
        this.sink.unparseable(
          {
            keyword: 'parse',
            message: `not JSON: the value is cut short: line ${line} starts a new value in its first column`,
            expected: 'JSON',
            found: textFound(this.valueFirstText),
          },
          this.valueLine,
        );
      this.state = State.Between;
      this.startLine(text, start, end, line);
      return;
    }
    const stop = scanner.scan(text, start, end, line, start);
    if (scanner.status === 'error') {
      const code = text.charCodeAt(start);
      this.parts = [];
      if (this.tooLarge) this.reportTooLarge();
      else
        this.sink.unparseable(
          {
            keyword: 'parse',
            message: `not JSON: ${scanner.error}`,
            expected: 'JSON',
            found: textFound(this.valueFirstText),
          },
          this.valueLine,
        );
      // A line that starts with `{` or `[` in its first column starts a value of its own.
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        this.state = State.Between;
        this.startLine(text, start, end, line);
      } else {
        this.state = State.Skipping;
      }
      return;
    }
    const upTo = scanner.status === 'done' ? stop : end;
    this.held += upTo - start + 1;
    if (!this.tooLarge) {
      this.parts.push(text.slice(start, upTo));
      this.checkSize();
    }
    if (scanner.status === 'more') return;
    this.state = State.Between;
    if (this.tooLarge) this.reportTooLarge();
    else this.parseValue(this.parts.join('\n'), this.valueLine, scanner.itemLines);
    this.parts = [];
    // What follows the value on its last line.
    this.scanLine(text, stop, end, line, start, undefined);
  }

  /** A line after a broken value: part of it, or the start of what comes next. */
  private skipLine(text: string, start: number, end: number, line: number): void {
    const code = text.charCodeAt(start);
    if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      // The broken value's closing line.
      this.state = State.Between;
      return;
    }
    if (!isSpace(code)) {
      this.state = State.Between;
      this.startLine(text, start, end, line);
      return;
    }
    let from = start;
    while (from < end && isSpace(text.charCodeAt(from))) from++;
    if (from === end) {
      this.sink.blank();
      return;
    }
    let last = end - 1;
    while (isSpace(text.charCodeAt(last))) last--;
    // An indented line goes with the broken value, unless it is a whole object of its own.
    if (text.charCodeAt(from) !== OPEN_BRACE || text.charCodeAt(last) !== CLOSE_BRACE) return;
    const source = text.slice(from, last + 1);
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      return;
    }
    this.state = State.Between;
    this.emit(value, line, source, undefined, source);
  }

  private checkSize(): void {
    const limit = this.scanner.document ? DOCUMENT_LIMIT : LINE_LIMIT;
    if (this.held > limit) {
      // Stop holding it, but read on to find where it ends.
      this.tooLarge = true;
      this.parts = [];
    }
  }

  private tooLargeMessage(): string {
    return this.scanner.document
      ? `JSON document of more than ${megabytes(DOCUMENT_LIMIT)} is larger than the limit; convert it to JSON Lines (for example: jq -c '.[]')`
      : `JSON value of more than ${megabytes(LINE_LIMIT)} is larger than the limit; skipped`;
  }

  private reportTooLarge(): void {
    const limit = this.scanner.document ? DOCUMENT_LIMIT : LINE_LIMIT;
    this.sink.unparseable(
      {
        keyword: 'size',
        message: this.tooLargeMessage(),
        expected: `at most ${megabytes(limit)}`,
        found: `${megabytes(this.held)}`,
      },
      this.valueLine,
    );
  }

  /** Parses a complete value's text (one parse per value) and hands on its records. */
  private parseValue(source: string, line: number, itemLines: number[] | undefined): void {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      this.sink.unparseable(
        { keyword: 'parse', message: `not JSON: ${parseError(error)}`, expected: 'JSON', found: textFound(source) },
        line,
      );
      return;
    }
    // A value on one line is kept as it was read; one spread over lines is not (it would not fit a line).
    this.emit(value, line, itemLines === undefined ? source : undefined, itemLines, source);
  }

  /** Hands every record a parsed value holds to the sink; `text` is what it was parsed from. */
  private emit(
    value: unknown,
    line: number,
    source: string | undefined,
    itemLines: number[] | undefined,
    text: string,
  ): void {
    const sink = this.sink;
    const duplicate = duplicateKeyOf(text, value);
    if (typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) {
        const [at, inItem] = itemOf(duplicate, '');
        const lines = itemLines !== undefined && itemLines.length === value.length ? itemLines : undefined;
        for (let index = 0; index < value.length; index++)
          sink.record(
            value[index],
            lines === undefined ? line : lines[index]!,
            index,
            'array',
            undefined,
            index === at ? inItem : undefined,
          );
        return;
      }
      if (isPageLike(value)) {
        const [at, inItem] = itemOf(duplicate, '/data');
        sink.page(value, line, at === undefined ? duplicate : undefined);
        const data = value.data;
        if (!Array.isArray(data)) return;
        const lines = itemLines !== undefined && itemLines.length === data.length ? itemLines : undefined;
        for (let index = 0; index < data.length; index++)
          sink.record(
            data[index],
            lines === undefined ? line : lines[index]!,
            index,
            'page',
            undefined,
            index === at ? inItem : undefined,
          );
        return;
      }
    }
    sink.record(value, line, null, undefined, source, duplicate);
  }
}

/** Which item of a document a pointer is in (`/3/type` under `''`, `/data/3/type` under `/data`), and the pointer in it. */
function itemOf(pointer: string | undefined, items: string): [index: number | undefined, inItem: string | undefined] {
  if (pointer === undefined || !pointer.startsWith(`${items}/`)) return [undefined, undefined];
  const rest = pointer.slice(items.length + 1);
  const slash = rest.indexOf('/');
  if (slash === -1) return [undefined, undefined];
  return [Number(rest.slice(0, slash)), rest.slice(slash)];
}

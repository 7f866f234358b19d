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
 * complete, with its records placed on the lines where they start. A document spread over lines
 * is read item by item (`DocumentBuffer`): each item is parsed as soon as it ends, and memory is
 * bounded by the largest item; a list page's own fields are judged after its items.
 *
 * A value that does not parse is one unparseable record, placed where it starts (in a document,
 * where the broken item starts: the items before it are records all the same). Reading resumes
 * at the next line that can start a value: the rest of the line where the error was found goes
 * with the broken value, and so do the lines after it that are indented or start with `}` or `]`
 * (the rest of a pretty-printed value), unless such a line holds a whole object on its own. A line
 * that starts with `{` or `[` in its first column always starts a new value, even while an earlier
 * value is still open (a record cut short: it alone is lost), except where an item of the open
 * document may start.
 */
import { DocumentBuffer, type CompleteItem } from './document.js';
import { duplicateKeyOf } from './duplicate-keys.js';
import type { LineSink, UnreadableLine } from './lines.js';
import {
  DOCUMENT_LIMIT,
  emitValue,
  LINE_LIMIT,
  megabytes,
  parseError,
  textFound,
  unreadableProblem,
  type RecordSink,
  type Unparseable,
} from './record-sink.js';
import { ValueScanner } from './scanner.js';

export type { Container, RecordSink, Unparseable } from './record-sink.js';

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

const notJson = (message: string, found: string): Unparseable => ({
  keyword: 'parse',
  message: `not JSON: ${message}`,
  expected: 'JSON',
  found,
});

/** Reads one input: `LineDecoder` feeds it lines; call `end` after the last. */
export class RecordReader implements LineSink {
  private state = State.Between;
  private readonly scanner = new ValueScanner();
  private readonly document = new DocumentBuffer(
    LINE_LIMIT,
    () => this.parts,
    (item) => this.emitItem(item),
  );
  /** The text of the value being read over several lines, line by line (until it turns out a document). */
  private parts: string[] = [];
  /** Its length so far (also once it stopped being held). */
  private held = 0;
  private tooLarge = false;
  private valueLine = 0;
  private valueFirstText = '';

  constructor(private readonly sink: RecordSink) {
    this.scanner.events = this.document;
  }

  /** The longest line to hold now: a line inside a document may hold many items. */
  maxLineBytes(): number {
    return this.state === State.InValue && this.document.active ? DOCUMENT_LIMIT : LINE_LIMIT;
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
          if (failed === undefined) emitValue(this.sink, value, line, source, source);
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
      const inner = unreadableProblem(problem, `line ${line}`);
      this.brokenValue({ ...inner, message: `the JSON value starting here is cut by line ${line}: ${inner.message}` });
      return;
    }
    this.state = State.Skipping;
    this.sink.unparseable(unreadableProblem(problem, 'line'), line);
  }

  /** The end of the input: a value still open is unparseable. */
  end(): void {
    if (this.state !== State.InValue) return;
    this.state = State.Between;
    this.brokenValue(notJson('the input ends inside the value that starts here', textFound(this.valueFirstText)));
  }

  /**
   * The open value is broken (`problem` says how): one unparseable record where it starts, or, in
   * a document, where its open item starts (the items before it were records already).
   */
  private brokenValue(problem: Unparseable): void {
    const itemLine = this.document.active ? this.document.openItemLine : undefined;
    this.parts = [];
    if (this.tooLarge && itemLine === undefined) this.reportTooLarge();
    else this.sink.unparseable(problem, itemLine ?? this.valueLine);
    this.document.reset(false);
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
    emitValue(this.sink, value, line, source, source);
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
    const { scanner, document } = this;
    let at = from;
    let lineError = wholeLineError;
    for (;;) {
      while (at < end && isSpace(text.charCodeAt(at))) at++;
      if (at >= end) return;
      scanner.reset();
      document.reset(text.charCodeAt(at) === OPEN_BRACKET);
      document.beginLine(text, at);
      const stop = scanner.scan(text, at, end, line, lineStart);
      if (scanner.status === 'done') {
        if (document.active) {
          this.valueLine = line;
          this.endDocument(stop);
        } else this.parseValue(text.slice(at, stop), line);
        at = stop;
        lineError = undefined;
        continue;
      }
      this.valueLine = line;
      this.valueFirstText = text.slice(at, end).trimEnd();
      this.tooLarge = false;
      if (scanner.status === 'error') {
        this.state = State.Skipping;
        this.brokenValue(notJson(lineError ?? scanner.error, textFound(this.valueFirstText)));
        return;
      }
      // The value goes on over the next lines.
      this.state = State.InValue;
      document.endLine(end);
      this.parts = document.active ? [] : [text.slice(at, end)];
      this.held = end - at;
      this.checkSize();
      return;
    }
  }

  /** A line inside a value that spans lines. */
  private continueValue(text: string, start: number, end: number, line: number): void {
    const { scanner, document } = this;
    const first = text.charCodeAt(start);
    if ((first === OPEN_BRACE || first === OPEN_BRACKET) && !scanner.atItemStart) {
      // A line that opens a value in its first column starts a new one: the open value was cut
      // short (a killed writer, a lost packet), and it alone is lost.
      this.brokenValue(
        notJson(
          `the value is cut short: line ${line} starts a new value in its first column`,
          textFound(this.valueFirstText),
        ),
      );
      this.state = State.Between;
      this.startLine(text, start, end, line);
      return;
    }
    document.beginLine(text, start);
    const stop = scanner.scan(text, start, end, line, start);
    if (scanner.status === 'error') {
      this.brokenValue(notJson(scanner.error, textFound(this.valueFirstText)));
      // A line that starts with `{` or `[` in its first column starts a value of its own.
      if (first === OPEN_BRACE || first === OPEN_BRACKET) {
        this.state = State.Between;
        this.startLine(text, start, end, line);
      } else {
        this.state = State.Skipping;
      }
      return;
    }
    if (scanner.status === 'more') {
      if (document.active) document.endLine(end);
      else this.hold(text.slice(start, end));
      return;
    }
    this.state = State.Between;
    if (document.active) this.endDocument(stop);
    else {
      this.hold(text.slice(start, stop));
      if (this.tooLarge) this.reportTooLarge();
      else this.parseValue(this.parts.join('\n'), this.valueLine);
    }
    this.parts = [];
    // What follows the value on its last line.
    this.scanLine(text, stop, end, line, start, undefined);
  }

  /** Holds one more line of a value that is not a document. */
  private hold(part: string): void {
    this.held += part.length + 1;
    if (this.tooLarge) return;
    this.parts.push(part);
    this.checkSize();
  }

  /** Parses and hands on an item of the open document, as soon as it is complete. */
  private emitItem(item: CompleteItem): void {
    if (item.text === undefined) {
      this.sink.unparseable(tooLargeValue(item.size), item.line);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch (error) {
      this.sink.unparseable(notJson(parseError(error), textFound(item.text)), item.line);
      return;
    }
    const container = this.document.isPage ? 'page' : 'array';
    this.sink.record(value, item.line, item.index, container, ...itemSource(item.text, value));
  }

  /** The document ended just before `at`: a list page's own fields are judged now. */
  private endDocument(at: number): void {
    const ownFields = this.document.ownFieldsText(at);
    this.document.reset(false);
    if (ownFields === undefined) return;
    let page: unknown;
    try {
      page = JSON.parse(ownFields);
    } catch (error) {
      this.sink.unparseable(notJson(parseError(error), textFound(ownFields)), this.valueLine);
      return;
    }
    emitValue(this.sink, page, this.valueLine, undefined, ownFields);
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
    emitValue(this.sink, value, line, source, source);
  }

  private checkSize(): void {
    if (this.held > LINE_LIMIT) {
      // Stop holding it, but read on to find where it ends.
      this.tooLarge = true;
      this.parts = [];
    }
  }

  private reportTooLarge(): void {
    this.sink.unparseable(tooLargeValue(this.held), this.valueLine);
  }

  /** Parses a complete value's text (one parse per value) and hands on its records. */
  private parseValue(source: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      this.sink.unparseable(notJson(parseError(error), textFound(source)), line);
      return;
    }
    // A value on one line is kept as it was read; one spread over lines is not (it would not fit a line).
    emitValue(this.sink, value, line, source.includes('\n') ? undefined : source, source);
  }
}

/** The problem of a value (or an item) too large to hold. */
const tooLargeValue = (bytes: number): Unparseable => ({
  keyword: 'size',
  message: `JSON value of more than ${megabytes(LINE_LIMIT)} is larger than the limit; skipped`,
  expected: `at most ${megabytes(LINE_LIMIT)}`,
  found: megabytes(bytes),
});

/** An item's text as it is written out (when it was on one line) and the key it repeats. */
function itemSource(text: string, value: unknown): [source: string | undefined, duplicateKey: string | undefined] {
  return [text.includes('\n') ? undefined : text, duplicateKeyOf(text, value)];
}

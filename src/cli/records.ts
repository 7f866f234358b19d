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
 *
 * An unparseable value is handed on with its text exactly as it was read (`RawText`): from where
 * it starts through the last line that goes with it, the lines skipped after it included, so it
 * is handed on once reading resumes (`SetAside`).
 */
import { DocumentBuffer, type CompleteItem } from './document.js';
import type { LineSink, UnreadableLine } from './lines.js';
import {
  DOCUMENT_LIMIT,
  emitValue,
  itemSource,
  LINE_LIMIT,
  notJson,
  parseError,
  textFound,
  tooLargeValue,
  unreadableProblem,
  type RecordSink,
  type Unparseable,
} from './record-sink.js';
import { OpenValue } from './open-value.js';
import { leadingSpace, RawText, SetAside, trailingSpace } from './raw-text.js';
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

/** Reads one input: `LineDecoder` feeds it lines; call `end` after the last. */
export class RecordReader implements LineSink {
  private state = State.Between;
  private readonly scanner = new ValueScanner();
  private readonly document = new DocumentBuffer(
    LINE_LIMIT,
    () => (this.value.tooLarge ? undefined : this.value.parts),
    (item) => this.emitItem(item),
  );
  /** The value being read over several lines. */
  private readonly value = new OpenValue();
  /** The broken value whose rest is being skipped. */
  private broken: SetAside | undefined;

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
    const addLine = (raw: RawText) => (problem.kind === 'not-utf8' ? raw.add(Buffer.from(problem.raw)) : raw.lose());
    if (this.state === State.InValue) {
      this.state = State.Skipping;
      const inner = unreadableProblem(problem, `line ${line}`);
      const raw = this.value.raw(this.document);
      raw.newLine();
      addLine(raw);
      this.brokenValue(
        { ...inner, message: `the JSON value starting here is cut by line ${line}: ${inner.message}` },
        raw,
      );
      return;
    }
    this.settle();
    this.state = State.Skipping;
    const raw = new RawText();
    addLine(raw);
    this.broken = new SetAside(unreadableProblem(problem, 'line'), line, raw);
  }

  /** The end of the input: a value still open is unparseable. */
  end(): void {
    if (this.state === State.InValue) {
      this.state = State.Between;
      this.brokenValue(
        notJson('the input ends inside the value that starts here', textFound(this.value.firstText)),
        this.value.raw(this.document),
      );
    }
    this.settle();
  }

  /** Hands on the broken value being skipped, if any: at the end of an input, or when it stops early. */
  settle(): void {
    const broken = this.broken;
    this.broken = undefined;
    broken?.settle(this.sink);
  }

  /**
   * The open value is broken (`problem` says how, `raw` holds its text so far): one unparseable
   * record where it starts, or, in a document, where its open item starts (the items before it
   * were records already), handed on once what goes with it is skipped.
   */
  private brokenValue(problem: Unparseable, raw: RawText): void {
    const itemLine = this.document.active ? this.document.openItemLine : undefined;
    const { value } = this;
    value.parts = [];
    this.settle();
    const tooLarge = value.tooLarge && itemLine === undefined;
    this.broken = new SetAside(tooLarge ? tooLargeValue(value.held) : problem, itemLine ?? value.line, raw);
    this.document.reset(false);
  }

  /** An unparseable value that nothing after it goes with: handed on at once. */
  private unparseable(problem: Unparseable, line: number, raw: RawText): void {
    this.settle();
    this.sink.unparseable(problem, line, raw.value());
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
      this.value.indent = leadingSpace(text, lineStart, at);
      const stop = scanner.scan(text, at, end, line, lineStart);
      if (scanner.status === 'done') {
        if (document.active) {
          this.value.line = line;
          this.endDocument(stop);
        } else this.parseValue(text.slice(at, stop), line, text, stop, end);
        at = stop;
        lineError = undefined;
        continue;
      }
      const firstText = text.slice(at, end).trimEnd();
      if (scanner.status === 'error') {
        this.state = State.Skipping;
        // The rest of the line goes with the broken value.
        this.value.start(line, firstText, undefined, 0);
        const raw = this.value.raw(this.document, text, at, end);
        this.brokenValue(notJson(lineError ?? scanner.error, textFound(firstText)), raw);
        return;
      }
      // The value goes on over the next lines.
      this.state = State.InValue;
      document.endLine(end);
      this.value.start(line, firstText, document.active ? undefined : text.slice(at, end), end - at);
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
          textFound(this.value.firstText),
        ),
        this.value.raw(this.document),
      );
      this.settle();
      this.state = State.Between;
      this.startLine(text, start, end, line);
      return;
    }
    document.beginLine(text, start);
    const stop = scanner.scan(text, start, end, line, start);
    if (scanner.status === 'error') {
      // A line that starts with `{` or `[` in its first column starts a value of its own.
      const ownValue = first === OPEN_BRACE || first === OPEN_BRACKET;
      const raw = ownValue ? this.value.raw(this.document) : this.value.raw(this.document, text, start, end);
      this.brokenValue(notJson(scanner.error, textFound(this.value.firstText)), raw);
      if (ownValue) {
        this.settle();
        this.state = State.Between;
        this.startLine(text, start, end, line);
      } else {
        this.state = State.Skipping;
      }
      return;
    }
    if (scanner.status === 'more') {
      if (document.active) document.endLine(end);
      else this.value.hold(text.slice(start, end));
      return;
    }
    this.state = State.Between;
    if (document.active) this.endDocument(stop);
    else {
      this.value.hold(text.slice(start, stop));
      if (this.value.tooLarge) this.reportTooLarge();
      else this.parseValue(this.value.parts.join('\n'), this.value.line, text, stop, end);
    }
    this.value.parts = [];
    // What follows the value on its last line.
    this.scanLine(text, stop, end, line, start, undefined);
  }

  /** Parses and hands on an item of the open document, as soon as it is complete. */
  private emitItem(item: CompleteItem): void {
    if (item.text === undefined) {
      this.unparseable(tooLargeValue(item.size), item.line, RawText.lost());
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch (error) {
      const raw = RawText.of(item.index === 0 ? this.value.indent : '');
      this.document.lead(raw, item.index === 0);
      raw.add(item.text);
      this.unparseable(notJson(parseError(error), textFound(item.text)), item.line, raw);
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
      // Its logs were records: what is left of its text is the page without them.
      const raw = RawText.of(this.value.indent + ownFields);
      this.unparseable(notJson(parseError(error), textFound(ownFields)), this.value.line, raw);
      return;
    }
    emitValue(this.sink, page, this.value.line, undefined, ownFields);
  }

  /** A line after a broken value: part of it, or the start of what comes next. */
  private skipLine(text: string, start: number, end: number, line: number): void {
    const code = text.charCodeAt(start);
    if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      // The broken value's closing line.
      this.broken?.skipped(text.slice(start, end));
      this.settle();
      this.state = State.Between;
      return;
    }
    if (!isSpace(code)) {
      this.settle();
      this.state = State.Between;
      this.startLine(text, start, end, line);
      return;
    }
    let from = start;
    while (from < end && isSpace(text.charCodeAt(from))) from++;
    if (from === end) {
      if (this.broken !== undefined) this.broken.blank(text.slice(start, end));
      else this.sink.blank();
      return;
    }
    let last = end - 1;
    while (isSpace(text.charCodeAt(last))) last--;
    // An indented line goes with the broken value, unless it is a whole object of its own.
    let value: unknown;
    const source = text.slice(from, last + 1);
    try {
      if (text.charCodeAt(from) !== OPEN_BRACE || text.charCodeAt(last) !== CLOSE_BRACE) throw new Error();
      value = JSON.parse(source);
    } catch {
      this.broken?.skipped(text.slice(start, end));
      return;
    }
    this.settle();
    this.state = State.Between;
    emitValue(this.sink, value, line, source, source);
  }

  private reportTooLarge(): void {
    this.unparseable(tooLargeValue(this.value.held), this.value.line, RawText.lost());
  }

  /**
   * Parses a complete value's text (one parse per value) and hands on its records; it ends at
   * `stop` in the line `text` that ends at `end`.
   */
  private parseValue(source: string, line: number, text: string, stop: number, end: number): void {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      const raw = RawText.of(this.value.indent + source + trailingSpace(text, stop, end));
      this.unparseable(notJson(parseError(error), textFound(source)), line, raw);
      return;
    }
    // A value on one line is kept as it was read; one spread over lines is not (it would not fit a line).
    emitValue(this.sink, value, line, source.includes('\n') ? undefined : source, source);
  }
}

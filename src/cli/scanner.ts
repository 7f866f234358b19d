/**
 * Finds where a JSON value that spans several lines ends, line by line, without parsing it: the
 * reader holds the value's text and hands it to `JSON.parse` once it is complete. The scanner
 * follows the JSON grammar (so that a value cut short is noticed where the next one begins rather
 * than swallowing it), and tells (`events`) where each item of a document starts and ends: the
 * items of an array, or of the `data` array of a list page, which the reader parses one by one.
 * Escapes inside strings are left to `JSON.parse`, which sees each value whole anyway; literals
 * and numbers are checked as whole tokens.
 */

const enum Expect {
  Value,
  ItemOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
}

const ARRAY = 1;
const OBJECT = 2;

const QUOTE = 34;
const BACKSLASH = 92;

/** A number as JSON writes it. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Whether `code` may be part of a number or a literal (`true`, `false`, `null`). */
const isTokenChar = (code: number) =>
  (code >= 48 && code <= 57) || // 0-9
  (code >= 97 && code <= 122) || // a-z
  (code >= 65 && code <= 90) || // A-Z
  code === 43 || // +
  code === 45 || // -
  code === 46; // .

const isSpace = (code: number) => code === 32 || code === 9 || code === 13;

/** How a character is named in a message: JSON-quoted, so that control characters are escaped. */
const describeChar = (text: string, at: number) => {
  const code = text.codePointAt(at)!;
  return JSON.stringify(String.fromCodePoint(code));
};

/**
 * What the scanner tells about the items of a document as it finds them, by offsets in the text
 * being scanned, so that the reader can hand on each item as soon as it is complete instead of
 * holding the whole document.
 */
export interface ItemEvents {
  /** The items' array opens: its `[` ends just before `at` (a list page's own fields stop there). */
  itemsOpen(at: number): void;
  /** An item starts at `at`, on line `line`. */
  itemStart(at: number, line: number): void;
  /** The item that started last ends just before `at`. */
  itemEnd(at: number): void;
  /** The items' array closes: its `]` is at `at` (a list page's own fields resume there). */
  itemsClose(at: number): void;
}

/** Scans one value, line by line: `reset`, then `scan` each line until `status` is `done` or `error`. */
export class ValueScanner {
  /** `more`: the value goes on past the text scanned; `done`: it ended where `scan` returned; `error`: it is broken there. */
  status: 'more' | 'done' | 'error' = 'more';
  /** Why the value is broken, when `status` is `error`. */
  error = '';
  /** The value is a document: an array, or an object whose `data` is an array (a list page). */
  document = false;
  /** Told where the items of a document start and end, when set. */
  events: ItemEvents | undefined;
  private readonly stack: number[] = [];
  /** The value is an object with a `type` at its top: a log, whose `data` is not a page's. */
  private typed = false;
  private expect = Expect.Value;
  /** The key just read at the top of an object was `data`. */
  private dataKey = false;
  /** The depth whose values are items (1 in an array, 2 in the `data` array of an object); -1 for none. */
  private itemsDepth = -1;

  /**
   * Whether the scan stands where an item of the document may start (after `[` or `,` of its
   * items' array): the one place where a line that opens with `{` or `[` in its first column
   * continues the open value instead of starting a new one.
   */
  get atItemStart(): boolean {
    return this.stack.length === this.itemsDepth && (this.expect === Expect.ItemOrEnd || this.expect === Expect.Value);
  }

  /** Starts on a new value. */
  reset(): void {
    this.status = 'more';
    this.error = '';
    this.document = false;
    this.typed = false;
    this.stack.length = 0;
    this.expect = Expect.Value;
    this.dataKey = false;
    this.itemsDepth = -1;
  }

  /**
   * Scans `text` from `from` to `to` (one line, or what is left of it, without its `\n`) that is
   * line `line` and starts at `lineStart`. Returns where the value ended (status `done`), where it
   * broke (`error`), or `to` (`more`).
   */
  scan(text: string, from: number, to: number, line: number, lineStart: number): number {
    const stack = this.stack;
    let i = from;
    while (i < to) {
      const code = text.charCodeAt(i);
      if (isSpace(code)) {
        i++;
        continue;
      }
      switch (this.expect) {
        case Expect.ItemOrEnd:
          if (code === 93) {
            i++;
            if (this.close(i)) return this.done(i);
            continue;
          }
        // Otherwise an item: a value.
        // falls through
        case Expect.Value: {
          if (stack.length === this.itemsDepth) this.events?.itemStart(i, line);
          if (code === 123 || code === 91) {
            this.open(code === 123 ? OBJECT : ARRAY, i);
            i++;
            continue;
          }
          const end = code === QUOTE ? this.stringEnd(text, i, to) : this.tokenEnd(text, i, to);
          if (end === -1) return this.fail(text, i, to, line, lineStart);
          i = end;
          if (stack.length === this.itemsDepth) this.events?.itemEnd(i);
          if (stack.length === 0) return this.done(i);
          this.expect = Expect.CommaOrEnd;
          continue;
        }
        case Expect.KeyOrEnd:
          if (code === 125) {
            i++;
            if (this.close(i)) return this.done(i);
            continue;
          }
        // falls through
        case Expect.Key: {
          if (code !== QUOTE) return this.fail(text, i, to, line, lineStart);
          const end = this.stringEnd(text, i, to);
          if (end === -1) return this.fail(text, i, to, line, lineStart);
          if (stack.length === 1) {
            this.dataKey = end - i === 6 && text.startsWith('data', i + 1);
            if (end - i === 6 && text.startsWith('type', i + 1)) this.typed = true;
          }
          i = end;
          this.expect = Expect.Colon;
          continue;
        }
        case Expect.Colon:
          if (code !== 58) return this.fail(text, i, to, line, lineStart);
          i++;
          this.expect = Expect.Value;
          continue;
        case Expect.CommaOrEnd: {
          const top = stack[stack.length - 1];
          if (code === 44) {
            i++;
            this.expect = top === OBJECT ? Expect.Key : Expect.Value;
            continue;
          }
          if ((code === 93 && top === ARRAY) || (code === 125 && top === OBJECT)) {
            i++;
            if (this.close(i)) return this.done(i);
            continue;
          }
          return this.fail(text, i, to, line, lineStart);
        }
      }
    }
    return to;
  }

  /** Opens a container whose first character is at `at`. */
  private open(kind: number, at: number): void {
    const stack = this.stack;
    stack.push(kind);
    if (kind === ARRAY) {
      this.expect = Expect.ItemOrEnd;
      if (stack.length === 1 || (stack.length === 2 && this.dataKey && stack[0] === OBJECT && !this.typed)) {
        // Items of the value's own array, or of its `data` array (a list page's).
        this.itemsDepth = stack.length;
        this.document = true;
        this.events?.itemsOpen(at + 1);
      }
    } else {
      this.expect = Expect.KeyOrEnd;
    }
  }

  /** Closes the innermost container, whose last character ends just before `at`; true when that ends the value. */
  private close(at: number): boolean {
    const stack = this.stack;
    if (stack.length === this.itemsDepth) {
      this.events?.itemsClose(at - 1);
      if (stack.length === 2) this.itemsDepth = -1;
    }
    stack.pop();
    if (stack.length === this.itemsDepth) this.events?.itemEnd(at);
    this.expect = Expect.CommaOrEnd;
    return stack.length === 0;
  }

  private done(at: number): number {
    this.status = 'done';
    return at;
  }

  /** Where the string that opens at `at` ends (after its closing quote), or -1 when the line ends inside it. */
  private stringEnd(text: string, at: number, to: number): number {
    let from = at + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote === -1 || quote >= to) return -1;
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      from = quote + 1;
    }
  }

  /** Where the number or literal that starts at `at` ends, or -1 when it is not one. */
  private tokenEnd(text: string, at: number, to: number): number {
    let end = at;
    while (end < to && isTokenChar(text.charCodeAt(end))) end++;
    if (end === at) return -1;
    const token = text.slice(at, end);
    return token === 'true' || token === 'false' || token === 'null' || NUMBER.test(token) ? end : -1;
  }

  private fail(text: string, at: number, to: number, line: number, lineStart: number): number {
    this.status = 'error';
    const column = at - lineStart + 1;
    const code = text.charCodeAt(at);
    if (code === QUOTE && this.stringEnd(text, at, to) === -1) {
      this.error = `line ${line} ends inside a string that starts at column ${column}`;
    } else if (isTokenChar(code)) {
      let end = at;
      while (end < to && isTokenChar(text.charCodeAt(end))) end++;
      const token = text.slice(at, Math.min(end, at + 20));
      this.error = `${JSON.stringify(token)} at line ${line}, column ${column} is not a JSON value`;
    } else {
      this.error = `unexpected ${describeChar(text, at)} at line ${line}, column ${column}`;
    }
    return at;
  }
}

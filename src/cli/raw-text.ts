/**
 * The text of an unparseable value exactly as it was read, for `--emit invalid` to write it out:
 * from where the value starts (with the white space before it when nothing else precedes it on
 * its line) through the last line that goes with it, the lines skipped after it included. It is
 * held up to the line limit; past that, or when a line of it was too long to hold, it is lost and
 * says so (`value()` is `undefined`), so that the judge counts it instead of writing part of it.
 */
import { LINE_LIMIT, type RecordSink, type Unparseable } from './record-sink.js';

/** Past this many pieces, the pieces are joined into one, so that a value of many short lines stays small. */
const JOIN_AT = 1024;

const isSpace = (code: number) => code === 32 || code === 9 || code === 13;

/** The white space before `at` back to `lineStart`, when nothing else precedes `at` on its line; else `''`. */
export function leadingSpace(text: string, lineStart: number, at: number): string {
  let from = at;
  while (from > lineStart && isSpace(text.charCodeAt(from - 1))) from--;
  return from === lineStart ? text.slice(lineStart, at) : '';
}

/** The white space from `at` to `end`, when nothing else follows `at` on its line; else `''`. */
export function trailingSpace(text: string, at: number, end: number): string {
  let to = at;
  while (to < end && isSpace(text.charCodeAt(to))) to++;
  return to === end ? text.slice(at, end) : '';
}

/** An unparseable value's text, built piece by piece: strings as decoded, bytes for a line that is not UTF-8. */
export class RawText {
  private pieces: (string | Buffer)[] = [];
  private size = 0;
  private binary = false;
  private held = true;

  /** A text of one piece. */
  static of(text: string): RawText {
    const raw = new RawText();
    raw.add(text);
    return raw;
  }

  /** A text that was not held. */
  static lost(): RawText {
    const raw = new RawText();
    raw.lose();
    return raw;
  }

  /** Adds to the line being written. */
  add(piece: string | Buffer): void {
    if (!this.held || piece.length === 0) return;
    this.size += piece.length;
    if (this.size > LINE_LIMIT) return this.lose();
    if (typeof piece !== 'string') this.binary = true;
    this.pieces.push(piece);
    if (this.pieces.length >= JOIN_AT) this.pieces = [this.join()];
  }

  newLine(): void {
    this.add('\n');
  }

  /** Adds lines, one piece each: the first goes on the line being written, each other on a line of its own. */
  lines(pieces: readonly string[]): void {
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) this.newLine();
      this.add(pieces[i]!);
    }
  }

  /** Adds all of `other`, its first line on the line being written. */
  append(other: RawText): void {
    if (!other.held) return this.lose();
    for (const piece of other.pieces) this.add(piece);
  }

  /** Part of the text could not be held: none of it is written. */
  lose(): void {
    this.held = false;
    this.pieces = [];
  }

  /** The text (bytes when a line of it is not UTF-8), or `undefined` when it was not all held. */
  value(): string | Buffer | undefined {
    return this.held ? this.join() : undefined;
  }

  private join(): string | Buffer {
    if (!this.binary) return (this.pieces as string[]).join('');
    return Buffer.concat(this.pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)));
  }
}

/**
 * A broken value whose rest is being skipped: handed on once reading resumes, so that the lines
 * that go with it are part of its text. Lines of white space among them are kept aside: they are
 * its text when another line of it follows, and blank lines when reading resumes after them.
 */
export class SetAside {
  private blanks = new RawText();
  private blankLines = 0;

  constructor(
    private readonly problem: Unparseable,
    private readonly line: number,
    private readonly raw: RawText,
  ) {}

  /** A line that goes with the broken value. */
  skipped(text: string): void {
    if (this.blankLines > 0) {
      this.raw.append(this.blanks);
      this.blanks = new RawText();
      this.blankLines = 0;
    }
    this.raw.newLine();
    this.raw.add(text);
  }

  /** A line of white space while skipping. */
  blank(text: string): void {
    this.blankLines++;
    this.blanks.newLine();
    this.blanks.add(text);
  }

  /** Reading resumes: the value, then the blank lines after it, go to the sink. */
  settle(sink: RecordSink): void {
    sink.unparseable(this.problem, this.line, this.raw.value());
    for (let i = 0; i < this.blankLines; i++) sink.blank();
  }
}

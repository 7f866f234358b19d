/**
 * Splits a byte stream into lines without decoding it first, so that invalid UTF-8 and binary
 * garbage are found line by line, and a line longer than the limit is counted and skipped
 * without being held in memory.
 */

/** One line: its 1-based number and its bytes (without `\n`), or `undefined` when it was longer than the limit. */
export interface Line {
  number: number;
  bytes: Buffer | undefined;
  /** The line's length in bytes, also when it was too long to keep. */
  length: number;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private held = 0;
  private overlong = false;
  private lineNumber = 0;

  /** `maxLineBytes` may be changed between chunks; it applies to the line being read. */
  constructor(
    public maxLineBytes: number,
    private readonly emit: (line: Line) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      if (newline === -1) {
        this.hold(chunk.subarray(start));
        return;
      }
      if (this.held === 0 && !this.overlong && newline - start <= this.maxLineBytes) {
        // Fast path: the whole line sits in this chunk.
        this.emit({ number: ++this.lineNumber, bytes: chunk.subarray(start, newline), length: newline - start });
      } else {
        this.hold(chunk.subarray(start, newline));
        this.flush();
      }
      start = newline + 1;
    }
  }

  /** Emits the last line when the input does not end with a newline. */
  end(): void {
    if (this.held > 0 || this.overlong) this.flush();
  }

  private hold(piece: Buffer): void {
    if (piece.length === 0) return;
    this.held += piece.length;
    if (this.overlong) return;
    if (this.held > this.maxLineBytes) {
      this.overlong = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private flush(): void {
    const bytes = this.overlong
      ? undefined
      : this.parts.length === 1
        ? this.parts[0]!
        : Buffer.concat(this.parts, this.held);
    this.emit({ number: ++this.lineNumber, bytes, length: this.held });
    this.parts = [];
    this.held = 0;
    this.overlong = false;
  }
}

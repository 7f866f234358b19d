/**
 * The value the reader is in the middle of, when it spans lines: where it starts, and, when it is
 * not a document (whose items `DocumentBuffer` holds one by one), its text line by line, to be
 * parsed once it ends. Past the line limit its text is measured, not held.
 */
import type { DocumentBuffer } from './document.js';
import { LINE_LIMIT } from './record-sink.js';
import { RawText } from './raw-text.js';

export class OpenValue {
  /** Its text so far, line by line (until it turns out a document). */
  parts: string[] = [];
  /** Its length so far (also once it stopped being held). */
  held = 0;
  tooLarge = false;
  /** The line where it starts. */
  line = 0;
  /** The text of its first line, for messages. */
  firstText = '';
  /** The white space before it on its first line, when nothing else precedes it: part of its text as read. */
  indent = '';

  /** Starts on a value whose first line goes on past `first` (the part of it that is not a document's). */
  start(line: number, firstText: string, first: string | undefined, length: number): void {
    this.line = line;
    this.firstText = firstText;
    this.tooLarge = false;
    this.parts = first === undefined ? [] : [first];
    this.held = length;
    this.checkSize();
  }

  /** Holds one more line of a value that is not a document. */
  hold(part: string): void {
    this.held += part.length + 1;
    if (this.tooLarge) return;
    this.parts.push(part);
    this.checkSize();
  }

  /**
   * Its text as read, through `to` on the current line `text` (from `from`, when the value is not
   * a document), or through the line before.
   */
  raw(document: DocumentBuffer, text?: string, from = 0, to?: number): RawText {
    if (!document.active && this.tooLarge) return RawText.lost();
    // A document's own start is part of it while none of its items was handed on.
    const raw = RawText.of(document.active && document.handedOn ? '' : this.indent);
    if (document.active) {
      document.unread(raw, to);
      return raw;
    }
    raw.lines(this.parts);
    if (text === undefined) return raw;
    if (this.parts.length > 0) raw.newLine();
    raw.add(text.slice(from, to));
    return raw;
  }

  private checkSize(): void {
    if (this.held > LINE_LIMIT) {
      // Stop holding it, but read on to find where it ends.
      this.tooLarge = true;
      this.parts = [];
    }
  }
}

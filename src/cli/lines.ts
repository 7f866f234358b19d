/**
 * Turns the bytes of one input into text, a block of whole lines at a time. A chunk's complete
 * lines are checked and decoded in one call (ASCII, the common case, is copied as Latin-1 without
 * transcoding), so that nothing is allocated per line; only the line that straddles two chunks is
 * held as bytes, and a line longer than the limit stops being held at the limit. A block that is
 * not UTF-8 is decoded line by line, to report the bad line and the byte's position in it.
 */
import * as nodeBuffer from 'node:buffer';

/** Why a line could not be turned into text. */
export type UnreadableLine =
  /** `first`: the line's first byte, which tells a compact array (`[`) from a long record. */
  | { kind: 'too-long'; bytes: number; limit: number; first: number | undefined }
  /** `raw`: the line's bytes, without its newline (for `--emit invalid` to write them as they were). */
  | { kind: 'not-utf8'; byte: number; raw: Buffer };

/** What the decoder hands lines to (the record reader). */
export interface LineSink {
  /**
   * Whole lines of text, each ended by `\n` except the input's last when it has none; the first is
   * line `firstLine` (1-based). Returns the number of the line after the last one it read.
   */
  lines(text: string, firstLine: number): number;
  /** A line that cannot be read as text: too long to hold, or not UTF-8. */
  unreadable(line: number, problem: UnreadableLine): void;
}

const NEWLINE = 10;
/**
 * Files are read this much at a time, and chunks of other streams are cut to this size, so that
 * any chunk is handled like one read from a file.
 */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Lines are decoded this much at a time (more for a longer line): `JSON.parse` reads slices of a
 * small string measurably faster (6 to 10% over a whole run) than slices of a megabyte-long one,
 * which Node makes an external string.
 */
const DECODE_BYTES = 64 * 1024;

// Node 18.0 to 18.13 lack these: fall back to a fatal TextDecoder (slower, same verdicts).
const isAscii: ((bytes: Uint8Array) => boolean) | undefined = (nodeBuffer as Partial<typeof nodeBuffer>).isAscii;
const isUtf8: ((bytes: Uint8Array) => boolean) | undefined = (nodeBuffer as Partial<typeof nodeBuffer>).isUtf8;
// `ignoreBOM` keeps a U+FEFF as it is: only the one at the very start of an input is skipped (by the reader).
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text, or `undefined` when they are not UTF-8. */
export function decodeUtf8(bytes: Buffer): string | undefined {
  if (isAscii?.(bytes)) return bytes.toString('latin1');
  if (isUtf8 !== undefined) return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
  try {
    return fatal.decode(bytes);
  } catch {
    return undefined;
  }
}

function decodesAsPrefix(bytes: Buffer): boolean {
  try {
    // `stream: true` tolerates a character cut at the end, so only real errors fail.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The 0-based offset of the first byte that makes `bytes` invalid UTF-8 (only called on failure). */
export function firstInvalidUtf8(bytes: Buffer): number {
  // Bisect for the longest prefix that still decodes.
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (decodesAsPrefix(bytes.subarray(0, middle))) low = middle;
    else high = middle;
  }
  return low;
}

/** Splits one input's bytes into lines and decodes them, a block at a time; `push` each chunk, then `end`. */
export class LineDecoder {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private overlong = false;
  private overlongFirst: number | undefined;
  private nextLine = 1;

  /** `maxLineBytes` is asked for whenever a line is being held, so that it may depend on what is being read. */
  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: () => number,
  ) {}

  /** Lines read so far (a last line without `\n` counts once `end` is called). */
  get lines(): number {
    return this.nextLine - 1;
  }

  push(chunk: Buffer): void {
    for (let at = 0; at < chunk.length; at += CHUNK_BYTES) this.pushPiece(chunk.subarray(at, at + CHUNK_BYTES));
  }

  /** Reads the last line when the input does not end with a newline. */
  end(): void {
    if (this.heldBytes > 0 || this.overlong) this.flushHeld();
  }

  private pushPiece(chunk: Buffer): void {
    let start = 0;
    if (this.heldBytes > 0 || this.overlong) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.hold(chunk);
        return;
      }
      this.hold(chunk.subarray(0, newline));
      this.flushHeld();
      start = newline + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      this.block(chunk.subarray(start, last + 1));
      start = last + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  /** Holds part of the line that goes on into the next chunk (without its newline). */
  private hold(piece: Buffer): void {
    this.heldBytes += piece.length;
    if (this.overlong) return;
    if (this.heldBytes > this.maxLineBytes()) {
      this.overlong = true;
      this.overlongFirst = (this.held[0] ?? piece)[0];
      this.held = [];
      return;
    }
    if (piece.length > 0) this.held.push(piece);
  }

  /** Reads the held line: a block of one line, without its newline (the sink counts it all the same). */
  private flushHeld(): void {
    if (this.overlong) {
      this.sink.unreadable(this.nextLine++, {
        kind: 'too-long',
        bytes: this.heldBytes,
        limit: this.maxLineBytes(),
        first: this.overlongFirst,
      });
    } else {
      this.block(this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held, this.heldBytes));
    }
    this.held = [];
    this.heldBytes = 0;
    this.overlong = false;
  }

  /** Reads whole lines (`bytes` ends where a line does), a few pages at a time. */
  private block(bytes: Buffer): void {
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.length;
      if (start + DECODE_BYTES < end) {
        end = bytes.lastIndexOf(NEWLINE, start + DECODE_BYTES - 1) + 1;
        // A line longer than a block is a block of its own.
        if (end <= start) end = bytes.indexOf(NEWLINE, start + DECODE_BYTES) + 1 || bytes.length;
      }
      this.decodeLines(bytes.subarray(start, end));
      start = end;
    }
  }

  private decodeLines(bytes: Buffer): void {
    const text = decodeUtf8(bytes);
    if (text !== undefined) {
      this.nextLine = this.sink.lines(text, this.nextLine);
      return;
    }
    // Not UTF-8 somewhere: read it line by line to tell which line, and where in it.
    let start = 0;
    while (start < bytes.length) {
      const newline = bytes.indexOf(NEWLINE, start);
      const end = newline === -1 ? bytes.length : newline + 1;
      const lineText = decodeUtf8(bytes.subarray(start, end));
      if (lineText !== undefined) this.nextLine = this.sink.lines(lineText, this.nextLine);
      else {
        // The position is in the line without its newline (where a character cut at the end is the error).
        const raw = bytes.subarray(start, newline === -1 ? end : newline);
        const byte = firstInvalidUtf8(raw) + 1;
        this.sink.unreadable(this.nextLine++, { kind: 'not-utf8', byte, raw });
      }
      start = end;
    }
  }
}

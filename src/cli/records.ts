/**
 * Turns the lines of one input into records. An input is JSON Lines unless its first non-blank
 * line does not parse on its own and opens a JSON document spread over several lines (it starts
 * with `[`, or is a lone `{`); such a document is read whole, up to `DOCUMENT_LIMIT` bytes.
 * A JSON value that is an array, or a list page `{"object": "list", "data": [...]}`, stands for
 * the records it holds, on a line as in a document.
 */
import { LineSplitter, type Line } from './lines.js';

/** The longest JSON Lines line read; a longer one is counted as unparseable without being held in memory. */
export const LINE_LIMIT = 16 * 1024 * 1024;
/** The largest multi-line JSON document read; it has to be held in memory whole to be parsed. */
export const DOCUMENT_LIMIT = 256 * 1024 * 1024;

/** Where a record came from: its line (where the document starts, for a document) and its place in an array or page. */
export interface Origin {
  line: number;
  /** `[3]` for the fourth item of an array, `data[3]` for that of a page; absent for a lone log. */
  index?: string;
}

export interface RecordSink {
  /** A JSON value that stands for one audit log. */
  record(value: unknown, origin: Origin): void;
  /** Something that should have been a record but could not be read as JSON. */
  unparseable(reason: string, origin: Origin): void;
  /** A line holding nothing but white space: not a record. */
  blank(): void;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

function isPage(value: unknown): value is { data: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { object?: unknown }).object === 'list' &&
    Array.isArray((value as { data?: unknown }).data)
  );
}

/** Hands every record held by a parsed JSON value to the sink. */
function emitValue(value: unknown, line: number, sink: RecordSink): void {
  if (Array.isArray(value)) value.forEach((item, i) => sink.record(item, { line, index: `[${i}]` }));
  else if (isPage(value)) value.data.forEach((item, i) => sink.record(item, { line, index: `data[${i}]` }));
  else sink.record(value, { line });
}

function decode(bytes: Buffer): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Only called on failure: bisect for the first byte offset whose prefix stops decoding.
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (decodeStreaming(bytes.subarray(0, middle))) low = middle;
    else high = middle;
  }
  return low;
}

function decodeStreaming(bytes: Buffer): boolean {
  try {
    // `stream: true` tolerates a character cut at the end, so only real errors fail.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const parseError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Reads one input: feed it chunks with `push`, then call `end`. */
export class RecordReader {
  private mode: 'detect' | 'lines' | 'document' = 'detect';
  private readonly splitter: LineSplitter;
  private document: Buffer[] = [];
  private documentBytes = 0;
  private documentLine = 0;
  /** Lines read so far. */
  lines = 0;

  constructor(private readonly sink: RecordSink) {
    this.splitter = new LineSplitter(LINE_LIMIT, (line) => this.line(line));
  }

  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    if (this.mode === 'document') this.endDocument();
  }

  private line(line: Line): void {
    this.lines = line.number;
    if (this.mode === 'document') {
      this.documentBytes += line.length + 1;
      if (line.bytes !== undefined && this.documentBytes <= DOCUMENT_LIMIT) this.document.push(line.bytes, NEWLINE);
      else this.document = [];
      return;
    }
    const origin = { line: line.number };
    if (line.bytes === undefined) {
      this.mode = 'lines';
      this.sink.unparseable(
        `line of ${megabytes(line.length)} is longer than the ${megabytes(LINE_LIMIT)} limit; skipped`,
        origin,
      );
      return;
    }
    const text = decode(line.bytes);
    if (text === undefined) {
      this.mode = 'lines';
      this.sink.unparseable(`not valid UTF-8 (byte ${firstInvalidUtf8(line.bytes) + 1} of the line)`, origin);
      return;
    }
    const trimmed = text.trim();
    if (trimmed === '') {
      this.sink.blank();
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      if (this.mode === 'detect' && (trimmed.startsWith('[') || trimmed === '{')) {
        this.mode = 'document';
        // A document's lines are only bounded by the document's own limit.
        this.splitter.maxLineBytes = DOCUMENT_LIMIT;
        this.documentLine = line.number;
        this.document = [line.bytes, NEWLINE];
        this.documentBytes = line.length + 1;
        return;
      }
      this.mode = 'lines';
      this.sink.unparseable(`not JSON: ${parseError(error)}`, origin);
      return;
    }
    this.mode = 'lines';
    emitValue(value, line.number, this.sink);
  }

  private endDocument(): void {
    const origin = { line: this.documentLine };
    const bytes = this.documentBytes;
    const parts = this.document;
    this.document = [];
    if (bytes > DOCUMENT_LIMIT || parts.length === 0) {
      this.sink.unparseable(
        `JSON document of ${megabytes(bytes)} is larger than the ${megabytes(DOCUMENT_LIMIT)} limit; convert it to JSON Lines (for example: jq -c '.[]')`,
        origin,
      );
      return;
    }
    const all = Buffer.concat(parts);
    const text = decode(all);
    if (text === undefined) {
      this.sink.unparseable(`JSON document is not valid UTF-8 (byte ${firstInvalidUtf8(all) + 1})`, origin);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.sink.unparseable(`JSON document starting here does not parse: ${parseError(error)}`, origin);
      return;
    }
    emitValue(value, this.documentLine, this.sink);
  }
}

const NEWLINE = Buffer.from('\n');

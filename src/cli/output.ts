/** Writing to standard output, standard error or a file, line by line. */

/** Pending output past this many characters is handed to the stream at once. */
const SPILL_CHARS = 4 * 1024 * 1024;

/**
 * Output to a stream that respects its back-pressure and survives its reader going away
 * (`| head`): lines are gathered and written once per chunk of input, by `flush`, which waits
 * until the stream has taken them, so that `written` counts only lines that reached it.
 */
export class Output {
  private pending: (string | Buffer)[] = [];
  /** Some pending line is bytes (an unparseable line that is not UTF-8, written as it was read). */
  private pendingBytes = false;
  private pendingLines = 0;
  private pendingChars = 0;
  /** Writes handed to the stream before `flush` (see `line`), to be waited for by it. */
  private spilled: Promise<void>[] = [];
  /** Lines the stream took (its write callback said so without an error). */
  written = 0;
  /** The stream failed or its reader went away: nothing more is written. */
  closed = false;
  /** Why, when it failed. */
  error: NodeJS.ErrnoException | undefined;

  constructor(
    readonly stream: NodeJS.WritableStream,
    /** How the output is named in a message: `standard output`, or the file. */
    readonly name: string,
  ) {
    stream.on('error', (error: Error) => this.fail(error));
    this.gone = new Promise<void>((resolve) => {
      stream.once('error', () => resolve());
      stream.once('close', () => resolve());
    });
  }

  /** Settles when the stream fails or closes: a write waits for its callback or for this. */
  private readonly gone: Promise<void>;

  private fail(error: Error): void {
    this.closed = true;
    this.error ??= error;
  }

  /** Writes a line: text, or bytes written as they are. */
  line(text: string | Buffer): void {
    if (this.closed) return;
    if (typeof text !== 'string') this.pendingBytes = true;
    this.pending.push(text, '\n');
    this.pendingLines++;
    this.pendingChars += text.length + 1;
    // One input line can make millions of lines of output (a document of millions of items):
    // they go to the stream a few megabytes at a time rather than as one string past V8's limit.
    if (this.pendingChars > SPILL_CHARS) this.spilled.push(this.write());
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Whether the reader went away (`| head`): a stop to make quietly, not a failure to report. */
  get readerGone(): boolean {
    return this.error?.code === 'EPIPE' || this.error?.code === 'ERR_STREAM_DESTROYED';
  }

  async flush(): Promise<void> {
    const spilled = this.spilled;
    this.spilled = [];
    const writing = this.write();
    await Promise.all([...spilled, writing]);
  }

  /** Hands what is pending to the stream; resolves once the stream took it (or failed). */
  private write(): Promise<void> {
    if (this.pending.length === 0 || this.closed) return Promise.resolve();
    const text = this.pendingBytes
      ? Buffer.concat(this.pending.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)))
      : (this.pending as string[]).join('');
    const lines = this.pendingLines;
    this.pending = [];
    this.pendingBytes = false;
    this.pendingLines = 0;
    this.pendingChars = 0;
    let resolve!: () => void;
    const taken = new Promise<void>((settle) => (resolve = settle));
    // The callback is made where `text` is out of sight: a closure over it would hold every chunk
    // written during one long synchronous burst until the event loop turns.
    const written = this.whenWritten(lines, resolve);
    try {
      this.stream.write(text, written);
    } catch (error) {
      this.fail(error as Error);
      resolve();
    }
    return Promise.race([taken, this.gone]);
  }

  /** The write callback of `lines` lines: counts them once the stream took them. */
  private whenWritten(lines: number, resolve: () => void): (error?: Error | null) => void {
    return (error) => {
      if (error) this.fail(error);
      else this.written += lines;
      resolve();
    };
  }

  /** Flushes and, for a file, closes it and waits until it is written. */
  async end(closeStream: boolean): Promise<void> {
    await this.flush();
    if (!closeStream || this.closed) return;
    await new Promise<void>((resolve) => {
      this.stream.on('error', (error: Error) => {
        this.fail(error);
        resolve();
      });
      this.stream.end(() => resolve());
    });
  }
}

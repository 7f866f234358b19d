/** Writing to standard output, standard error or a file, line by line. */

/**
 * Output to a stream that respects its back-pressure and survives its reader going away
 * (`| head`): lines are gathered and written once per chunk of input, by `flush`, which waits
 * until the stream has taken them, so that `written` counts only lines that reached it.
 */
export class Output {
  private pending: string[] = [];
  private pendingLines = 0;
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
  }

  private fail(error: Error): void {
    this.closed = true;
    this.error ??= error;
  }

  line(text: string): void {
    if (this.closed) return;
    this.pending.push(text, '\n');
    this.pendingLines++;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Whether the reader went away (`| head`): a stop to make quietly, not a failure to report. */
  get readerGone(): boolean {
    return this.error?.code === 'EPIPE' || this.error?.code === 'ERR_STREAM_DESTROYED';
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0 || this.closed) return;
    const text = this.pending.join('');
    const lines = this.pendingLines;
    this.pending = [];
    this.pendingLines = 0;
    await new Promise<void>((resolve) => {
      const stream = this.stream;
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('error', done);
      stream.on('close', done);
      try {
        stream.write(text, (error?: Error | null) => {
          if (error) this.fail(error);
          else this.written += lines;
          done();
        });
      } catch (error) {
        this.fail(error as Error);
        done();
      }
    });
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

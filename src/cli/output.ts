/** Writing to standard output, standard error or a file, line by line. */

/**
 * Output to a stream that respects its back-pressure and survives its reader going away
 * (`| head`): lines are gathered and written once per chunk of input, by `flush`.
 */
export class Output {
  private pending: string[] = [];
  /** The stream failed or its reader went away: nothing more is written. */
  closed = false;
  /** Why, when it failed. */
  error: Error | undefined;

  constructor(readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: Error) => {
      this.closed = true;
      this.error = error;
    });
  }

  line(text: string): void {
    if (!this.closed) this.pending.push(text, '\n');
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0 || this.closed) return;
    const text = this.pending.join('');
    this.pending = [];
    if (this.stream.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }

  /** Flushes and, for a file, closes it and waits until it is written. */
  async end(closeStream: boolean): Promise<void> {
    await this.flush();
    if (!closeStream || this.closed) return;
    await new Promise<void>((resolve) => {
      this.stream.on('error', () => resolve());
      this.stream.end(() => resolve());
    });
  }
}

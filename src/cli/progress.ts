/** The progress line on standard error: only on a terminal, only once an input is a few megabytes in. */

/** Bytes read before the progress line appears, so small inputs never show it. */
export const PROGRESS_AFTER_BYTES = 4 * 1024 * 1024;
const INTERVAL_MS = 250;

/** Where the progress line goes: standard error. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** The progress line: `update` after each chunk, `clear` before other output and at the end. */
export class Progress {
  private shown = false;
  private last = 0;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Called after each chunk with what has been read so far. */
  update(bytes: number, records: number): void {
    if (!this.enabled || bytes < PROGRESS_AFTER_BYTES) return;
    const now = this.now();
    if (this.shown && now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.shown = true;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(records / seconds).toLocaleString('en-US');
    const megabytes = (bytes / (1024 * 1024)).toFixed(0);
    this.stream.write(
      `\r${records.toLocaleString('en-US')} records read (${megabytes} MiB, ${rate} records/s)\u001b[K`,
    );
  }

  /** Removes the line, before other output goes to the terminal and at the end. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}

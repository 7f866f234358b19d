/** The progress line of `pull`, on standard error: only on a terminal, never with -q. */
import type { ProgressStream } from './progress.js';

const INTERVAL_MS = 250;

/** `org: 12 pages, 1,200 records, reached 2026-12-04T19:00:00Z, 950 records/s` */
export function pullProgressLine(
  stream: string,
  pages: number,
  records: number,
  reached: number | null,
  seconds: number,
): string {
  const at = reached === null ? '' : `, reached ${new Date(reached * 1000).toISOString().replace('.000', '')}`;
  const rate = Math.round(records / Math.max(seconds, 0.001)).toLocaleString('en-US');
  return `${stream}: ${pages.toLocaleString('en-US')} pages, ${records.toLocaleString('en-US')} records${at}, ${rate} records/s`;
}

export class PullProgress {
  private shown = false;
  private last = -Infinity;
  private readonly started: number;
  constructor(
    private readonly out: ProgressStream,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(stream: string, pages: number, records: number, reached: number | null): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.shown = true;
    this.out.write(`\r${pullProgressLine(stream, pages, records, reached, (now - this.started) / 1000)}\u001b[K`);
  }

  clear(): void {
    if (!this.shown) return;
    this.out.write('\r\u001b[K');
    this.shown = false;
  }
}

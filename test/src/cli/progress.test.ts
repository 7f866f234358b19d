/**
 * The progress line: on a terminal, once an input is a few megabytes in, at most four times a
 * second; never when standard error is not a terminal (a pipe).
 */
import { describe } from 'vitest';
import { Progress, PROGRESS_AFTER_BYTES } from '../../../src/cli/progress.ts';
import { runCases, type Case } from '../../support/cases.ts';

interface Given {
  terminal: boolean;
  /** [bytes read, records read, milliseconds since start] after each chunk. */
  updates: [number, number, number][];
  clear?: boolean;
}

function writes({ terminal, updates, clear }: Given): string[] {
  const written: string[] = [];
  let now = 0;
  const progress = new Progress({ isTTY: terminal, write: (text: string) => written.push(text) }, terminal, () => now);
  for (const [bytes, records, at] of updates) {
    now = at;
    progress.update(bytes, records);
  }
  if (clear) progress.clear();
  return written;
}

const BIG = PROGRESS_AFTER_BYTES;
const line = (records: string, mib: number, rate: string) =>
  `\r${records} records read (${mib} MiB, ${rate} records/s)\u001b[K`;

describe('progress line', () => {
  const cases: Case<Given, string[]>[] = [
    ['nothing for small inputs', { given: { terminal: true, updates: [[BIG - 1, 10, 1000]], clear: true }, want: [] }],
    [
      'shown once past the threshold, with count and rate',
      { given: { terminal: true, updates: [[BIG, 20_000, 2000]] }, want: [line('20,000', 4, '10,000')] },
    ],
    [
      'at most every 250 ms',
      {
        given: {
          terminal: true,
          updates: [
            [BIG, 1000, 1000],
            [BIG * 2, 2000, 1100],
            [BIG * 3, 3000, 1250],
          ],
        },
        want: [line('1,000', 4, '1,000'), line('3,000', 12, '2,400')],
      },
    ],
    [
      'cleared at the end',
      { given: { terminal: true, updates: [[BIG, 1, 1000]], clear: true }, want: [line('1', 4, '1'), '\r\u001b[K'] },
    ],
    [
      'never when not a terminal',
      { given: { terminal: false, updates: [[BIG * 100, 1_000_000, 1000]], clear: true }, want: [] },
    ],
  ];
  runCases(cases, writes);
});
